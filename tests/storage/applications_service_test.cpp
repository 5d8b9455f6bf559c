// The applications area against a real database (SQLite and PostgreSQL): sign-up with e-mail
// verification, drafts, sending once, uploads, the deadline in Europe/Oslo time, withdrawal,
// the export and account deletion.
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "domain/errors.h"
#include "services/accounts/account_service.h"
#include "services/applications/application_service.h"
#include "services/mail/mailer.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/applications/application_repositories.h"
#include "storage/applications/group_commit.h"
#include "storage/pool_fixture.h"
#include "storage/sql_helpers.h"
#include "support/test_database.h"

namespace tp {
namespace {

using domain::Actor;
using domain::Role;
using services::ApplicationInput;
using services::ApplicationService;
using services::FileUpload;

const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

bool HasField(const Invalid& e, const std::string& field) {
  for (const auto& f : e.errors)
    if (f.field == field) return true;
  return false;
}

// Unix seconds of a wall-clock time in Oslo in winter (CET, UTC+1).
std::int64_t OsloWinter(int y, unsigned m, unsigned d, int hour, int minute) {
  return domain::Date::From(y, m, d).DaysSinceEpoch() * 86400 + (hour - 1) * 3600 + minute * 60;
}

class ApplicationsService : public ::testing::Test {
 protected:
  void SetUp() override {
    services::AccountSettings as;
    as.argon2_opslimit = 1;
    as.argon2_memlimit = 8192 * 1024;
    as.clock = [this] { return now_; };
    accounts_ = std::make_unique<services::AccountService>(*db_, as, mailer_);
    programmes_ = std::make_unique<services::ProgrammeService>(*db_);
    programmes_->EnsureMunicipalitiesLoaded();
    signup_ = std::make_unique<services::SignupService>(*db_, *programmes_);
    services::ApplicationSettings s;
    s.public_url = "https://tp.example.no/";
    s.argon2_opslimit = 1;
    s.argon2_memlimit = 8192 * 1024;
    s.clock = [this] { return now_; };
    svc_ = std::make_unique<ApplicationService>(*db_, mailer_, s);

    const auto ks = programmes_->CreateOperatorTrusted({"KS", "KS", "national"});
    const auto programme = programmes_->CreateProgrammeTrusted(
        ks, {"Kommunesektorens traineeprogram", "national_model", ""});
    // Deadline Monday 14 February 2011 (end of that day in Oslo).
    cohort_ = programmes_->CreateCohortTrusted(
        programme, {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    other_cohort_ = programmes_->CreateCohortTrusted(
        programme, {"Kull 6", "2011-11-17", "2012-02-14", "2012-09-01", "", ""});
    services::ParticipationInput confirmed;
    confirmed.employer_id = std::to_string(signup_->CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""}));
    confirmed.trainees_wanted = "2";
    confirmed.status = "confirmed";
    confirmed_ = signup_->SignUpEmployerTrusted(cohort_, confirmed);
    services::ParticipationInput pending = confirmed;
    pending.employer_id = std::to_string(signup_->CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""}));
    pending.status = "signed_up";
    unconfirmed_ = signup_->SignUpEmployerTrusted(cohort_, pending);
    db_->Transact([&](storage::Tx& tx) {
      background_ = storage::sqlx::Scalar(
          tx,
          "INSERT INTO backgrounds (operator_id, name, position, created_at) VALUES (:op, "
          "'Prøvefag', 1, 0) RETURNING id",
          storage::sqlx::Params().Int("op", ks));
    });

    kari_ = Applicant("kari@example.no", "Kari Nordmann");
    ola_ = Applicant("ola@example.no", "Ola Nordmann");
  }

  Actor Applicant(const std::string& email, const std::string& name) {
    Actor a;
    a.person_id = accounts_->CreatePersonWithPassword(email, name, "riktig-passord-1",
                                                      {{Role::kApplicant, 0}});
    a.email = email;
    a.name = name;
    a.grants = {{Role::kApplicant, 0}};
    return a;
  }

  ApplicationInput Complete() {
    ApplicationInput in;
    in.given_name = "Kari";
    in.family_name = "Nordmann";
    in.birth_date = "01.02.1986";
    in.gender = "female";
    in.phone = "+47 912 34 567";
    in.address = "Storgata 1";
    in.postal_code = "0155";
    in.city = "Oslo";
    in.municipality_number = "0301";
    in.occupation = "Rådgiver";
    in.experience = "Sommerjobb i Nittedal kommune";
    in.motivation = "Jeg vil jobbe i kommunesektoren.";
    in.education = {
        {"master", std::to_string(background_), "Samfunnsøkonomi", "Universitetet i Oslo", "2010"},
        {"bachelor", "", "Statsvitenskap", "NTNU", "2008"}};
    in.preferences = {std::to_string(confirmed_)};
    return in;
  }

