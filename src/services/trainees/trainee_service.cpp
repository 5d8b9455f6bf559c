#include "services/trainees/trainee_service.h"

#include "domain/errors.h"
#include "services/input.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"
#include "storage/trainees/trainee_repository.h"

namespace tp::services {

TraineeService::TraineeService(storage::Database& db, std::function<std::int64_t()> clock)
    : db_(db), clock_(std::move(clock)) {}

std::int64_t TraineeService::CreateTraineeRecord(std::int64_t cohort_id, std::int64_t employer_id,
                                                 std::int64_t person_id) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    if (!storage::EmployerRepository(tx).Find(employer_id)) throw NotFound("employer");
    id = storage::TraineeRepository(tx).Insert(cohort_id, employer_id, person_id,
                                               clock_ ? clock_() : input::SystemNow());
  });
  return id;
}

}  // namespace tp::services
