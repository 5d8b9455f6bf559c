#pragma once
#include <cstdint>

#include "domain/accounts/actor.h"
#include "domain/programmes/model.h"
#include "domain/signup/model.h"

namespace tp::storage {
class Tx;
}

/// Who sees what of a sign-up, and who may sign up for a cohort (used by SignupService and by
/// ProgrammeService for the cohort page).
namespace tp::services::participations {

/// Whether the actor is a coordinator of the employer.
bool IsCoordinatorOf(const domain::Actor& actor, std::int64_t employer_id);
/// Another employer's sign-up as a coordinator sees it: its invoice details and the operator's
/// reason belong to that employer and the operator (staff of the cohort's operator see all).
void WithoutOthersPrivateFields(const domain::Actor& actor, bool staff, domain::Participation& p);
/// Throws tp::Invalid on field "signup_deadline" with the deadline-passed message.
[[noreturn]] void ThrowDeadlinePassed();

/// Rights on a cohort's sign-up: staff of its operator, or any coordinator.
struct SignupAccess {
  domain::CohortSummary cohort;
  bool staff = false;
};
/// NotFound/Forbidden for others than staff and coordinators, following the cohort's
/// visibility.
SignupAccess SignupCohort(storage::Tx& tx, const domain::Actor& actor, std::int64_t cohort_id);

}  // namespace tp::services::participations
