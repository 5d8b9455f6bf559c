// The applications area's sitemap. Each group's file opens with its route table.
//
//   signup_routes.cpp   /register, /register/verify/{token}         applicant sign-up
//   apply_routes.cpp    /apply/cohorts/{id}[/receipt|/withdraw]     the application to a cohort
//   mine_routes.cpp     /applications, /applications/files/{id},    the applicant's own pages
//                       /account/export.json, /account/delete
//   api_routes.cpp      /api/v1/applications, /api/v1/cohorts/{id}/application...,
//                       /api/v1/application-files/{id}, /api/v1/account[/export],
//                       /api/v1/registrations[/verify]
//
// What the pages share: routes_internal.h (the form in application_form.cpp, the JSON in
// application_json.cpp, the page helpers in page_helpers.cpp).
#include "web/applications/routes.h"

#include "web/applications/routes_internal.h"

namespace tp::web {

void RegisterApplicationRoutes(Site& site, services::ApplicationService& svc) {
  applications::RegisterSignupRoutes(site, svc);
  applications::RegisterMyRoutes(site, svc);
  applications::RegisterApplyRoutes(site, svc);
  applications::RegisterApiRoutes(site, svc);
}

}  // namespace tp::web
