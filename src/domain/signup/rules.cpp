#include "domain/signup/rules.h"

#include <date/tz.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace tp::domain {
namespace {

template <class E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, n] : table)
    if (e == value) return n;
  return "";
}

constexpr std::array<std::pair<EmployerKind, std::string_view>, 4> kEmployerKinds{{
    {EmployerKind::kMunicipality, "municipality"},
    {EmployerKind::kCountyMunicipality, "county_municipality"},
    {EmployerKind::kMunicipalCompany, "municipal_company"},
    {EmployerKind::kInterMunicipalCompany, "inter_municipal_company"},
}};
constexpr std::array<std::pair<ParticipationStatus, std::string_view>, 3> kStatuses{{
    {ParticipationStatus::kSignedUp, "signed_up"},
    {ParticipationStatus::kConfirmed, "confirmed"},
    {ParticipationStatus::kDeclined, "declined"},
}};

// Decodes one UTF-8 code point at `i` and advances it; invalid bytes come back as themselves.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : 0;
  if (i + static_cast<std::size_t>(extra) >= s.size()) extra = 0;  // cut off: take the byte
  if (extra == 0) {
    ++i;
    return b0;
  }
  char32_t cp = extra == 0 ? b0 : extra == 1 ? (b0 & 0x1F) : extra == 2 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

std::u32string Decode(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) out.push_back(NextCodePoint(s, i));
  return out;
}

char32_t Fold(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c - U'A' + U'a';
  if (c == U'Æ') return U'æ';
  if (c == U'Ø') return U'ø';
  if (c == U'Å') return U'å';
  return c;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLetter(char32_t c) {
  c = Fold(c);
  return (c >= U'a' && c <= U'z') || c == U'æ' || c == U'ø' || c == U'å';
}

}  // namespace

const std::vector<std::string_view>& DefaultBackgrounds() {
  static const std::vector<std::string_view> kDefaults{
      "Ingeniørfag", "Økonomi", "Juss", "Samfunnsfag", "Plan og areal", "IT", "Helse"};
  return kDefaults;
}

bool SignupOpen(Date signup_deadline, Date oslo_today) { return oslo_today <= signup_deadline; }

long long DaysUntil(Date deadline, Date oslo_today) {
  return deadline.DaysSinceEpoch() - oslo_today.DaysSinceEpoch();
}

bool IsValidBuyerReferencePattern(std::string_view pattern) {
  const auto cps = Decode(pattern);
  if (cps.size() > kMaxBuyerReferenceLength) return false;
  for (char32_t c : cps)
    if (c < 0x20 || c == 0x7F) return false;
  return true;
}

bool MatchesBuyerReference(std::string_view pattern, std::string_view reference) {
  if (pattern.empty()) return true;
  const auto p = Decode(pattern);
  const auto r = Decode(reference);
  if (p.size() != r.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char32_t want = p[i];
    const char32_t got = r[i];
    bool ok = false;
    if (want == U'#')
      ok = IsDigit(got);
    else if (want == U'@')
      ok = IsLetter(got);
    else if (want == U'?')
      ok = IsDigit(got) || IsLetter(got);
    else
      ok = Fold(want) == Fold(got);
    if (!ok) return false;
  }
  return true;
}

std::string OsloEndOfDayIso(Date day) {
  static const date::time_zone* oslo = date::locate_zone("Europe/Oslo");
  const auto local = date::local_days{day.ymd} + std::chrono::hours{23} + std::chrono::minutes{59} +
                     std::chrono::seconds{59};
  const auto info = oslo->get_info(local);
  const auto offset = info.first.offset;
  const long minutes =
      static_cast<long>(std::chrono::duration_cast<std::chrono::minutes>(offset).count());
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT23:59:59%c%02ld:%02ld", FormatIso(day).c_str(),
                minutes < 0 ? '-' : '+', std::labs(minutes) / 60, std::labs(minutes) % 60);
  return buf;
}

std::string IsoUtc(long long unix_seconds) {
  const auto tp = date::sys_seconds{std::chrono::seconds{unix_seconds}};
  return date::format("%Y-%m-%dT%H:%M:%SZ", tp);
}

std::string SniffImageType(std::string_view d) {
  if (d.size() >= 8 && d.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (d.size() >= 3 && d.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3)) return "image/jpeg";
  if (d.size() >= 12 && d.substr(0, 4) == "RIFF" && d.substr(8, 4) == "WEBP") return "image/webp";
  return "";
}

std::string_view EmployerKindName(EmployerKind k) { return NameOf(kEmployerKinds, k); }
std::optional<EmployerKind> ParseEmployerKind(std::string_view n) {
  return Lookup(kEmployerKinds, n);
}
const std::vector<EmployerKind>& AllEmployerKinds() {
  static const std::vector<EmployerKind> all{
      EmployerKind::kMunicipality, EmployerKind::kCountyMunicipality,
      EmployerKind::kMunicipalCompany, EmployerKind::kInterMunicipalCompany};
  return all;
}
std::string EmployerKindLabel(EmployerKind k) {
  switch (k) {
    case EmployerKind::kMunicipality:
      return "Municipality";
    case EmployerKind::kCountyMunicipality:
      return "County municipality";
    case EmployerKind::kMunicipalCompany:
      return "Municipal company";
    case EmployerKind::kInterMunicipalCompany:
      return "Inter-municipal company";
  }
  return "";
}

std::string_view ParticipationStatusName(ParticipationStatus s) { return NameOf(kStatuses, s); }
std::optional<ParticipationStatus> ParseParticipationStatus(std::string_view n) {
  return Lookup(kStatuses, n);
}
const std::vector<ParticipationStatus>& AllParticipationStatuses() {
  static const std::vector<ParticipationStatus> all{ParticipationStatus::kSignedUp,
                                                    ParticipationStatus::kConfirmed,
                                                    ParticipationStatus::kDeclined};
  return all;
}
std::string ParticipationStatusLabel(ParticipationStatus s) {
  switch (s) {
    case ParticipationStatus::kSignedUp:
      return "Signed up";
    case ParticipationStatus::kConfirmed:
      return "Confirmed";
    case ParticipationStatus::kDeclined:
      return "Declined";
  }
  return "";
}

}  // namespace tp::domain
