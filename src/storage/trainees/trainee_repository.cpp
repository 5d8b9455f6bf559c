#include "storage/trainees/trainee_repository.h"

#include "storage/sql_helpers.h"

namespace tp::storage {

using sqlx::Cursor;
using sqlx::Params;

// === TraineeRepository ==========================================================================

std::int64_t TraineeRepository::Insert(std::int64_t cohort_id, std::int64_t employer_id,
                                       std::int64_t person_id, std::int64_t now) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) "
                      "VALUES (:cohort_id, :employer_id, :person_id, :created_at) RETURNING id",
                      Params()
                          .Int("cohort_id", cohort_id)
                          .Int("employer_id", employer_id)
                          .Int("person_id", person_id)
                          .Int("created_at", now));
}

std::optional<domain::TraineeRecord> TraineeRepository::Find(std::int64_t id) {
  Cursor c(tx_,
           "SELECT id, cohort_id, employer_id, person_id, created_at FROM trainees WHERE id = :id",
           Params().Int("id", id), "IIIII");
  if (!c.Next()) return std::nullopt;
  return domain::TraineeRecord{c.Int(0), c.Int(1), c.Int(2), c.Int(3), c.Int(4)};
}

}  // namespace tp::storage
