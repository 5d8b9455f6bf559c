#include <gtest/gtest.h>

#include "domain/accounts/rules.h"

namespace tp::domain {
namespace {

TEST(AccountsLoginDelay, FreeTriesThenADoublingDelayUpToTheCap) {
  EXPECT_EQ(LoginDelaySeconds(0, 5, 5, 300), 0);
  EXPECT_EQ(LoginDelaySeconds(4, 5, 5, 300), 0);
  EXPECT_EQ(LoginDelaySeconds(5, 5, 5, 300), 5);
  EXPECT_EQ(LoginDelaySeconds(6, 5, 5, 300), 10);
  EXPECT_EQ(LoginDelaySeconds(7, 5, 5, 300), 20);
  EXPECT_EQ(LoginDelaySeconds(10, 5, 5, 300), 160);
  EXPECT_EQ(LoginDelaySeconds(11, 5, 5, 300), 300);
  EXPECT_EQ(LoginDelaySeconds(100000, 5, 5, 300), 300);  // never more: a delay, not a wall
  EXPECT_EQ(LoginDelaySeconds(3, 3, 0, 300), 1);
  EXPECT_EQ(LoginDelaySeconds(5, 0, 5, 0), 0);
}

}  // namespace
}  // namespace tp::domain
