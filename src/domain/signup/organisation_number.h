#pragma once
#include <optional>
#include <string>
#include <string_view>

/// Norwegian organisation numbers (organisasjonsnummer, Enhetsregisteret).
namespace tp::domain {

/// The nine digits with spaces (ASCII or U+00A0) removed, or nullopt when anything else remains
/// or the count is not nine. "974 760 673" -> "974760673". Does not check the check digit.
std::optional<std::string> NormaliseOrganisationNumber(std::string_view text);

/// True for nine digits (spaces allowed, see NormaliseOrganisationNumber) whose last digit is the
/// mod-11 check digit over the first eight with weights 3 2 7 6 5 4 3 2: remainder 0 gives check
/// digit 0, remainder 1 makes the number invalid, otherwise the check digit is 11 - remainder.
bool IsValidOrganisationNumber(std::string_view text);

}  // namespace tp::domain
