#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/trainees/model.h"
#include "storage/database.h"

/// The repository of the trainees area. Works inside the caller's transaction and checks no rights:
/// the services decide who may call what.
namespace tp::storage {

/// The trainees table.
class TraineeRepository {
 public:
  explicit TraineeRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(std::int64_t cohort_id, std::int64_t employer_id, std::int64_t person_id,
                      std::int64_t now);
  std::optional<domain::TraineeRecord> Find(std::int64_t id);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