  long Outbox(const std::string& to, const std::string& kind) {
    long n = 0;
    db_->Read([&](storage::Tx& tx) {
      n = static_cast<long>(storage::sqlx::Scalar(
          tx, "SELECT COUNT(*) FROM outbox WHERE to_address = :to AND kind = :kind",
          storage::sqlx::Params().Text("to", to).Text("kind", kind)));
    });
    return n;
  }

  std::string LastBody(const std::string& to) {
    std::string body;
    db_->Read([&](storage::Tx& tx) {
      storage::sqlx::Cursor c(
          tx, "SELECT body_text FROM outbox WHERE to_address = :to ORDER BY id DESC",
          storage::sqlx::Params().Text("to", to), "T");
      if (c.Next()) body = c.Text(0);
    });
    return body;
  }

  test::TestDatabase db_ = test::FreshDatabase();
  services::Mailer mailer_;
  std::unique_ptr<services::AccountService> accounts_;
  std::unique_ptr<services::ProgrammeService> programmes_;
  std::unique_ptr<services::SignupService> signup_;
  std::unique_ptr<ApplicationService> svc_;
  std::int64_t now_ = OsloWinter(2011, 2, 1, 12, 0);
  std::int64_t cohort_ = 0, other_cohort_ = 0, confirmed_ = 0, unconfirmed_ = 0, background_ = 0;
  Actor kari_, ola_;
};

TEST_F(ApplicationsService, RegistrationIsVerifiedByTheEmailedLinkOnce) {
  svc_->Register({"Siri.Soker@Example.no", "Siri Søker", "hemmelig-passord", "hemmelig-passord",
                  true, "nn", ""});
  ASSERT_EQ(Outbox("siri.soker@example.no", "applications/verify"), 1);
  std::smatch m;
  const auto body = LastBody("siri.soker@example.no");
  ASSERT_TRUE(std::regex_search(
      body, m, std::regex("https://tp\\.example\\.no/register/verify/([A-Za-z0-9_-]+)")))
      << body;
  const std::string token = m[1];
  EXPECT_EQ(svc_->PeekRegistration(token), "siri.soker@example.no");
  // No person until the link is used.
  db_->Read([&](storage::Tx& tx) {
    EXPECT_FALSE(storage::PersonRepository(tx).FindByEmail("siri.soker@example.no"));
  });
  const auto session = svc_->VerifyRegistration(token, "127.0.0.1", "test");
  ASSERT_FALSE(session.empty());
  auto actor = accounts_->ResolveSession(session);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->name, "Siri Søker");
  EXPECT_TRUE(actor->Has(Role::kApplicant, 0));
  EXPECT_EQ(actor->locale, "nn");
  // The password chosen at sign-up works.
  EXPECT_EQ(accounts_->Login("siri.soker@example.no", "hemmelig-passord", "127.0.0.1", "t").status,
            services::LoginStatus::kOk);
  EXPECT_THROW(svc_->VerifyRegistration(token, "127.0.0.1", "test"), NotFound);
  EXPECT_FALSE(svc_->PeekRegistration(token));
}

TEST_F(ApplicationsService, RegistrationLinkExpiresAfter24Hours) {
  svc_->Register(
      {"sen@example.no", "Sen Søker", "hemmelig-passord", "hemmelig-passord", true, "", ""});
  std::smatch m;
  const auto body = LastBody("sen@example.no");
  ASSERT_TRUE(std::regex_search(body, m, std::regex("/register/verify/([A-Za-z0-9_-]+)")));
  now_ += 24 * 3600 + 1;
  EXPECT_THROW(svc_->VerifyRegistration(m[1], "127.0.0.1", "test"), NotFound);
}

TEST_F(ApplicationsService, RegistrationEmailsAreLimitedPerAddressAndHour) {
  for (int i = 0; i < 5; ++i)
    svc_->Register(
        {"flom@example.no", "Flom", "hemmelig-passord", "hemmelig-passord", true, "", ""});
  EXPECT_EQ(Outbox("flom@example.no", "applications/verify"), 3);
  now_ += 3601;
  svc_->Register({"flom@example.no", "Flom", "hemmelig-passord", "hemmelig-passord", true, "", ""});
  EXPECT_EQ(Outbox("flom@example.no", "applications/verify"), 4);
}

