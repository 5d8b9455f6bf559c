#include "resources/resources.h"

#include <algorithm>

namespace tp::resources {
namespace generated {
extern const Entry kEntries[];
extern const std::size_t kCount;
}  // namespace generated

std::optional<std::string_view> Find(std::string_view path) {
  for (std::size_t i = 0; i < generated::kCount; ++i) {
    if (generated::kEntries[i].path == path) return generated::kEntries[i].data;
  }
  return std::nullopt;
}

std::vector<Entry> List(std::string_view prefix) {
  std::vector<Entry> out;
  for (std::size_t i = 0; i < generated::kCount; ++i) {
    if (generated::kEntries[i].path.starts_with(prefix)) out.push_back(generated::kEntries[i]);
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return out;
}

}  // namespace tp::resources
