#pragma once
#include "web/site.h"

namespace tp::services {
class ProgrammeService;
class SignupService;
}  // namespace tp::services

namespace tp::web {

/// Registers the programmes area: the home page (GET /), operators, programmes, cohorts with
/// goals, and their JSON API under /api/v1 (operators, programmes, cohorts, goals,
/// municipalities). `signup` names the coordinator's employers on the home page. Both services
/// must outlive the site.
void RegisterProgrammeRoutes(Site& site, services::ProgrammeService& programmes,
                             services::SignupService& signup);

}  // namespace tp::web
