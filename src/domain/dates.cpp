#include "domain/dates.h"

#include <date/tz.h>

#include <chrono>
#include <cstdio>

namespace tp::domain {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses exactly `min..max` decimal digits.
std::optional<int> Number(std::string_view s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<Date> Make(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
  if (!y || !m || !d) return std::nullopt;
  Date date = Date::From(*y, static_cast<unsigned>(*m), static_cast<unsigned>(*d));
  if (!date.Valid()) return std::nullopt;
  return date;
}

const date::time_zone* Oslo() {
  // Looked up once: the zone database is immutable for the life of the process.
  static const date::time_zone* zone = date::locate_zone("Europe/Oslo");
  return zone;
}

}  // namespace

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return Make(Number(text.substr(0, 4), 4, 4), Number(text.substr(5, 2), 2, 2),
              Number(text.substr(8, 2), 2, 2));
}

std::optional<Date> ParseFormDate(std::string_view text) {
  text = Trim(text);
  if (auto iso = ParseIsoDate(text)) return iso;
  const std::size_t a = text.find('.');
  if (a == std::string_view::npos) return std::nullopt;
  const std::size_t b = text.find('.', a + 1);
  if (b == std::string_view::npos) return std::nullopt;
  return Make(Number(text.substr(b + 1), 4, 4), Number(text.substr(a + 1, b - a - 1), 1, 2),
              Number(text.substr(0, a), 1, 2));
}

std::string FormatIso(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year(), d.month(), d.day());
  return buf;
}

std::string FormatNorwegian(Date d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", d.day(), d.month(), d.year());
  return buf;
}

Date AddMonths(Date d, int months) {
  date::year_month_day moved = d.ymd + date::months{months};
  if (!moved.ok()) {
    // Only the day can be out of range (e.g. 31 in a 30-day month): clamp to the month's end.
    moved = date::year_month_day{
        date::year_month_day_last{moved.year(), date::month_day_last{moved.month()}}};
  }
  return Date{moved};
}

Date AddDays(Date d, int days) {
  return Date{date::year_month_day{date::sys_days{d.ymd} + date::days{days}}};
}

std::string FormatRfc3339(long long unix_seconds) {
  const date::sys_seconds instant{std::chrono::seconds{unix_seconds}};
  return date::format("%FT%TZ", instant);
}

std::string FormatOsloDateTime(long long unix_seconds) {
  const date::sys_seconds instant{std::chrono::seconds{unix_seconds}};
  const auto local = date::zoned_seconds{Oslo(), instant}.get_local_time();
  const auto day = date::floor<date::days>(local);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> tod{local - day};
  char buf[64];  // room for any value the format could produce, so -O3 sees no truncation
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d %02ld:%02ld", static_cast<unsigned>(ymd.day()),
                static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()),
                static_cast<long>(tod.hours().count()), static_cast<long>(tod.minutes().count()));
  return buf;
}

Date OsloDateAt(long long unix_seconds) {
  const date::sys_seconds instant{std::chrono::seconds{unix_seconds}};
  const auto local = date::zoned_seconds{Oslo(), instant}.get_local_time();
  return Date{date::year_month_day{date::floor<date::days>(local)}};
}

Date OsloToday() {
  const auto now = std::chrono::system_clock::now();
  return OsloDateAt(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

}  // namespace tp::domain
