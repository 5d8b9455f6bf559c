#pragma once
#include "web/site.h"

namespace tp::services {
class ProgrammeService;
}

namespace tp::web {

/// Registers the programmes area's JSON API under /api/v1: operators, programmes, cohorts,
/// their goals, and the municipality list (part of RegisterProgrammeRoutes).
void RegisterProgrammeApi(Site& site, services::ProgrammeService& programmes);

}  // namespace tp::web
