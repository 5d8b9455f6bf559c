#pragma once
#include <cstdint>
#include <utility>

#include "domain/accounts/actor.h"
#include "domain/programmes/model.h"

namespace tp::storage {
class Tx;
}

/// Who may see and change an operator, a programme and a cohort with what hangs off it
/// (goals, gatherings, sign-ups). Shared by the services of the programmes, gatherings and
/// signup areas so that each checks the same rights (see ProgrammeService).
namespace tp::services::cohorts {

/// The relation an actor has to a cohort, computed once per request.
struct CohortAccess {
  bool staff = false;         ///< works for the cohort's operator (or system admin)
  bool coordinator = false;   ///< coordinator of a participating employer
  bool trainee_side = false;  ///< trainee, mentor or supervisor of a trainee of the cohort
  bool Visible() const { return staff || coordinator || trainee_side; }
};

/// The actor's relation to the cohort of `operator_id`.
CohortAccess AccessToCohort(storage::Tx& tx, const domain::Actor& actor, std::int64_t cohort_id,
                            std::int64_t operator_id);
/// Loads the cohort and the actor's relation to it; NotFound when unknown or invisible
/// (Unauthenticated for anonymous actors).
std::pair<domain::Cohort, CohortAccess> VisibleCohort(storage::Tx& tx, const domain::Actor& actor,
                                                      std::int64_t cohort_id);
/// For changes to a cohort and what hangs off it: NotFound when invisible, Forbidden when only
/// visible.
domain::Cohort EditableCohort(storage::Tx& tx, const domain::Actor& actor, std::int64_t cohort_id);
/// NotFound unless the actor works for the operator (or is system admin).
domain::Operator VisibleOperator(storage::Tx& tx, const domain::Actor& actor, std::int64_t id);
/// NotFound unless the actor works for the programme's operator (or is system admin).
domain::Programme VisibleProgramme(storage::Tx& tx, const domain::Actor& actor, std::int64_t id);

}  // namespace tp::services::cohorts
