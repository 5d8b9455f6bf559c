#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/gatherings/model.h"
#include "storage/database.h"

/// The repository of the gatherings area. Works inside the caller's transaction and checks no
/// rights: the services decide who may call what.
namespace tp::storage {

/// The gatherings table.
class GatheringRepository {
 public:
  explicit GatheringRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Gathering& g);
  void Update(const domain::Gathering& g);
  void Delete(std::int64_t id);
  std::optional<domain::Gathering> Find(std::int64_t id);
  /// Ordered by start.
  std::vector<domain::Gathering> ByCohort(std::int64_t cohort_id);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
