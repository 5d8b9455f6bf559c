#include "services/signup/signup_service.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "domain/signup/rules.h"
#include "services/mail/mailer.h"
#include "services/programmes/programme_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/sql_helpers.h"
#include "support/test_database.h"

using namespace tp;
using namespace tp::storage;

namespace {

// 2026-11-23 12:00 in Oslo (CET, UTC+1).
constexpr std::int64_t kMonday = 1795431600;

bool HasField(const Invalid& e, const std::string& field) {
  for (const auto& fe : e.errors)
    if (fe.field == field) return true;
  return false;
}

class SignupService : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(test::FreshDatabase());
    programmes_ = std::make_unique<services::ProgrammeService>(
        **db_, services::ProgrammeSettings{"https://tp.example.no", [this] { return now_; }});
    svc_ = std::make_unique<services::SignupService>(**db_, *programmes_, mailer_);
    programmes_->EnsureMunicipalitiesLoaded();
    ks_ = programmes_->CreateOperatorTrusted({"KS", "KS", "national"});
    ttr_ = programmes_->CreateOperatorTrusted({"Tekniske Tjenester Romerike", "TTR", "regional"});
    auto programme = programmes_->CreateProgrammeTrusted(
        ks_, {"Kommunesektorens traineeprogram", "national_model", ""});
    cohort_ = programmes_->CreateCohortTrusted(
        programme, {"Kull 21", "2026-12-01", "2027-02-15", "2027-09-01", "", ""});
    nittedal_ = svc_->CreateEmployerTrusted({"Nittedal kommune", "municipality", "974760673",
                                             "3232", "Rådhusvegen 2", "1482", "Nittedal", "", ""});
    roaf_ = svc_->CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    (*db_)->Transact([&](Tx& tx) {
      coordinator_.person_id =
          PersonRepository(tx).Insert("koord@nittedal.kommune.no", "Koordinator", std::nullopt, 1);
      GrantRepository(tx).Add(coordinator_.person_id, domain::Role::kCoordinator, nittedal_,
                              std::nullopt, 1);
    });
    coordinator_.grants.push_back({domain::Role::kCoordinator, nittedal_});
    staff_.person_id = 900;
    staff_.grants.push_back({domain::Role::kOperatorStaff, ks_});
    other_staff_.person_id = 901;
    other_staff_.grants.push_back({domain::Role::kOperatorStaff, ttr_});
    stranger_.person_id = 902;
    for (const auto& b : svc_->ListBackgrounds(staff_, ks_, false)) backgrounds_[b.name] = b.id;
  }

  services::ParticipationInput Input(std::int64_t employer) {
    services::ParticipationInput in;
    in.employer_id = std::to_string(employer);
    in.trainees_wanted = "2";
    in.wanted_background = "Gjerne GIS";
    in.background_ids = {std::to_string(backgrounds_.at("Plan og areal")),
                         std::to_string(backgrounds_.at("Ingeniørfag"))};
    in.presentation = "Nittedal ligger i Nordmarka.";
    in.buyer_reference_pattern = "4010-######";
    in.buyer_reference = "4010-123456";
    return in;
  }

  std::int64_t now_ = kMonday;
  services::Mailer mailer_;
  std::optional<test::TestDatabase> db_;
  std::unique_ptr<services::ProgrammeService> programmes_;
  std::unique_ptr<services::SignupService> svc_;
  std::int64_t ks_ = 0, ttr_ = 0, cohort_ = 0, nittedal_ = 0, roaf_ = 0;
  domain::Actor coordinator_, staff_, other_staff_, stranger_;
  std::map<std::string, std::int64_t> backgrounds_;
};

TEST_F(SignupService, EveryOperatorStartsWithTheDefaultBackgrounds) {
  auto list = svc_->ListBackgrounds(staff_, ks_, true);
  std::vector<std::string> names;
  for (const auto& b : list) names.push_back(b.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Ingeniørfag", "Økonomi", "Juss", "Samfunnsfag",
                                             "Plan og areal", "IT", "Helse"}));
  EXPECT_EQ(svc_->ListBackgrounds(other_staff_, ttr_, true).size(), 7u);
  EXPECT_THROW(svc_->ListBackgrounds(other_staff_, ks_, true), NotFound);
  EXPECT_THROW(svc_->ListBackgrounds(domain::Actor{}, ks_, true), Unauthenticated);
}

