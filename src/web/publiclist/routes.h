#pragma once
#include "web/site.h"

namespace tp::services {
class PublicListService;
}

namespace tp::web {

/// Registers the public applicant list (page, printable view, PDF, opt-out decisions) and the
/// retention page of a cohort, and their JSON API under /api/v1. `svc` must outlive the site.
void RegisterPublicListRoutes(Site& site, services::PublicListService& svc);

}  // namespace tp::web
