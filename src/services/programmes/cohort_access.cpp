#include "services/programmes/cohort_access.h"

#include <string>

#include "domain/errors.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"
#include "storage/trainees/trainee_repository.h"

namespace tp::services::cohorts {

using domain::Actor;
using domain::RequireLogin;
using domain::Role;

CohortAccess AccessToCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id,
                            std::int64_t operator_id) {
  CohortAccess a;
  a.staff = actor.CanWorkForOperator(operator_id);
  if (a.staff) return a;
  storage::ParticipationRepository participations(tx);
  for (auto employer_id : actor.ScopesOf(Role::kCoordinator))
    if (participations.FindByCohortAndEmployer(cohort_id, employer_id)) a.coordinator = true;
  storage::TraineeRepository trainees(tx);
  for (Role role : {Role::kTrainee, Role::kMentor, Role::kSupervisor})
    for (auto trainee_id : actor.ScopesOf(role)) {
      auto t = trainees.Find(trainee_id);
      if (t && t->cohort_id == cohort_id) a.trainee_side = true;
    }
  return a;
}

// Loads the cohort and the actor's relation to it; NotFound when unknown or invisible.
std::pair<domain::Cohort, CohortAccess> VisibleCohort(storage::Tx& tx, const Actor& actor,
                                                      std::int64_t cohort_id) {
  RequireLogin(actor);
  storage::CohortRepository cohorts(tx);
  auto cohort = cohorts.Find(cohort_id);
  auto operator_id = cohorts.OperatorOf(cohort_id);
  if (!cohort || !operator_id) throw NotFound("cohort " + std::to_string(cohort_id));
  auto access = AccessToCohort(tx, actor, cohort_id, *operator_id);
  if (!access.Visible()) throw NotFound("cohort " + std::to_string(cohort_id));
  return {*cohort, access};
}

// For changes to a cohort and what hangs off it: NotFound when invisible, Forbidden when only
// visible.
domain::Cohort EditableCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  auto [cohort, access] = VisibleCohort(tx, actor, cohort_id);
  if (!access.staff) throw Forbidden("cannot edit cohort " + std::to_string(cohort_id));
  return cohort;
}

domain::Operator VisibleOperator(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto op = storage::OperatorRepository(tx).Find(id);
  if (!op || !actor.CanWorkForOperator(id)) throw NotFound("operator " + std::to_string(id));
  return *op;
}

domain::Programme VisibleProgramme(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto p = storage::ProgrammeRepository(tx).Find(id);
  if (!p || !actor.CanWorkForOperator(p->operator_id))
    throw NotFound("programme " + std::to_string(id));
  return *p;
}

}  // namespace tp::services::cohorts
