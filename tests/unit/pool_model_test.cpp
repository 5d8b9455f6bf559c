#include <gtest/gtest.h>

#include "domain/pool/model.h"

using namespace tp::domain::pool;

TEST(PoolModel, FoldsNamesForDuplicates) {
  EXPECT_EQ(FoldName("  ÆRLIG  Øvre-Ås "), "ærlig øvre ås");
  EXPECT_EQ(FoldName("Kari\tNordmann"), "kari nordmann");
  EXPECT_TRUE(LikelyDuplicates({1, "Kari Nordmann", "1995-01-01", "", "a@x.no"},
                               {2, "KARI  nordmann", "1995-01-01", "", "b@x.no"}));
  EXPECT_FALSE(LikelyDuplicates({1, "Kari Nordmann", "1995-01-01", "", "a@x.no"},
                                {2, "Kari Nordmann", "1995-01-02", "", "b@x.no"}));
  EXPECT_TRUE(LikelyDuplicates({1, "A", "", "+47 900 00 001", "a@x.no"},
                               {2, "B", "", "90000001", "b@x.no"}));
  EXPECT_TRUE(LikelyDuplicates({1, "A", "", "", "Kari@X.no"}, {2, "B", "", "", "kari@x.no"}));
  EXPECT_FALSE(LikelyDuplicates({1, "A", "", "", "a@x.no"}, {1, "A", "", "", "a@x.no"}));
  EXPECT_FALSE(LikelyDuplicates({1, "A", "", "123", ""}, {2, "B", "", "123", ""}));
}

TEST(PoolModel, NormalisesTagsAndPhones) {
  EXPECT_EQ(NormaliseTag("  Sterk   KANDIDAT "), "sterk kandidat");
  EXPECT_EQ(NormaliseTag("Å sjekke"), "å sjekke");
  EXPECT_FALSE(NormaliseTag("   "));
  EXPECT_FALSE(NormaliseTag(std::string(41, 'x')));
  EXPECT_EQ(PhoneDigits("0047 900 00 001"), "90000001");
  EXPECT_EQ(PhoneDigits("(+47) 90000001"), "90000001");
  EXPECT_TRUE(IsInterviewStatus("invited"));
  EXPECT_FALSE(IsInterviewStatus("hired"));
  EXPECT_EQ(EmploymentLabel("temporary"), "Temporary employment");
}
