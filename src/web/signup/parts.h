#pragma once
#include "web/site.h"

namespace tp::services {
class ProgrammeService;
class SignupService;
}  // namespace tp::services

/// The parts of the signup area's routes, each in its own file; RegisterSignupRoutes registers
/// them all.
namespace tp::web {

/// The employer register: list, CSV export, new, show with the change log, edit.
void RegisterEmployerPages(Site& site, services::SignupService& signup,
                           services::ProgrammeService& programmes);
/// The JSON API under /api/v1: open cohorts, participations with logos and decisions,
/// backgrounds, employers with their change log.
void RegisterSignupApi(Site& site, services::SignupService& signup,
                       services::ProgrammeService& programmes);

}  // namespace tp::web
