#pragma once
#include <cstdint>
#include <functional>

namespace tp::storage {
class Database;
}

/// Use cases of the trainees area: the trainee records (a person employed as trainee by an
/// employer in a cohort), which scope the trainee, mentor and supervisor grants. Hiring from
/// the pool (PoolService) writes them through storage::TraineeRepository in its own
/// transaction.
///
/// Rights: only trusted calls so far (demo seed, CLI, tests), which check no rights; callers
/// must have decided the caller may.
namespace tp::services {

class TraineeService {
 public:
  /// Keeps a reference to `db`, which must outlive the service. `clock` returns unix seconds;
  /// empty means the system clock.
  explicit TraineeService(storage::Database& db, std::function<std::int64_t()> clock = {});

  /// Records `person_id` as trainee of `employer_id` in `cohort_id` and returns the record id
  /// (the scope of trainee/mentor/supervisor grants). Trusted: no rights check; NotFound when
  /// the cohort or employer does not exist.
  std::int64_t CreateTraineeRecord(std::int64_t cohort_id, std::int64_t employer_id,
                                   std::int64_t person_id);

 private:
  storage::Database& db_;
  std::function<std::int64_t()> clock_;
};

}  // namespace tp::services
