#include <gtest/gtest.h>

#include "domain/accounts/actor.h"

namespace tp::domain {
namespace {

Actor With(std::vector<Grant> grants) {
  Actor a;
  a.person_id = 42;
  a.grants = std::move(grants);
  return a;
}

TEST(Actor, RoleNamesRoundTripAndUnknownNamesAreRefused) {
  for (Role r : {Role::kSystemAdmin, Role::kOperatorAdmin, Role::kOperatorStaff, Role::kCoordinator,
                 Role::kMentor, Role::kSupervisor, Role::kTrainee, Role::kApplicant}) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.has_value()) << RoleName(r);
    EXPECT_EQ(*parsed, r);
  }
  EXPECT_FALSE(ParseRole("admin").has_value());
  EXPECT_FALSE(ParseRole("").has_value());
  EXPECT_EQ(RoleScopeKind(Role::kCoordinator), "employer");
  EXPECT_EQ(RoleScopeKind(Role::kMentor), "trainee");
  EXPECT_EQ(RoleScopeKind(Role::kOperatorStaff), "operator");
  EXPECT_EQ(RoleScopeKind(Role::kApplicant), "");
}

TEST(Actor, OperatorRightsAreScopedToTheirOperator) {
  Actor staff = With({{Role::kOperatorStaff, 1}});
  EXPECT_TRUE(staff.CanWorkForOperator(1));
  EXPECT_FALSE(staff.CanWorkForOperator(2));
  EXPECT_FALSE(staff.CanAdministerOperator(1));
  EXPECT_TRUE(staff.WorksForAnyOperator());

  Actor admin = With({{Role::kOperatorAdmin, 2}});
  EXPECT_TRUE(admin.CanAdministerOperator(2));
  EXPECT_FALSE(admin.CanAdministerOperator(1));
  EXPECT_TRUE(admin.CanWorkForOperator(2));

  Actor system = With({{Role::kSystemAdmin, 0}});
  EXPECT_TRUE(system.CanAdministerOperator(7));
  EXPECT_TRUE(system.WorksForAnyOperator());
}

TEST(Actor, CoordinatorsTraineesAndStrangersDoNotWorkForOperators) {
  EXPECT_FALSE(With({{Role::kCoordinator, 3}}).WorksForAnyOperator());
  EXPECT_FALSE(With({{Role::kTrainee, 9}, {Role::kMentor, 8}}).WorksForAnyOperator());
  Actor anonymous;
  EXPECT_TRUE(anonymous.IsAnonymous());
  EXPECT_FALSE(anonymous.CanWorkForOperator(1));
  Actor coordinator = With({{Role::kCoordinator, 3}, {Role::kCoordinator, 5}});
  EXPECT_EQ(coordinator.ScopesOf(Role::kCoordinator), (std::vector<std::int64_t>{3, 5}));
  EXPECT_TRUE(coordinator.Has(Role::kCoordinator, 5));
  EXPECT_FALSE(coordinator.Has(Role::kCoordinator, 4));
}

}  // namespace
}  // namespace tp::domain