TEST_F(SignupService, CoordinatorSignsUpOwnEmployerUntilTheEndOfTheDeadlineDayInOslo) {
  // Someone else's employer, or no coordinator role at all, is refused before anything else.
  EXPECT_THROW(svc_->SignUpEmployer(coordinator_, cohort_, Input(roaf_)), Forbidden);
  EXPECT_THROW(svc_->SignUpEmployer(stranger_, cohort_, Input(nittedal_)), NotFound);
  EXPECT_THROW(svc_->SignUpEmployer(domain::Actor{}, cohort_, Input(nittedal_)), Unauthenticated);

  // The buyer reference must follow the pattern.
  auto wrong = Input(nittedal_);
  wrong.buyer_reference = "4010-12345";
  wrong.invoice_org_number = "974760674";
  try {
    svc_->SignUpEmployer(coordinator_, cohort_, wrong);
    FAIL() << "accepted a reference that does not follow the pattern";
  } catch (const Invalid& e) {
    EXPECT_TRUE(HasField(e, "buyer_reference"));
    EXPECT_TRUE(HasField(e, "invoice_org_number"));
  }

  auto in = Input(nittedal_);
  in.status = "confirmed";  // a coordinator cannot set the status
  const auto version = programmes_->AdvertVersion();
  auto id = svc_->SignUpEmployer(coordinator_, cohort_, in);
  EXPECT_GT(programmes_->AdvertVersion(), version);
  auto p = svc_->GetParticipation(coordinator_, id);
  EXPECT_EQ(p.status, domain::ParticipationStatus::kSignedUp);
  EXPECT_EQ(p.trainees_wanted, 2);
  EXPECT_EQ(p.invoice_org_number, "974760673");  // the employer's own number by default
  EXPECT_EQ(p.buyer_reference, "4010-123456");
  EXPECT_EQ(p.background_names, (std::vector<std::string>{"Ingeniørfag", "Plan og areal"}));
  EXPECT_EQ(p.updated_at, kMonday);
  EXPECT_THROW(svc_->GetParticipation(stranger_, id), NotFound);

  // On the deadline day, late in the evening in Oslo (22:30 UTC = 23:30 CET): still open.
  now_ = 1796164200;  // 2026-12-01T22:30:00Z
  in.trainees_wanted = "3";
  svc_->UpdateParticipation(coordinator_, id, in);
  EXPECT_EQ(svc_->GetParticipation(coordinator_, id).trainees_wanted, 3);

  // Half past midnight in Oslo is still 1 December in UTC, but the deadline has passed.
  now_ = 1796167800;  // 2026-12-01T23:30:00Z = 2026-12-02 00:30 Oslo
  try {
    svc_->UpdateParticipation(coordinator_, id, in);
    FAIL() << "edited after the deadline";
  } catch (const Invalid& e) {
    EXPECT_TRUE(HasField(e, "signup_deadline"));
  }
  EXPECT_FALSE(svc_->GetSignupForm(coordinator_, cohort_).open);
  EXPECT_THROW(svc_->SignUpEmployer(coordinator_, cohort_, Input(nittedal_)), Invalid);

  // Operator staff may still add and edit; staff of another operator may not.
  EXPECT_THROW(svc_->SignUpEmployer(other_staff_, cohort_, Input(roaf_)), NotFound);
  auto roaf_in = Input(roaf_);
  roaf_in.buyer_reference_pattern = "";
  roaf_in.buyer_reference = "";
  auto roaf_id = svc_->SignUpEmployer(staff_, cohort_, roaf_in);
  in.trainees_wanted = "4";
  svc_->UpdateParticipation(staff_, id, in);
  EXPECT_EQ(svc_->GetParticipation(staff_, id).trainees_wanted, 4);
  // The coordinator of a participating employer sees but cannot change another's sign-up.
  EXPECT_THROW(svc_->UpdateParticipation(coordinator_, roaf_id, roaf_in), Forbidden);
}

