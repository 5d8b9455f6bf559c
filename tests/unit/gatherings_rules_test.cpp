#include <gtest/gtest.h>

#include "domain/gatherings/rules.h"

using namespace tp::domain;

TEST(Gathering, AtMostThreeDaysExceptStudyTrips) {
  auto start = Date::From(2011, 10, 10);
  EXPECT_TRUE(
      CheckGathering("Samling 1", GatheringKind::kGathering, start, AddDays(start, 2)).empty());
  EXPECT_FALSE(
      CheckGathering("Samling 1", GatheringKind::kGathering, start, AddDays(start, 3)).empty());
  EXPECT_TRUE(
      CheckGathering("Brussel", GatheringKind::kStudyTrip, start, AddDays(start, 4)).empty());
  EXPECT_FALSE(CheckGathering("", GatheringKind::kGathering, start, start).empty());
  EXPECT_FALSE(CheckGathering("X", GatheringKind::kGathering, start, AddDays(start, -1)).empty());
}
