#include <gtest/gtest.h>

#include "domain/publiclist/applicant_list.h"

namespace tp::domain {
namespace {

TEST(PublicListRules, AgeIsWholeYearsOnTheDeadline) {
  const Date deadline = Date::From(2011, 2, 14);
  EXPECT_EQ(AgeOn("1980-02-14", deadline), 31);
  EXPECT_EQ(AgeOn("1985-02-15", deadline), 25);
  EXPECT_EQ(AgeOn("1985-01-31", deadline), 26);
  // Born on 29 February: a year older on 1 March of a common year, not on 28 February.
  EXPECT_EQ(AgeOn("1988-02-29", Date::From(2011, 2, 28)), 22);
  EXPECT_EQ(AgeOn("1988-02-29", Date::From(2011, 3, 1)), 23);
  EXPECT_FALSE(AgeOn("", deadline));
  EXPECT_FALSE(AgeOn("14.02.1980", deadline));
  EXPECT_FALSE(AgeOn("2012-01-01", deadline));
}

TEST(PublicListRules, OptOutDecisionsRoundTrip) {
  for (auto d : {OptOutDecision::kNone, OptOutDecision::kGranted, OptOutDecision::kRefused})
    EXPECT_EQ(ParseOptOutDecision(OptOutDecisionName(d)), d);
  EXPECT_FALSE(ParseOptOutDecision("yes"));
}

TEST(PublicListRules, GrantedAndUndecidedAreLeftOutButCounted) {
  std::vector<Applicant> in(4);
  in[0] = {1, "Kari", "Nordmann", "1985-02-15", "female", "", "", false, "", OptOutDecision::kNone};
  in[1] = {2, "Per", "Berg", "", "", "", "", true, "x", OptOutDecision::kRefused};
  in[2] = {3, "Åse", "Ødegård", "", "female", "", "", true, "y", OptOutDecision::kGranted};
  in[3] = {4, "Lise", "Lie", "", "other", "", "", true, "z", OptOutDecision::kNone};
  auto list = BuildApplicantList(in, Date::From(2011, 2, 14));
  EXPECT_EQ(list.applicants, 4);
  EXPECT_EQ(list.kept_off, 1);
  EXPECT_EQ(list.awaiting_decision, 1);
  EXPECT_EQ(list.genders.female, 2);
  EXPECT_EQ(list.genders.other, 1);
  EXPECT_EQ(list.genders.unknown, 1);
  ASSERT_EQ(list.lines.size(), 2u);
  EXPECT_EQ(list.lines[0].name, "Per Berg");
  EXPECT_EQ(list.lines[1].name, "Kari Nordmann");
  EXPECT_EQ(list.lines[1].age, 25);
}

TEST(PublicListRules, AvailableFromTheDayAfterTheDeadline) {
  const Date deadline = Date::From(2011, 2, 14);
  EXPECT_FALSE(ApplicantListAvailable(deadline, Date::From(2011, 2, 13)));
  EXPECT_FALSE(ApplicantListAvailable(deadline, deadline));
  EXPECT_TRUE(ApplicantListAvailable(deadline, Date::From(2011, 2, 15)));
}

TEST(PublicListRules, RetentionDueDateAddsCalendarMonths) {
  EXPECT_EQ(FormatIso(RetentionDueOn(Date::From(2011, 6, 30), 6)), "2011-12-30");
  EXPECT_EQ(FormatIso(RetentionDueOn(Date::From(2011, 8, 31), 6)), "2012-02-29");
  EXPECT_EQ(FormatIso(RetentionDueOn(Date::From(2011, 8, 31), 0)), "2011-08-31");
}

}  // namespace
}  // namespace tp::domain
