#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/paging.h"
#include "domain/signup/model.h"

namespace tp::storage {

class Tx;

/// Which operators an employer belongs to (the one that created it, those whose cohorts it
/// takes part in) and the log of changes to its details.
class EmployerRightsRepository {
 public:
  explicit EmployerRightsRepository(Tx& tx) : tx_(tx) {}
  /// The employers created by one of `operator_ids` or signed up for a cohort of one of them.
  std::set<std::int64_t> RelatedTo(const std::vector<std::int64_t>& operator_ids);
  void SetCreatedBy(std::int64_t employer_id, std::int64_t operator_id);
  void AddChange(const domain::EmployerChange& change);
  /// Newest first.
  domain::PageResult<domain::EmployerChange> Changes(std::int64_t employer_id,
                                                     const domain::PageRequest& page);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
