#include <gtest/gtest.h>

#include "domain/signup/organisation_number.h"
#include "domain/signup/rules.h"

using namespace tp::domain;

TEST(SignupRules, BuyerReferencePatterns) {
  EXPECT_TRUE(MatchesBuyerReference("", "anything at all"));
  EXPECT_TRUE(MatchesBuyerReference("4010-######", "4010-123456"));
  EXPECT_FALSE(MatchesBuyerReference("4010-######", "4010-12345"));
  EXPECT_FALSE(MatchesBuyerReference("4010-######", "4011-123456"));
  EXPECT_FALSE(MatchesBuyerReference("4010-######", "4010-12345a"));
  EXPECT_TRUE(MatchesBuyerReference("BK-@@##", "bk-ØÅ12"));
  EXPECT_TRUE(MatchesBuyerReference("???", "a1Æ"));
  EXPECT_FALSE(MatchesBuyerReference("???", "a1-"));
  EXPECT_TRUE(IsValidBuyerReferencePattern("4010-######"));
  EXPECT_FALSE(IsValidBuyerReferencePattern(std::string(61, '#')));
  EXPECT_FALSE(IsValidBuyerReferencePattern("ab\tc"));
}

TEST(SignupRules, DeadlinesInOslo) {
  const auto deadline = Date::From(2027, 1, 15);
  EXPECT_TRUE(SignupOpen(deadline, Date::From(2027, 1, 15)));
  EXPECT_FALSE(SignupOpen(deadline, Date::From(2027, 1, 16)));
  EXPECT_EQ(DaysUntil(deadline, Date::From(2026, 11, 23)), 53);
  EXPECT_EQ(OsloEndOfDayIso(Date::From(2027, 2, 15)), "2027-02-15T23:59:59+01:00");
  EXPECT_EQ(OsloEndOfDayIso(Date::From(2027, 6, 15)), "2027-06-15T23:59:59+02:00");
  EXPECT_EQ(IsoUtc(0), "1970-01-01T00:00:00Z");
}

TEST(SignupRules, ImagesByMagicBytes) {
  EXPECT_EQ(SniffImageType(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(SniffImageType("\xFF\xD8\xFF\xE0"), "image/jpeg");
  EXPECT_EQ(SniffImageType("RIFF\x10\x00\x00\x00WEBPVP8 "), "");  // embedded NUL cuts the literal
  EXPECT_EQ(SniffImageType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(SniffImageType("GIF89a"), "");
  EXPECT_EQ(SniffImageType("<svg"), "");
}

TEST(OrganisationNumber, AcceptsRealNumbers) {
  EXPECT_TRUE(IsValidOrganisationNumber("974760673"));  // Brønnøysundregistrene
  EXPECT_TRUE(IsValidOrganisationNumber("974 760 673"));
  EXPECT_TRUE(IsValidOrganisationNumber("971032081"));  // KS
  EXPECT_TRUE(IsValidOrganisationNumber("944117784"));
}

TEST(OrganisationNumber, RefusesWrongCheckDigitAndShape) {
  EXPECT_FALSE(IsValidOrganisationNumber("974760674"));
  EXPECT_FALSE(IsValidOrganisationNumber("974760670"));
  EXPECT_FALSE(IsValidOrganisationNumber("97476067"));
  EXPECT_FALSE(IsValidOrganisationNumber("9747606733"));
  EXPECT_FALSE(IsValidOrganisationNumber("97476067a"));
  EXPECT_FALSE(IsValidOrganisationNumber(""));
}

TEST(OrganisationNumber, RemainderRules) {
  // 00000000x: sum 0, remainder 0 -> check digit 0.
  EXPECT_TRUE(IsValidOrganisationNumber("000000000"));
  EXPECT_FALSE(IsValidOrganisationNumber("000000001"));
  // 10000000x: sum 3 -> check 8.
  EXPECT_TRUE(IsValidOrganisationNumber("100000008"));
  // 40000000x: sum 12, remainder 1 -> no check digit makes it valid.
  for (char c = '0'; c <= '9'; ++c)
    EXPECT_FALSE(IsValidOrganisationNumber(std::string("40000000") + c)) << c;
}

TEST(OrganisationNumber, Normalises) {
  EXPECT_EQ(NormaliseOrganisationNumber("974 760 673"), "974760673");
  EXPECT_EQ(NormaliseOrganisationNumber("974\xC2\xA0"
                                        "760\xC2\xA0"
                                        "673"),
            "974760673");
  EXPECT_FALSE(NormaliseOrganisationNumber("974-760-673"));
}
