#include "domain/money.h"

#include <gtest/gtest.h>

using tp::domain::FormatNok;
using tp::domain::Money;
using tp::domain::ParseNok;

namespace {
const std::string kNbsp = "\xC2\xA0";
}

TEST(Money, FormatsKronerWithNoBreakSpaces) {
  EXPECT_EQ(FormatNok(Money::FromKroner(69000)), "69" + kNbsp + "000" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromKroner(0)), "0" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromKroner(999)), "999" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromKroner(1000)), "1" + kNbsp + "000" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromKroner(1234567)),
            "1" + kNbsp + "234" + kNbsp + "567" + kNbsp + "kr");
}

TEST(Money, ShowsOreOnlyWhenNonZero) {
  EXPECT_EQ(FormatNok(Money::FromOre(6900050)), "69" + kNbsp + "000,50" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromOre(5)), "0,05" + kNbsp + "kr");
  EXPECT_EQ(FormatNok(Money::FromOre(-150000)), "-1" + kNbsp + "500" + kNbsp + "kr");
}

TEST(Money, ParsesWhatPeopleType) {
  EXPECT_EQ(ParseNok("69000")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69 000")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69 000 kr")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69" + kNbsp + "000" + kNbsp + "kr")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69000,50")->ore(), 6900050);
  EXPECT_EQ(ParseNok("69000,5")->ore(), 6900050);
  EXPECT_EQ(ParseNok("kr 69 000,-")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69.000")->ore(), 6900000);
  EXPECT_EQ(ParseNok("69000.50")->ore(), 6900050);
  EXPECT_EQ(ParseNok("-100")->ore(), -10000);
}

TEST(Money, RefusesNonsense) {
  EXPECT_FALSE(ParseNok(""));
  EXPECT_FALSE(ParseNok("kr"));
  EXPECT_FALSE(ParseNok("abc"));
  EXPECT_FALSE(ParseNok("69,000,00"));
  EXPECT_FALSE(ParseNok("12,345"));
  EXPECT_FALSE(ParseNok("1.23.4"));
  EXPECT_FALSE(ParseNok("99999999999999999999"));
}

TEST(Money, RoundTripsFormatAndParse) {
  for (long long ore : {0LL, 1LL, 99LL, 100LL, 6900000LL, 123456789LL}) {
    auto parsed = ParseNok(FormatNok(Money::FromOre(ore)));
    ASSERT_TRUE(parsed) << ore;
    EXPECT_EQ(parsed->ore(), ore);
  }
}
