#include "domain/signup/organisation_number.h"

#include <array>

namespace tp::domain {

std::optional<std::string> NormaliseOrganisationNumber(std::string_view text) {
  std::string digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t') continue;
    // U+00A0 arrives when the number is copied from a web page.
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 9) return std::nullopt;
  return digits;
}

bool IsValidOrganisationNumber(std::string_view text) {
  const auto digits = NormaliseOrganisationNumber(text);
  if (!digits) return false;
  static constexpr std::array<int, 8> kWeights{3, 2, 7, 6, 5, 4, 3, 2};
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += ((*digits)[i] - '0') * kWeights[i];
  const int remainder = sum % 11;
  if (remainder == 1) return false;
  const int check = remainder == 0 ? 0 : 11 - remainder;
  return check == (*digits)[8] - '0';
}

}  // namespace tp::domain
