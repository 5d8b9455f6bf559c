#pragma once
#include <optional>
#include <string_view>
#include <vector>

/// Files embedded in the binary at build time (migrations, templates, static files, catalogues,
/// reference data), addressed by their path relative to the repository root.
namespace tp::resources {

struct Entry {
  std::string_view path;
  std::string_view data;
};

/// The file at `path` (e.g. "templates/layouts/main.mustache"), or nullopt.
std::optional<std::string_view> Find(std::string_view path);

/// Every embedded file whose path starts with `prefix`, sorted by path.
std::vector<Entry> List(std::string_view prefix);

}  // namespace tp::resources