TEST_F(SignupService, OperatorDecidesAndTheCoordinatorIsEmailed) {
  auto id = svc_->SignUpEmployer(coordinator_, cohort_, Input(nittedal_));
  EXPECT_THROW(svc_->DecideParticipation(coordinator_, id, {"confirmed", ""}), Forbidden);
  EXPECT_THROW(svc_->DecideParticipation(other_staff_, id, {"confirmed", ""}), NotFound);
  EXPECT_THROW(svc_->DecideParticipation(staff_, id, {"maybe", ""}), Invalid);

  // Not in the advert before it is confirmed.
  EXPECT_TRUE(programmes_->GetAdvert(cohort_).entries.empty());
  svc_->DecideParticipation(staff_, id, {"confirmed", "Velkommen!"});
  auto p = svc_->GetParticipation(coordinator_, id);
  EXPECT_EQ(p.status, domain::ParticipationStatus::kConfirmed);
  EXPECT_EQ(p.decision_reason, "Velkommen!");

  std::vector<std::pair<std::string, std::string>> mails;
  (*db_)->Read([&](Tx& tx) {
    sqlx::Cursor c(tx, "SELECT to_address, kind, body_text FROM outbox ORDER BY id", {}, "TTT");
    while (c.Next()) {
      mails.emplace_back(c.Text(0), c.Text(1));
      EXPECT_NE(c.Text(2).find("https://tp.example.no/signup"), std::string::npos);
    }
  });
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].first, "koord@nittedal.kommune.no");
  EXPECT_EQ(mails[0].second, "signup/confirmed");

  auto advert = programmes_->GetAdvert(cohort_);
  ASSERT_EQ(advert.entries.size(), 1u);
  EXPECT_EQ(advert.positions, 2);
  EXPECT_EQ(advert.entries[0].participation.employer_name, "Nittedal kommune");
  EXPECT_EQ(advert.entries[0].county_name, "Akershus");
  EXPECT_THROW(programmes_->GetAdvert(cohort_ + 100), NotFound);

  svc_->DecideParticipation(staff_, id, {"declined", ""});
  EXPECT_TRUE(programmes_->GetAdvert(cohort_).entries.empty());
  (*db_)->Read([&](Tx& tx) {
    EXPECT_EQ(sqlx::Scalar(tx, "SELECT COUNT(*) FROM outbox WHERE kind = 'signup/declined'"), 1);
  });

  // A status changed on the staff's edit form is a decision too; other edits send nothing.
  auto in = Input(nittedal_);
  in.status = "declined";
  svc_->UpdateParticipation(staff_, id, in);
  in.status = "confirmed";
  svc_->UpdateParticipation(staff_, id, in);
  (*db_)->Read([&](Tx& tx) {
    EXPECT_EQ(sqlx::Scalar(tx, "SELECT COUNT(*) FROM outbox WHERE kind LIKE 'signup/%'"), 3);
  });
}

TEST_F(SignupService, StaffKeepTheBackgroundList) {
  EXPECT_THROW(svc_->AddBackground(coordinator_, ks_, {"Arkitektur"}), NotFound);
  auto id = svc_->AddBackground(staff_, ks_, {" Arkitektur "});
  try {
    svc_->AddBackground(staff_, ks_, {"Arkitektur"});
    FAIL() << "duplicate accepted";
  } catch (const Invalid& e) {
    EXPECT_TRUE(HasField(e, "name"));
  }
  EXPECT_THROW(svc_->AddBackground(staff_, ks_, {"  "}), Invalid);
  svc_->RenameBackground(staff_, id, {"Arkitektur og landskap"});
  svc_->MoveBackground(staff_, id, -1);
  auto list = svc_->ListBackgrounds(staff_, ks_, false);
  ASSERT_EQ(list.size(), 8u);
  EXPECT_EQ(list[6].name, "Arkitektur og landskap");
  EXPECT_EQ(list[7].name, "Helse");

  // Archived: no longer offered, and refused on new sign-ups.
  svc_->SetBackgroundArchived(staff_, id, true);
  EXPECT_EQ(svc_->GetSignupForm(coordinator_, cohort_).backgrounds.size(), 7u);
  auto in = Input(nittedal_);
  in.background_ids = {std::to_string(id)};
  EXPECT_THROW(svc_->SignUpEmployer(coordinator_, cohort_, in), Invalid);
  // Another operator's background is refused as well.
  auto ttr_background = svc_->ListBackgrounds(other_staff_, ttr_, false).front().id;
  in.background_ids = {std::to_string(ttr_background)};
  EXPECT_THROW(svc_->SignUpEmployer(coordinator_, cohort_, in), Invalid);
}

TEST_F(SignupService, LogosAreCheckedByTheirBytes) {
  auto id = svc_->SignUpEmployer(coordinator_, cohort_, Input(nittedal_));
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_THROW(svc_->SetParticipationLogo(coordinator_, id, "<svg onload=alert(1)>"), Invalid);
  EXPECT_THROW(
      svc_->SetParticipationLogo(coordinator_, id, png + std::string(domain::kMaxLogoBytes, 'x')),
      Invalid);
  EXPECT_THROW(svc_->SetParticipationLogo(stranger_, id, png), NotFound);
  svc_->SetParticipationLogo(coordinator_, id, png);
  // Only confirmed sign-ups show their logo publicly.
  EXPECT_THROW(programmes_->GetAdvertLogo(id), NotFound);
  svc_->DecideParticipation(staff_, id, {"confirmed", ""});
  auto logo = programmes_->GetAdvertLogo(id);
  EXPECT_EQ(logo.content_type, "image/png");
  EXPECT_EQ(logo.data, png);
  EXPECT_EQ(svc_->GetParticipation(staff_, id).logo_updated_at, kMonday);
  svc_->RemoveParticipationLogo(staff_, id);
  EXPECT_THROW(programmes_->GetAdvertLogo(id), NotFound);
}

}  // namespace
