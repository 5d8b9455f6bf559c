#pragma once
#include <string>
#include <string_view>

/// Small text helpers shared by every layer.
namespace tp::domain {

/// The text without leading and trailing spaces, tabs and line breaks.
std::string Trim(std::string_view text);

}  // namespace tp::domain
