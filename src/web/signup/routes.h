#pragma once
#include "web/site.h"

namespace tp::services {
class ProgrammeService;
class SignupService;
}  // namespace tp::services

namespace tp::web {

/// Registers the signup area: a coordinator's "Sign up" page (/signup), sign-ups of employers
/// for cohorts with logos, the operator's decision and removal, a cohort's employers as CSV,
/// each operator's background list, the employer register (with CSV export and change log),
/// and their JSON API under /api/v1 (signup/cohorts, participations, backgrounds, employers).
/// `programmes` gives the cohorts and operators the pages show. Both services must outlive the
/// site.
void RegisterSignupRoutes(Site& site, services::SignupService& signup,
                          services::ProgrammeService& programmes);

}  // namespace tp::web
