#include "domain/pool/model.h"

#include <cctype>

namespace tp::domain::pool {
namespace {

// Lower-cases ASCII and the Norwegian capitals (UTF-8 Æ Ø Å É → æ ø å é).
std::string FoldUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC3 && i + 1 < s.size()) {
      auto d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) d = static_cast<unsigned char>(d + 0x20);
      out += static_cast<char>(c);
      out += static_cast<char>(d);
      ++i;
    } else {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

std::string CollapseSpaces(std::string_view s, bool hyphen_is_space) {
  std::string out;
  bool space = false;
  for (char ch : s) {
    const bool is_space =
        std::isspace(static_cast<unsigned char>(ch)) || (hyphen_is_space && ch == '-');
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

}  // namespace

bool IsQualification(std::string_view s) {
  return s == "unassessed" || s == "qualified" || s == "not_qualified";
}

bool IsInterviewStatus(std::string_view s) {
  return s == "none" || s == "invited" || s == "interviewed" || s == "rejected";
}

std::string InterviewLabel(std::string_view s) {
  if (s == "invited") return "Invited to interview";
  if (s == "interviewed") return "Interviewed";
  if (s == "rejected") return "Not going further";
  return "No interview yet";
}

std::string QualificationLabel(std::string_view s) {
  if (s == "qualified") return "Qualified";
  if (s == "not_qualified") return "Not qualified";
  return "Not assessed";
}

bool IsEmployment(std::string_view s) { return s == "permanent" || s == "temporary"; }

std::string EmploymentLabel(std::string_view s) {
  return s == "permanent" ? "Permanent employment" : "Temporary employment";
}

std::string OfferStatusLabel(std::string_view s) {
  if (s == "accepted") return "Accepted";
  if (s == "declined") return "Declined";
  if (s == "closed") return "Closed";
  if (s == "withdrawn") return "Withdrawn";
  return "Open";
}

std::optional<std::string> NormaliseTag(std::string_view tag) {
  std::string out = CollapseSpaces(FoldUtf8(tag), false);
  if (out.empty() || out.size() > 40) return std::nullopt;
  return out;
}

std::string FoldName(std::string_view name) { return CollapseSpaces(FoldUtf8(name), true); }

std::string PhoneDigits(std::string_view phone) {
  std::string digits;
  for (char ch : phone)
    if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
  const bool plus = phone.find('+') != std::string_view::npos;
  if (plus && digits.size() == 10 && digits.rfind("47", 0) == 0) return digits.substr(2);
  if (digits.size() == 12 && digits.rfind("0047", 0) == 0) return digits.substr(4);
  return digits;
}

bool LikelyDuplicates(const DuplicateKey& a, const DuplicateKey& b) {
  if (a.id == b.id) return false;
  const auto na = FoldName(a.name);
  if (!na.empty() && !a.birth_date.empty() && a.birth_date == b.birth_date &&
      na == FoldName(b.name))
    return true;
  const auto pa = PhoneDigits(a.phone);
  if (pa.size() >= 8 && pa == PhoneDigits(b.phone)) return true;
  return !a.email.empty() && FoldUtf8(a.email) == FoldUtf8(b.email);
}

}  // namespace tp::domain::pool
