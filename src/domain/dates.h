#pragma once
#include <date/date.h>

#include <compare>
#include <optional>
#include <string>
#include <string_view>

/// Calendar dates (no time zone) and the Europe/Oslo display of instants.
namespace tp::domain {

/// A calendar date. Always valid when produced by the functions below.
struct Date {
  date::year_month_day ymd{date::year{1970}, date::month{1}, date::day{1}};

  /// Builds from numbers; the result may be invalid (check with Valid()) when the numbers are.
  static Date From(int year, unsigned month, unsigned day) {
    return Date{date::year{year} / date::month{month} / date::day{day}};
  }
  bool Valid() const { return ymd.ok(); }
  int year() const { return static_cast<int>(ymd.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd.day()); }
  /// Days since 1970-01-01.
  long long DaysSinceEpoch() const { return date::sys_days{ymd}.time_since_epoch().count(); }

  friend bool operator==(const Date& a, const Date& b) { return a.ymd == b.ymd; }
  friend std::strong_ordering operator<=>(const Date& a, const Date& b) {
    return a.DaysSinceEpoch() <=> b.DaysSinceEpoch();
  }
};

/// Strict ISO form "YYYY-MM-DD" (as stored in the database and used in the API); nullopt
/// otherwise or for impossible dates (2011-02-30).
std::optional<Date> ParseIsoDate(std::string_view text);
/// What a person types in a form: ISO "2011-09-01" (from <input type="date">) or Norwegian
/// "01.09.2011" / "1.9.2011". Surrounding whitespace is ignored. nullopt when neither.
std::optional<Date> ParseFormDate(std::string_view text);
/// "2011-09-01".
std::string FormatIso(Date date);
/// "01.09.2011".
std::string FormatNorwegian(Date date);
/// The same day `months` later (or earlier when negative), clamped to the end of a shorter month:
/// AddMonths(2011-08-31, 1) == 2011-09-30.
Date AddMonths(Date date, int months);
/// `days` later (earlier when negative).
Date AddDays(Date date, int days);

/// An instant (unix seconds, UTC) shown as Oslo wall-clock time "05.06.2026 14:30" (CET/CEST
/// from the system tz database).
std::string FormatOsloDateTime(long long unix_seconds);
/// An instant (unix seconds) as an RFC 3339 time in UTC, "2026-06-05T12:30:00Z", as the API
/// writes every time.
std::string FormatRfc3339(long long unix_seconds);
/// The calendar date in Oslo at `unix_seconds`.
Date OsloDateAt(long long unix_seconds);
/// Today's date in Oslo.
Date OsloToday();

}  // namespace tp::domain
