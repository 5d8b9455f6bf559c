#include "domain/dates.h"

#include <gtest/gtest.h>

using namespace tp::domain;

TEST(Dates, ParsesIso) {
  auto d = ParseIsoDate("2011-09-01");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2011);
  EXPECT_EQ(d->month(), 9u);
  EXPECT_EQ(d->day(), 1u);
  EXPECT_FALSE(ParseIsoDate("2011-02-30"));
  EXPECT_FALSE(ParseIsoDate("2011-9-1"));
  EXPECT_FALSE(ParseIsoDate("01.09.2011"));
  EXPECT_FALSE(ParseIsoDate(""));
  EXPECT_TRUE(ParseIsoDate("2012-02-29"));
  EXPECT_FALSE(ParseIsoDate("2013-02-29"));
}

TEST(Dates, ParsesFormInBothForms) {
  EXPECT_EQ(ParseFormDate("2011-09-01"), Date::From(2011, 9, 1));
  EXPECT_EQ(ParseFormDate("01.09.2011"), Date::From(2011, 9, 1));
  EXPECT_EQ(ParseFormDate(" 1.9.2011 "), Date::From(2011, 9, 1));
  EXPECT_FALSE(ParseFormDate("32.01.2011"));
  EXPECT_FALSE(ParseFormDate("01.13.2011"));
  EXPECT_FALSE(ParseFormDate("01.09.11"));
  EXPECT_FALSE(ParseFormDate("tomorrow"));
}

TEST(Dates, Formats) {
  EXPECT_EQ(FormatIso(Date::From(2011, 9, 1)), "2011-09-01");
  EXPECT_EQ(FormatNorwegian(Date::From(2011, 9, 1)), "01.09.2011");
  EXPECT_EQ(FormatNorwegian(Date::From(2010, 11, 17)), "17.11.2010");
}

TEST(Dates, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(Date::From(2011, 9, 1), 18), Date::From(2013, 3, 1));
  EXPECT_EQ(AddMonths(Date::From(2011, 8, 31), 1), Date::From(2011, 9, 30));
  EXPECT_EQ(AddMonths(Date::From(2012, 1, 31), 1), Date::From(2012, 2, 29));
  EXPECT_EQ(AddMonths(Date::From(2013, 1, 31), 1), Date::From(2013, 2, 28));
  EXPECT_EQ(AddMonths(Date::From(2013, 3, 15), -3), Date::From(2012, 12, 15));
  EXPECT_EQ(AddDays(Date::From(2013, 3, 1), -1), Date::From(2013, 2, 28));
}

TEST(Dates, Orders) {
  EXPECT_LT(Date::From(2010, 11, 17), Date::From(2011, 2, 14));
  EXPECT_GT(Date::From(2011, 9, 1), Date::From(2011, 2, 14));
}

TEST(Dates, FormatsOsloTimeInSummerAndWinter) {
  // 2026-06-05 12:30 UTC is 14:30 CEST (UTC+2).
  EXPECT_EQ(FormatOsloDateTime(1780662600), "05.06.2026 14:30");
  // 2026-01-15 12:30 UTC is 13:30 CET (UTC+1).
  EXPECT_EQ(FormatOsloDateTime(1768480200), "15.01.2026 13:30");
}

TEST(Dates, CrossesTheDaylightSavingBoundary) {
  // Summer time began 2026-03-29 at 01:00 UTC: 02:00 CET jumps to 03:00 CEST.
  const long long change = 1774746000;  // 2026-03-29T01:00:00Z
  EXPECT_EQ(FormatOsloDateTime(change - 60), "29.03.2026 01:59");
  EXPECT_EQ(FormatOsloDateTime(change), "29.03.2026 03:00");
  // Winter time 2026-10-25 at 01:00 UTC: 03:00 CEST falls back to 02:00 CET.
  const long long back = 1792890000;  // 2026-10-25T01:00:00Z
  EXPECT_EQ(FormatOsloDateTime(back - 60), "25.10.2026 02:59");
  EXPECT_EQ(FormatOsloDateTime(back), "25.10.2026 02:00");
}

TEST(Dates, OsloDateChangesAtLocalMidnight) {
  // 2026-06-04T22:30:00Z is already 5 June in Oslo.
  EXPECT_EQ(OsloDateAt(1780612200), Date::From(2026, 6, 5));
  EXPECT_TRUE(OsloToday().Valid());
}

TEST(Dates, InstantsForTheApiAreRfc3339InUtc) {
  EXPECT_EQ(FormatRfc3339(1774746000), "2026-03-29T01:00:00Z");
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339(1780612199), "2026-06-04T22:29:59Z");
}
