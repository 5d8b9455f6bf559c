#include "services/signup/participation_rights.h"

#include <string>
#include <vector>

#include "domain/errors.h"
#include "services/programmes/cohort_access.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services::participations {

using domain::Actor;
using domain::RequireLogin;
using domain::Role;

namespace {

const char* const kDeadlinePassed =
    "The sign-up deadline has passed. Contact the programme operator if you still want to take "
    "part.";

}  // namespace

void ThrowDeadlinePassed() {
  throw Invalid(std::vector<FieldError>{FieldError{"signup_deadline", kDeadlinePassed}});
}

bool IsCoordinatorOf(const Actor& actor, std::int64_t employer_id) {
  return actor.Has(Role::kCoordinator, employer_id);
}

void WithoutOthersPrivateFields(const Actor& actor, bool staff, domain::Participation& p) {
  if (staff || IsCoordinatorOf(actor, p.employer_id)) return;
  p.invoice_org_number.clear();
  p.buyer_reference.clear();
  p.buyer_reference_pattern.clear();
  p.decision_reason.clear();
}

SignupAccess SignupCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  auto summary = storage::CohortRepository(tx).Summary(cohort_id);
  if (!summary) throw NotFound("cohort " + std::to_string(cohort_id));
  SignupAccess a{*summary, actor.CanWorkForOperator(summary->operator_id)};
  if (a.staff || !actor.ScopesOf(Role::kCoordinator).empty()) return a;
  if (cohorts::AccessToCohort(tx, actor, cohort_id, summary->operator_id).Visible())
    throw Forbidden("sign-up is for coordinators and operator staff");
  throw NotFound("cohort " + std::to_string(cohort_id));
}

}  // namespace tp::services::participations
