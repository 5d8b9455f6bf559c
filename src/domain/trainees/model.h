#pragma once
#include <cstdint>

/// The records of the trainees area.
namespace tp::domain {

/// A person employed as trainee by an employer in a cohort. Grants of the trainee, mentor and
/// supervisor roles are scoped to this record's id.
struct TraineeRecord {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t employer_id = 0;
  std::int64_t person_id = 0;
  std::int64_t created_at = 0;
};

}  // namespace tp::domain
