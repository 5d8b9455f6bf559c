#include <gtest/gtest.h>

#include "domain/applications/rules.h"

namespace tp::domain {
namespace {

TEST(ApplicationsRules, PdfIsCheckedByContentAndCutOffFilesAreRefused) {
  EXPECT_EQ(CheckPdf("%PDF-1.7\n...\n%%EOF\n"), PdfProblem::kNone);
  EXPECT_EQ(CheckPdf(""), PdfProblem::kEmpty);
  EXPECT_EQ(CheckPdf("PK\x03\x04 word file %%EOF"), PdfProblem::kNotPdf);
  EXPECT_EQ(CheckPdf("%PDF-1.7\nstream ... cut"), PdfProblem::kCutOff);
  // %%EOF far from the end (a file with junk appended) counts as damaged.
  std::string far = "%PDF-1.4\n%%EOF\n" + std::string(2000, ' ');
  EXPECT_EQ(CheckPdf(far), PdfProblem::kCutOff);
  std::string big = "%PDF-1.4\n" + std::string(kMaxApplicationFileBytes, 'x') + "%%EOF";
  EXPECT_EQ(CheckPdf(big), PdfProblem::kTooLarge);
  std::string limit = "%PDF-1.4\n";
  limit += std::string(kMaxApplicationFileBytes - limit.size() - 5, 'x') + "%%EOF";
  EXPECT_EQ(limit.size(), kMaxApplicationFileBytes);
  EXPECT_EQ(CheckPdf(limit), PdfProblem::kNone);
}

TEST(ApplicationsRules, Base64RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
    auto text = Base64Encode(all.substr(0, n));
    EXPECT_EQ(text.size() % 4, 0u);
    EXPECT_EQ(Base64Decode(text), all.substr(0, n));
  }
  EXPECT_EQ(Base64Encode("Man"), "TWFu");
  EXPECT_EQ(Base64Encode("Ma"), "TWE=");
  EXPECT_EQ(Base64Decode("TW\nFu"), "Man");
  EXPECT_FALSE(Base64Decode("TWF"));
  EXPECT_FALSE(Base64Decode("TW!u"));
  EXPECT_FALSE(Base64Decode("TW=u"));
}

TEST(ApplicationsRules, DeadlineDayCounts) {
  const auto deadline = Date::From(2026, 3, 1);
  EXPECT_TRUE(ApplicationsOpen(deadline, Date::From(2026, 2, 28)));
  EXPECT_TRUE(ApplicationsOpen(deadline, deadline));
  EXPECT_FALSE(ApplicationsOpen(deadline, Date::From(2026, 3, 2)));
}

TEST(ApplicationsRules, DraftChecksTypesAndSendingChecksEverything) {
  const auto today = Date::From(2026, 6, 5);
  Application a;
  EXPECT_TRUE(CheckDraft(a, today).empty());
  a.birth_date = "2020-01-01";  // six years old
  a.postal_code = "12a4";
  a.phone = "ring meg";
  a.education.push_back({0, 1, "master", std::nullopt, "", "Økonomi", "NHH", 2031});
  auto errors = CheckDraft(a, today);
  auto has = [&](const std::vector<FieldError>& list, const std::string& f) {
    for (const auto& e : list)
      if (e.field == f) return true;
    return false;
  };
  EXPECT_TRUE(has(errors, "birth_date"));
  EXPECT_TRUE(has(errors, "postal_code"));
  EXPECT_TRUE(has(errors, "phone"));
  EXPECT_TRUE(has(errors, "education.0.year"));
  Application b;
  b.public_list_opt_out = true;
  auto send = CheckForSending(b, false, today);
  for (const char* f :
       {"given_name", "family_name", "birth_date", "phone", "address", "postal_code", "city",
        "municipality_number", "motivation", "education", "cv", "opt_out_reason"})
    EXPECT_TRUE(has(send, f)) << f;
}

TEST(ApplicationsRules, ReferenceNumberNamesCohortAndApplication) {
  EXPECT_EQ(ApplicationReference(5, 345), "S5-000345");
}

}  // namespace
}  // namespace tp::domain
