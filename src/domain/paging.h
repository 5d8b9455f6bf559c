#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace tp::domain {

/// What a list page asks for. `sort` is a column key the repository whitelists; `q` is a
/// free-text filter. Pages are 1-based.
struct PageRequest {
  long page = 1;
  long per_page = 25;  ///< clamped to 1..200 by the web layer
  std::string sort;
  bool descending = false;
  std::string q;

  long Offset() const { return (page - 1) * per_page; }
};

/// One page of a list and the total number of matching rows.
template <class T>
struct PageResult {
  std::vector<T> items;
  long total = 0;
};

}  // namespace tp::domain
