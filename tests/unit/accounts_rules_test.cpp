#include <gtest/gtest.h>

#include "domain/accounts/rules.h"

namespace tp::domain {
namespace {

TEST(AccountsRules, NormalizeEmailTrimsAndLowercases) {
  EXPECT_EQ(NormalizeEmail("  Kari.Nordmann@Lillestrom.KOMMUNE.no \t"),
            "kari.nordmann@lillestrom.kommune.no");
}

TEST(AccountsRules, EmailRule) {
  EXPECT_FALSE(CheckEmail("kari@ks.no"));
  EXPECT_EQ(CheckEmail(""), "Enter an e-mail address.");
  EXPECT_TRUE(CheckEmail("kari.ks.no"));
  EXPECT_TRUE(CheckEmail("kari@@ks.no"));
  EXPECT_TRUE(CheckEmail("kari@a@ks.no"));
  EXPECT_TRUE(CheckEmail("kari@ksno"));
  EXPECT_TRUE(CheckEmail("kari@.ks.no"));
  EXPECT_TRUE(CheckEmail("kari@ks.no."));
  EXPECT_TRUE(CheckEmail("@ks.no"));
  EXPECT_TRUE(CheckEmail("kari nordmann@ks.no"));
  std::string local(250, 'a');
  EXPECT_EQ(CheckEmail(local + "@k.no"), "The e-mail address is too long.");
  EXPECT_FALSE(CheckEmail(std::string(247, 'a') + "@ks.no"));  // exactly 254
}

TEST(AccountsRules, PasswordRule) {
  EXPECT_FALSE(CheckPassword("lang-nok-passord"));
  EXPECT_FALSE(CheckPassword("abcdefghij"));
  EXPECT_EQ(CheckPassword("abcdefghi"), "The password must have at least 10 characters.");
  EXPECT_EQ(CheckPassword("12345678901"), "The password cannot be only digits.");
  EXPECT_FALSE(CheckPassword("1234567890a"));
  // Characters, not bytes: nine Norwegian letters are still too short.
  EXPECT_TRUE(CheckPassword("æøåæøåæøå"));
  EXPECT_FALSE(CheckPassword("æøåæøåæøåæ"));
}

TEST(AccountsRules, NameAndLanguage) {
  EXPECT_EQ(CheckPersonName("   "), "Enter a name.");
  EXPECT_FALSE(CheckPersonName("Kari"));
  EXPECT_TRUE(CheckPersonName(std::string(201, 'x')));
  EXPECT_EQ(NormalizeName("  Kari  "), "Kari");
  EXPECT_TRUE(IsSupportedLanguage("nn"));
  EXPECT_TRUE(IsSupportedLanguage(""));
  EXPECT_FALSE(IsSupportedLanguage("sv"));
}

Actor WithGrants(std::vector<Grant> grants) {
  Actor a;
  a.person_id = 7;
  a.grants = std::move(grants);
  return a;
}

TEST(AccountsRules, SystemAdminMayGrantAnythingThatExists) {
  auto admin = WithGrants({{Role::kSystemAdmin, 0}});
  EXPECT_TRUE(MayGrant(admin, Role::kSystemAdmin, {true, std::nullopt}));
  EXPECT_TRUE(MayGrant(admin, Role::kOperatorAdmin, {true, 3}));
  EXPECT_FALSE(MayGrant(admin, Role::kOperatorAdmin, {false, std::nullopt}));
}

TEST(AccountsRules, OperatorAdminIsLimitedToOwnOperator) {
  auto a = WithGrants({{Role::kOperatorAdmin, 1}});
  EXPECT_TRUE(MayGrant(a, Role::kOperatorStaff, {true, 1}));
  EXPECT_TRUE(MayGrant(a, Role::kOperatorAdmin, {true, 1}));
  EXPECT_FALSE(MayGrant(a, Role::kOperatorAdmin, {true, 2}));
  EXPECT_TRUE(MayGrant(a, Role::kCoordinator, {true, std::nullopt}));
  EXPECT_TRUE(MayGrant(a, Role::kMentor, {true, 1}));
  EXPECT_FALSE(MayGrant(a, Role::kTrainee, {true, 2}));
  EXPECT_FALSE(MayGrant(a, Role::kSystemAdmin, {true, std::nullopt}));
  EXPECT_FALSE(MayGrant(a, Role::kApplicant, {true, std::nullopt}));
}

TEST(AccountsRules, StaffAndOthersMayNotGrant) {
  auto staff = WithGrants({{Role::kOperatorStaff, 1}});
  EXPECT_FALSE(MayGrant(staff, Role::kOperatorStaff, {true, 1}));
  auto coordinator = WithGrants({{Role::kCoordinator, 4}});
  EXPECT_FALSE(MayGrant(coordinator, Role::kMentor, {true, 1}));
  EXPECT_FALSE(MayGrant(Actor{}, Role::kMentor, {true, 1}));
}

}  // namespace
}  // namespace tp::domain

namespace tp::domain {
namespace {

TEST(ScopeRef, ParsesKnownKindsWithPositiveIds) {
  auto ref = ParseScopeRef("employer:12");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->kind, "employer");
  EXPECT_EQ(ref->id, 12);
  EXPECT_EQ(FormatScopeRef("trainee", 7), "trainee:7");
  EXPECT_FALSE(ParseScopeRef("employer:0").has_value());
  EXPECT_FALSE(ParseScopeRef("employer:-3").has_value());
  EXPECT_FALSE(ParseScopeRef("employer:12x").has_value());
  EXPECT_FALSE(ParseScopeRef("planet:1").has_value());
  EXPECT_FALSE(ParseScopeRef("12").has_value());
  EXPECT_FALSE(ParseScopeRef("").has_value());
}

TEST(ScopeRef, ScopeMustFitTheRole) {
  EXPECT_EQ(ScopeIdForRole(Role::kCoordinator, "employer:12"), std::optional<std::int64_t>(12));
  EXPECT_EQ(ScopeIdForRole(Role::kOperatorStaff, "operator:3"), std::optional<std::int64_t>(3));
  EXPECT_EQ(ScopeIdForRole(Role::kMentor, "trainee:7"), std::optional<std::int64_t>(7));
  EXPECT_FALSE(ScopeIdForRole(Role::kCoordinator, "trainee:7").has_value());
  EXPECT_FALSE(ScopeIdForRole(Role::kMentor, "employer:12").has_value());
  EXPECT_FALSE(ScopeIdForRole(Role::kCoordinator, "").has_value());
  EXPECT_EQ(ScopeIdForRole(Role::kApplicant, ""), std::optional<std::int64_t>(0));
  EXPECT_FALSE(ScopeIdForRole(Role::kSystemAdmin, "operator:1").has_value());
}

}  // namespace
}  // namespace tp::domain
