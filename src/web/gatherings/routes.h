#pragma once
#include "web/site.h"

namespace tp::services {
class GatheringService;
class ProgrammeService;
}  // namespace tp::services

namespace tp::web {

/// Registers the gatherings area: a cohort's gatherings (new, edit, delete under
/// /cohorts/{id}/gatherings and /gatherings/{id}) and their JSON API under /api/v1. The cohort
/// page (programmes) lists them; `programmes` tells whether the actor may edit the cohort. Both
/// services must outlive the site.
void RegisterGatheringRoutes(Site& site, services::GatheringService& gatherings,
                             services::ProgrammeService& programmes);

}  // namespace tp::web
