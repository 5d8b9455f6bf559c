#include "domain/money.h"

#include <cctype>
#include <limits>

namespace tp::domain {
namespace {

constexpr std::string_view kNbsp = "\xC2\xA0";
constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";

std::string GroupThousands(unsigned long long value) {
  std::string digits = std::to_string(value);
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    // A separator goes before every digit whose distance to the end is a multiple of three.
    if (i > 0 && (n - i) % 3 == 0) out += kNbsp;
    out += digits[i];
  }
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Removes every kind of space people paste from word processors and bank statements.
std::string StripSpaces(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i, kNbsp.size()) == kNbsp) {
      i += kNbsp.size();
    } else if (text.substr(i, kNarrowNbsp.size()) == kNarrowNbsp) {
      i += kNarrowNbsp.size();
    } else if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else {
      out += text[i++];
    }
  }
  return out;
}

bool ConsumePrefix(std::string& s, std::string_view p) {
  if (s.size() >= p.size()) {
    bool same = true;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[i])) != p[i]) same = false;
    if (same) {
      s.erase(0, p.size());
      return true;
    }
  }
  return false;
}

bool ConsumeSuffix(std::string& s, std::string_view p) {
  if (s.size() >= p.size()) {
    const std::size_t start = s.size() - p.size();
    bool same = true;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(s[start + i])) != p[i]) same = false;
    if (same) {
      s.erase(start);
      return true;
    }
  }
  return false;
}

// Integer part with optional '.' thousands separators in groups of three.
std::optional<std::string> IntegerDigits(std::string_view s) {
  if (s.find('.') == std::string_view::npos) {
    if (!AllDigits(s)) return std::nullopt;
    return std::string(s);
  }
  std::string out;
  std::size_t pos = 0;
  bool first = true;
  while (true) {
    std::size_t dot = s.find('.', pos);
    std::string_view group = s.substr(pos, dot == std::string_view::npos ? s.npos : dot - pos);
    if (!AllDigits(group)) return std::nullopt;
    if (first ? group.size() > 3 : group.size() != 3) return std::nullopt;
    out += group;
    first = false;
    if (dot == std::string_view::npos) break;
    pos = dot + 1;
  }
  return out;
}

}  // namespace

std::string FormatNok(Money amount) {
  const long long ore = amount.ore();
  const bool negative = ore < 0;
  // Work in unsigned so that the most negative value does not overflow on negation.
  const unsigned long long abs =
      negative ? 0ULL - static_cast<unsigned long long>(ore) : static_cast<unsigned long long>(ore);
  std::string out = negative ? "-" : "";
  out += GroupThousands(abs / 100);
  const unsigned long long cents = abs % 100;
  if (cents != 0) {
    out += ',';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
  }
  out += kNbsp;
  out += "kr";
  return out;
}

std::optional<Money> ParseNok(std::string_view text) {
  std::string s = StripSpaces(text);
  ConsumePrefix(s, "kr") || ConsumePrefix(s, "nok");
  ConsumeSuffix(s, ",-") || ConsumeSuffix(s, ".-");
  ConsumeSuffix(s, "kr") || ConsumeSuffix(s, "nok");
  ConsumeSuffix(s, ",-") || ConsumeSuffix(s, ".-");
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.erase(0, 1);
  }
  if (s.empty()) return std::nullopt;

  std::string int_part = s;
  std::string frac_part;
  const std::size_t comma = s.find(',');
  if (comma != std::string::npos) {
    int_part = s.substr(0, comma);
    frac_part = s.substr(comma + 1);
    if (frac_part.empty() || frac_part.size() > 2 || !AllDigits(frac_part)) return std::nullopt;
  } else {
    const std::size_t dot = s.rfind('.');
    // "69000.50" is a decimal point; "69.000" is a thousands separator.
    if (dot != std::string::npos && s.find('.') == dot && s.size() - dot - 1 >= 1 &&
        s.size() - dot - 1 <= 2) {
      int_part = s.substr(0, dot);
      frac_part = s.substr(dot + 1);
      if (!AllDigits(frac_part)) return std::nullopt;
    }
  }
  auto digits = IntegerDigits(int_part);
  if (!digits) return std::nullopt;
  if (frac_part.size() == 1) frac_part += '0';
  if (frac_part.empty()) frac_part = "00";
  if (digits->size() > 15) return std::nullopt;  // keeps øre far below the long long limit
  long long ore = std::stoll(*digits) * 100 + std::stoll(frac_part);
  return Money::FromOre(negative ? -ore : ore);
}

}  // namespace tp::domain