TEST_F(ApplicationsService, RegistrationOfAnExistingEmailOnlyTellsTheOwner) {
  svc_->Register(
      {"KARI@example.no", "Noen Andre", "hemmelig-passord", "hemmelig-passord", true, "", ""});
  EXPECT_EQ(Outbox("kari@example.no", "applications/account_exists"), 1);
  EXPECT_EQ(Outbox("kari@example.no", "applications/verify"), 0);
  db_->Read([&](storage::Tx& tx) {
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM applicant_registrations"), 0);
  });
}

TEST_F(ApplicationsService, RegistrationReportsEveryProblem) {
  try {
    svc_->Register({"not-an-email", "", "kort", "annet", false, "", ""});
    FAIL() << "accepted";
  } catch (const Invalid& e) {
    for (const char* f : {"email", "name", "password", "password_repeat", "accept_terms"})
      EXPECT_TRUE(HasField(e, f)) << f;
  }
}

TEST_F(ApplicationsService, DraftIsSavedWithoutFullValidationAndSentOnce) {
  ApplicationInput partial;
  partial.given_name = "Kari";
  auto r = svc_->Save(kari_, cohort_, partial, {}, false);
  EXPECT_GT(r.application_id, 0);
  EXPECT_FALSE(r.newly_sent);
  // Sending finds what is missing; the typed fields stay saved.
  try {
    svc_->Save(kari_, cohort_, partial, {}, true);
    FAIL() << "sent an incomplete application";
  } catch (const Invalid& e) {
    for (const char* f : {"family_name", "birth_date", "education", "cv", "motivation"})
      EXPECT_TRUE(HasField(e, f)) << f;
  }
  auto view = svc_->GetApplication(kari_, cohort_);
  ASSERT_TRUE(view.application);
  EXPECT_EQ(view.application->given_name, "Kari");
  EXPECT_EQ(view.application->status, domain::ApplicationStatus::kDraft);
  EXPECT_TRUE(view.open);

  auto sent = svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, true);
  EXPECT_TRUE(sent.newly_sent);
  EXPECT_EQ(Outbox("kari@example.no", "applications/receipt"), 1);
  // A double click: the second request sees it sent and queues no second e-mail.
  auto again = svc_->Save(kari_, cohort_, Complete(), {}, true);
  EXPECT_TRUE(again.already_sent);
  EXPECT_FALSE(again.newly_sent);
  EXPECT_TRUE(svc_->Send(kari_, cohort_).already_sent);
  EXPECT_EQ(Outbox("kari@example.no", "applications/receipt"), 1);
  EXPECT_NE(LastBody("kari@example.no").find("/apply/cohorts/" + std::to_string(cohort_)),
            std::string::npos);

  view = svc_->GetApplication(kari_, cohort_);
  const auto& a = *view.application;
  EXPECT_EQ(a.status, domain::ApplicationStatus::kSent);
  EXPECT_EQ(a.sent_at, now_);
  EXPECT_EQ(a.birth_date, "1986-02-01");
  ASSERT_EQ(a.education.size(), 2u);
  EXPECT_EQ(a.education[0].background_id, background_);
  EXPECT_EQ(a.education[0].background_name, "Prøvefag");
  EXPECT_EQ(a.education[1].institution, "NTNU");
  ASSERT_EQ(a.preferences.size(), 1u);
  EXPECT_EQ(a.preferences[0].employer_name, "Nittedal kommune");
  ASSERT_EQ(a.files.size(), 1u);
  EXPECT_EQ(a.files[0].size_bytes, static_cast<std::int64_t>(kPdf.size()));
  EXPECT_EQ(svc_->GetFile(kari_, a.files[0].id).content, kPdf);
  // search_text covers names, education, occupation, experience and motivation.
  db_->Read([&](storage::Tx& tx) {
    storage::sqlx::Cursor c(tx, "SELECT search_text FROM applications WHERE id = :id",
                            storage::sqlx::Params().Int("id", a.id), "T");
    ASSERT_TRUE(c.Next());
    for (const char* w : {"Nordmann", "Samfunnsøkonomi", "Universitetet i Oslo", "Rådgiver",
                          "Sommerjobb", "kommunesektoren"})
      EXPECT_NE(c.Text(0).find(w), std::string::npos) << w;
  });
  test::pool::ExpectSearchIndexConsistent(*db_);
}

