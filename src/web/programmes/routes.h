#pragma once
#include "web/site.h"

namespace tp::services {
class ProgrammeService;
}

namespace tp::web {

/// Registers the programmes area: the home page (GET /), operators, programmes, cohorts with
/// goals, gatherings and participations, employers (with CSV export), and the JSON API under
/// /api/v1 (operators, programmes, cohorts, goals, gatherings, participations, employers,
/// municipalities). `programmes` must outlive the site.
void RegisterProgrammeRoutes(Site& site, services::ProgrammeService& programmes);

}  // namespace tp::web
