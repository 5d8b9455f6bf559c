#include <gtest/gtest.h>

#include "domain/gatherings/rules.h"
#include "domain/programmes/rules.h"
#include "domain/programmes/structure.h"
#include "domain/signup/rules.h"

using namespace tp::domain;

TEST(Structure, NamesRoundTrip) {
  for (auto t : AllStructureTemplates())
    EXPECT_EQ(ParseStructureTemplate(StructureTemplateName(t)), t);
  EXPECT_EQ(StructureTemplateName(StructureTemplate::kNationalModel), "national_model");
  EXPECT_EQ(StructureTemplateName(StructureTemplate::kRegionalThreePart), "regional_three_part");
  EXPECT_FALSE(ParseStructureTemplate("other"));
}

TEST(Structure, RegionalThreePartIsHostOtherHost) {
  auto periods = DefaultPeriods(StructureTemplate::kRegionalThreePart, Date::From(2013, 9, 1));
  ASSERT_EQ(periods.size(), 3u);
  EXPECT_EQ(periods[0].place, PeriodPlace::kHostEmployer);
  EXPECT_EQ(periods[1].place, PeriodPlace::kOtherEmployer);
  EXPECT_EQ(periods[2].place, PeriodPlace::kHostEmployer);
  EXPECT_EQ(periods[0].starts_on, Date::From(2013, 9, 1));
  EXPECT_EQ(periods[0].ends_on, Date::From(2014, 2, 28));
  EXPECT_EQ(periods[1].starts_on, Date::From(2014, 3, 1));
  EXPECT_EQ(periods[2].ends_on, Date::From(2015, 2, 28));
}

TEST(Structure, NationalModelHasNoOperatorPeriodByDefault) {
  auto periods = DefaultPeriods(StructureTemplate::kNationalModel, Date::From(2011, 9, 1));
  ASSERT_GE(periods.size(), 2u);
  ASSERT_LE(periods.size(), 3u);
  for (const auto& p : periods) EXPECT_NE(p.place, PeriodPlace::kOperator);
  EXPECT_EQ(periods.back().ends_on, Date::From(2013, 2, 28));
  EXPECT_TRUE(
      CheckWorkPeriodCount(StructureTemplate::kNationalModel, static_cast<int>(periods.size()))
          .empty());
}

TEST(Structure, OperatorPeriodAtMostTwoMonths) {
  EXPECT_TRUE(CheckOperatorPeriod(0).empty());
  EXPECT_TRUE(CheckOperatorPeriod(1).empty());
  EXPECT_TRUE(CheckOperatorPeriod(2).empty());
  EXPECT_EQ(CheckOperatorPeriod(3).size(), 1u);
  EXPECT_EQ(CheckOperatorPeriod(-1).size(), 1u);
  EXPECT_FALSE(CheckOperatorPeriod(StructureTemplate::kRegionalThreePart, 1).empty());
  EXPECT_TRUE(CheckOperatorPeriod(StructureTemplate::kNationalModel, 2).empty());
}

TEST(Structure, WorkPeriodCounts) {
  EXPECT_FALSE(CheckWorkPeriodCount(StructureTemplate::kNationalModel, 1).empty());
  EXPECT_TRUE(CheckWorkPeriodCount(StructureTemplate::kNationalModel, 2).empty());
  EXPECT_FALSE(CheckWorkPeriodCount(StructureTemplate::kNationalModel, 4).empty());
  EXPECT_FALSE(CheckWorkPeriodCount(StructureTemplate::kRegionalThreePart, 2).empty());
  EXPECT_TRUE(CheckWorkPeriodCount(StructureTemplate::kRegionalThreePart, 3).empty());
}

namespace {
CohortFacts Ks5() {
  return {"Kull 5",
          Date::From(2010, 11, 17),
          Date::From(2011, 2, 14),
          Date::From(2011, 9, 1),
          DefaultCohortEnd(Date::From(2011, 9, 1)),
          kDefaultCohortFee};
}
bool HasField(const std::vector<tp::FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}
}  // namespace

TEST(Cohort, DefaultsMatchTheNationalProgramme) {
  EXPECT_EQ(DefaultCohortEnd(Date::From(2011, 9, 1)), Date::From(2013, 3, 1));
  EXPECT_EQ(kDefaultCohortFee.ore(), 6900000);
  EXPECT_TRUE(CheckCohort(Ks5()).empty());
}

TEST(Cohort, DeadlinesMustComeInOrder) {
  auto f = Ks5();
  f.signup_deadline = f.application_deadline;
  EXPECT_TRUE(HasField(CheckCohort(f), "signup_deadline"));
  f = Ks5();
  f.application_deadline = f.starts_on;
  EXPECT_TRUE(HasField(CheckCohort(f), "application_deadline"));
  f = Ks5();
  f.ends_on = f.starts_on;
  EXPECT_TRUE(HasField(CheckCohort(f), "ends_on"));
  f = Ks5();
  f.fee = Money::FromOre(-1);
  EXPECT_TRUE(HasField(CheckCohort(f), "fee"));
  f = Ks5();
  f.name = "  ";
  EXPECT_TRUE(HasField(CheckCohort(f), "name"));
  f.fee = Money();
  EXPECT_FALSE(HasField(CheckCohort(f), "fee"));
}

TEST(Cohort, NineNorwegianGoals) {
  const auto& goals = DefaultQualificationGoals();
  ASSERT_EQ(goals.size(), 9u);
  EXPECT_NE(std::string(goals[0].text).find("velferdssamfunnets hovedaktør"), std::string::npos);
  EXPECT_NE(std::string(goals[8].text).find("europeisk og global"), std::string::npos);
}

TEST(Kinds, NamesRoundTrip) {
  for (auto k : AllEmployerKinds()) EXPECT_EQ(ParseEmployerKind(EmployerKindName(k)), k);
  for (auto k : AllGatheringKinds()) EXPECT_EQ(ParseGatheringKind(GatheringKindName(k)), k);
  for (auto s : AllParticipationStatuses())
    EXPECT_EQ(ParseParticipationStatus(ParticipationStatusName(s)), s);
  EXPECT_EQ(EmployerKindName(EmployerKind::kInterMunicipalCompany), "inter_municipal_company");
  EXPECT_FALSE(ParseEmployerKind("state"));
  EXPECT_EQ(ParseOperatorKind("regional"), OperatorKind::kRegional);
}