TEST_F(ApplicationsService, ASentApplicationCanBeChangedButNotEmptied) {
  svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, true);
  auto changed = Complete();
  changed.occupation = "Konsulent";
  svc_->Save(kari_, cohort_, changed, {}, false);
  EXPECT_EQ(svc_->GetApplication(kari_, cohort_).application->occupation, "Konsulent");
  auto emptied = Complete();
  emptied.motivation = "";
  EXPECT_THROW(svc_->Save(kari_, cohort_, emptied, {}, false), Invalid);
  const auto a = *svc_->GetApplication(kari_, cohort_).application;
  EXPECT_EQ(a.motivation, "Jeg vil jobbe i kommunesektoren.");
  EXPECT_EQ(a.status, domain::ApplicationStatus::kSent);
  test::pool::ExpectSearchIndexConsistent(*db_);
}

TEST_F(ApplicationsService, RefusedUploadKeepsTheRestOfTheApplication) {
  auto in = Complete();
  std::string big(domain::kMaxApplicationFileBytes + 1, 'x');
  big.replace(0, 5, "%PDF-");
  auto r = svc_->Save(kari_, cohort_, in,
                      {{"cv", "cv", "cv.docx", "PK\x03\x04 not a pdf"},
                       {"diploma", "diploma", "vitnemaal.pdf", "%PDF-1.4\nhalf a file"}},
                      true);
  ASSERT_EQ(r.file_errors.size(), 2u);
  EXPECT_EQ(r.file_errors[0].field, "cv");
  EXPECT_EQ(r.file_errors[0].message, "The file is not a PDF.");
  EXPECT_EQ(r.file_errors[1].message, "The file is incomplete (cut off). Upload it again.");
  EXPECT_FALSE(r.newly_sent);
  auto view = svc_->GetApplication(kari_, cohort_);
  ASSERT_TRUE(view.application);
  EXPECT_EQ(view.application->motivation, in.motivation);
  EXPECT_EQ(view.application->status, domain::ApplicationStatus::kDraft);
  EXPECT_TRUE(view.application->files.empty());
  auto too_big = svc_->Save(kari_, cohort_, in, {{"cv", "cv", "cv.pdf", big}}, false);
  ASSERT_EQ(too_big.file_errors.size(), 1u);
  EXPECT_EQ(too_big.file_errors[0].message, "The file is larger than 10 MB.");
}

TEST_F(ApplicationsService, TheDeadlineIsTheEndOfTheDayInOslo) {
  svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, false);
  now_ = OsloWinter(2011, 2, 14, 23, 59);  // 22:59 UTC, still the deadline day in Oslo
  EXPECT_TRUE(svc_->Send(kari_, cohort_).newly_sent);
  now_ = OsloWinter(2011, 2, 15, 0, 1);  // 23:01 UTC on the 14th, but the 15th in Oslo
  EXPECT_FALSE(svc_->GetApplication(kari_, cohort_).open);
  EXPECT_THROW(svc_->Save(kari_, cohort_, Complete(), {}, true), Conflict);
  EXPECT_THROW(svc_->Save(ola_, cohort_, Complete(), {}, false), Conflict);
  const auto file = svc_->GetApplication(kari_, cohort_).application->files.at(0).id;
  EXPECT_THROW(svc_->DeleteFile(kari_, file), Conflict);
}

TEST_F(ApplicationsService, OnlyConfirmedEmployersMayBeWished) {
  auto in = Complete();
  in.preferences = {std::to_string(unconfirmed_)};
  try {
    svc_->Save(kari_, cohort_, in, {}, false);
    FAIL();
  } catch (const Invalid& e) {
    EXPECT_TRUE(HasField(e, "preferences"));
  }
  in.preferences = {std::to_string(confirmed_), std::to_string(confirmed_)};
  EXPECT_THROW(svc_->Save(kari_, cohort_, in, {}, false), Invalid);
  auto view = svc_->GetApplication(kari_, cohort_);
  ASSERT_EQ(view.employers.size(), 1u);
  EXPECT_EQ(view.employers[0].participation_id, confirmed_);
  EXPECT_FALSE(view.application);  // nothing saved by the refused attempts
}

TEST_F(ApplicationsService, RightsAreCheckedFirst) {
  EXPECT_THROW(svc_->GetApplication(Actor{}, cohort_), Unauthenticated);
  EXPECT_THROW(svc_->Save(Actor{}, cohort_, Complete(), {}, false), Unauthenticated);
  Actor staff = kari_;
  staff.grants = {{Role::kOperatorStaff, 1}};
  EXPECT_THROW(svc_->GetApplication(staff, cohort_), Forbidden);
  EXPECT_THROW(svc_->Save(staff, cohort_, Complete(), {}, false), Forbidden);
  EXPECT_THROW(svc_->GetApplication(kari_, 999999), NotFound);
  svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, false);
  const auto file = svc_->GetApplication(kari_, cohort_).application->files.at(0).id;
  EXPECT_THROW(svc_->GetFile(ola_, file), NotFound);
  EXPECT_THROW(svc_->DeleteFile(ola_, file), NotFound);
  EXPECT_TRUE(svc_->ListMine(ola_).empty());
  EXPECT_EQ(svc_->ListMine(kari_).size(), 1u);
  EXPECT_THROW(svc_->CheckMayDeleteAccount(staff), Forbidden);
}

