#pragma once
#include "web/site.h"

namespace tp::services {
class ApplicationService;
}

namespace tp::web {

/// Registers the applications area: applicant sign-up (/register, /register/verify/{token}),
/// the application to a cohort (/apply/cohorts/{id} with receipt and withdrawal), the
/// applicant's own list (/applications), PDF downloads and deletion, the data export
/// (/account/export.json), account deletion (/account/delete), and the JSON API
/// (/api/v1/applications, /api/v1/cohorts/{id}/application..., /api/v1/application-files/{id},
/// /api/v1/account/export). `applications` must outlive the site.
void RegisterApplicationRoutes(Site& site, services::ApplicationService& applications);

}  // namespace tp::web