TEST_F(ApplicationsService, WithdrawnApplicationsAreFinal) {
  EXPECT_THROW(svc_->Withdraw(kari_, cohort_), NotFound);
  svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, false);
  EXPECT_THROW(svc_->Withdraw(kari_, cohort_), Conflict);  // a draft is not withdrawn
  svc_->Send(kari_, cohort_);
  svc_->Withdraw(kari_, cohort_);
  svc_->Withdraw(kari_, cohort_);  // a repeated click is harmless
  auto a = *svc_->GetApplication(kari_, cohort_).application;
  EXPECT_EQ(a.status, domain::ApplicationStatus::kWithdrawn);
  EXPECT_EQ(a.withdrawn_at, now_);
  EXPECT_THROW(svc_->Save(kari_, cohort_, Complete(), {}, true), Conflict);
  EXPECT_THROW(svc_->Send(kari_, cohort_), Conflict);
  test::pool::ExpectSearchIndexConsistent(*db_);
}

TEST_F(ApplicationsService, ExportHoldsEverythingAndAccountDeletionRemovesDrafts) {
  svc_->Save(kari_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, false);
  auto second = Complete();
  second.preferences.clear();  // Kull 6 has no confirmed employers
  svc_->Save(kari_, other_cohort_, second, {}, false);
  auto e = svc_->Export(kari_);
  EXPECT_EQ(e.person.email, "kari@example.no");
  ASSERT_EQ(e.applications.size(), 2u);
  std::size_t files = 0;
  for (std::size_t i = 0; i < e.applications.size(); ++i) {
    files += e.file_contents[i].size();
    for (const auto& c : e.file_contents[i]) EXPECT_EQ(c, kPdf);
  }
  EXPECT_EQ(files, 1u);
  svc_->DeleteAccount(kari_);
  db_->Read([&](storage::Tx& tx) {
    EXPECT_FALSE(storage::PersonRepository(tx).FindByEmail("kari@example.no"));
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM applications"), 0);
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM application_files"), 0);
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM application_education"), 0);
  });
  test::pool::ExpectSearchIndexConsistent(*db_);
}

TEST_F(ApplicationsService, AccountWithASentApplicationIsNotDeleted) {
  svc_->Save(ola_, cohort_, Complete(), {{"cv", "cv", "cv.pdf", kPdf}}, true);
  EXPECT_THROW(svc_->CheckMayDeleteAccount(ola_), Conflict);
  EXPECT_THROW(svc_->DeleteAccount(ola_), Conflict);
  db_->Read([&](storage::Tx& tx) {
    EXPECT_TRUE(storage::PersonRepository(tx).FindByEmail("ola@example.no"));
  });
}

}  // namespace
}  // namespace tp

namespace tp {
namespace {

// Concurrent units of work share commits on SQLite; a failing unit is rolled back alone and
// its caller gets its exception, the others' writes are all stored.
TEST(ApplicationsGroupCommit, FailingUnitIsRolledBackAloneAndOthersCommit) {
  auto db = test::FreshDatabase();
  storage::GroupCommit group(*db);
  constexpr int kThreads = 8, kEach = 25;
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const bool fail = i % 5 == 0;
        try {
          group.Run([&](storage::Tx& tx) {
            storage::sqlx::Exec(tx,
                                "INSERT INTO operators (name, kind, created_at) VALUES (:name, "
                                "'national', 0)",
                                storage::sqlx::Params().Text(
                                    "name", "op " + std::to_string(t) + "-" + std::to_string(i)));
            if (fail) throw Conflict("refused unit");
          });
        } catch (const Conflict&) {
          ++refused;
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(refused.load(), kThreads * kEach / 5);
  db->Read([&](storage::Tx& tx) {
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM operators WHERE name LIKE 'op %'"),
              kThreads * kEach * 4 / 5);
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM operators WHERE name = 'op 3-5'"), 0);
    EXPECT_EQ(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM operators WHERE name = 'op 3-6'"), 1);
  });
}

}  // namespace
}  // namespace tp
