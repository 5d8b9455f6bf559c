// The applicant list, opt-out decisions and retention through the service, on a real database.
#include "services/publiclist/publiclist_service.h"

#include <gtest/gtest.h>

#include "domain/errors.h"
#include "services/mail/mailer.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/sql_helpers.h"
#include "support/publiclist_fixture.h"
#include "support/test_database.h"

namespace tp {
namespace {

using domain::Actor;
using domain::Role;

// 2011-02-14 is the application deadline of the cohort below.
constexpr std::int64_t kDeadlineNoon = 1297681200;       // 14.02.2011 12:00 Oslo
constexpr std::int64_t kDeadline2330Oslo = 1297722600;   // 14.02.2011 23:30 Oslo
constexpr std::int64_t kAfterMidnightOslo = 1297726200;  // 15.02.2011 00:30 Oslo
constexpr std::int64_t kDayBeforeDue = 1325160000;       // 29.12.2011 13:00 Oslo
constexpr std::int64_t kDueDay = 1325246400;             // 30.12.2011 13:00 Oslo

Actor With(std::int64_t person, Role role, std::int64_t scope) {
  Actor a;
  a.person_id = person;
  a.name = "Test";
  a.grants.push_back({role, scope});
  return a;
}

services::ParticipationInput SignUp(std::int64_t employer_id) {
  services::ParticipationInput p;
  p.employer_id = std::to_string(employer_id);
  p.trainees_wanted = "1";
  return p;
}

class PublicListService : public ::testing::Test {
 protected:
  void SetUp() override {
    services::ProgrammeService programmes(*db_);
    services::SignupService signup(*db_, programmes);
    programmes.EnsureMunicipalitiesLoaded();
    ks_ = programmes.CreateOperatorTrusted({"KS", "KS", "national"});
    ttr_ = programmes.CreateOperatorTrusted({"TTR", "TTR", "regional"});
    auto programme = programmes.CreateProgrammeTrusted(
        ks_, {"Kommunesektorens traineeprogram", "national_model", ""});
    kull5_ = programmes.CreateCohortTrusted(
        programme, {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    kull6_ = programmes.CreateCohortTrusted(
        programme, {"Kull 6", "2011-11-17", "2012-02-14", "2012-09-01", "", ""});
    nittedal_ = signup.CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
    roaf_ = signup.CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    p_nittedal_ = signup.SignUpEmployerTrusted(kull5_, SignUp(nittedal_));
    p_roaf_ = signup.SignUpEmployerTrusted(kull5_, SignUp(roaf_));
    auto p6 = signup.SignUpEmployerTrusted(kull6_, SignUp(nittedal_));

    kari_ = Add({"kari@example.no",
                 "Kari",
                 "Nordmann",
                 "1985-02-15",
                 "female",
                 "0301",
                 "Samfunnsplanlegger",
                 "sent",
                 false,
                 "",
                 "",
                 {p_nittedal_},
                 1,
                 2,
                 ""});
    ola_ = Add({"ola@example.no",
                "Ola",
                "Hansen",
                "1980-02-14",
                "male",
                "3232",
                "Ingeniør",
                "sent",
                false,
                "",
                "",
                {p_nittedal_, p_roaf_},
                1,
                1,
                ""});
    aase_ = Add({"aase@example.no",
                 "Åse",
                 "Ødegård",
                 "1988-06-01",
                 "female",
                 "",
                 "Jurist",
                 "sent",
                 true,
                 "Er i fast jobb",
                 "granted",
                 {p_nittedal_},
                 0,
                 0,
                 ""});
    per_ = Add({"per@example.no",
                "Per",
                "Berg",
                "",
                "",
                "",
                "Økonom",
                "sent",
                true,
                "Privat",
                "refused",
                {p_nittedal_},
                0,
                0,
                ""});
    lise_ = Add({"lise@example.no",
                 "Lise",
                 "Lie",
                 "1990-01-01",
                 "other",
                 "",
                 "Biolog",
                 "sent",
                 true,
                 "Ønsker ikke",
                 "",
                 {p_roaf_},
                 0,
                 0,
                 "en"});
    draft_ = Add({"dag@example.no",
                  "Dag",
                  "Utkast",
                  "1990-01-01",
                  "male",
                  "",
                  "",
                  "draft",
                  false,
                  "",
                  "",
                  {p_nittedal_},
                  0,
                  1,
                  ""});
    next_year_ = Add({"nina@example.no",
                      "Nina",
                      "Neste",
                      "1991-01-01",
                      "female",
                      "",
                      "",
                      "sent",
                      false,
                      "",
                      "",
                      {p6},
                      0,
                      0,
                      ""});
  }

  test::InsertedApplication Add(test::ApplicationRow row) {
    auto cohort = row.email == "nina@example.no" ? kull6_ : kull5_;
    return test::InsertApplication(*db_, cohort, row);
  }

  services::PublicListService At(std::int64_t now) {
    return services::PublicListService(*db_, mailer_,
                                       {"https://trainee.example.no", [now] { return now; }});
  }

  test::TestDatabase db_ = test::FreshDatabase();
  services::Mailer mailer_;
  std::int64_t ks_ = 0, ttr_ = 0, kull5_ = 0, kull6_ = 0, nittedal_ = 0, roaf_ = 0;
  std::int64_t p_nittedal_ = 0, p_roaf_ = 0;
  test::InsertedApplication kari_, ola_, aase_, per_, lise_, draft_, next_year_;
};

TEST_F(PublicListService, ListsTheEmployersApplicantsAtTheDeadline) {
  auto svc = At(kAfterMidnightOslo);
  auto v = svc.GetApplicantList(With(50, Role::kCoordinator, nittedal_), kull5_, nittedal_);
  ASSERT_TRUE(v.available);
  EXPECT_EQ(v.employer_name, "Nittedal kommune");
  const auto& l = v.list;
  EXPECT_EQ(l.applicants, 4);  // Kari, Ola, Åse, Per; the draft does not count
  EXPECT_EQ(l.genders.female, 2);
  EXPECT_EQ(l.genders.male, 1);
  EXPECT_EQ(l.genders.other, 0);
  EXPECT_EQ(l.genders.unknown, 1);
  EXPECT_EQ(l.kept_off, 1);  // Åse: granted
  EXPECT_EQ(l.awaiting_decision, 0);
  ASSERT_EQ(l.lines.size(), 3u);  // sorted by family name: Berg, Hansen, Nordmann
  EXPECT_EQ(l.lines[0].name, "Per Berg");
  EXPECT_FALSE(l.lines[0].age.has_value());
  EXPECT_EQ(l.lines[1].name, "Ola Hansen");
  EXPECT_EQ(l.lines[1].age, 31);  // birthday on the deadline
  EXPECT_EQ(l.lines[1].municipality_name, "Nittedal");
  EXPECT_EQ(l.lines[2].name, "Kari Nordmann");
  EXPECT_EQ(l.lines[2].age, 25);  // turns 26 the day after
  EXPECT_EQ(l.lines[2].occupation, "Samfunnsplanlegger");
  EXPECT_EQ(l.lines[2].municipality_name, "Oslo");
  // Requests to be kept off, with reasons, for the decision form.
  ASSERT_EQ(v.opt_outs.size(), 2u);
  EXPECT_EQ(v.opt_outs[0].name, "Åse Ødegård");
  EXPECT_EQ(v.opt_outs[0].reason, "Er i fast jobb");
  EXPECT_EQ(v.opt_outs[0].decision, domain::OptOutDecision::kGranted);

  auto roaf = svc.GetApplicantList(With(51, Role::kCoordinator, roaf_), kull5_, roaf_);
  EXPECT_EQ(roaf.list.applicants, 2);
  EXPECT_EQ(roaf.list.awaiting_decision, 1);  // Lise is left out until decided
  ASSERT_EQ(roaf.list.lines.size(), 1u);
  EXPECT_EQ(roaf.list.lines[0].name, "Ola Hansen");

  auto all = svc.GetApplicantList(With(52, Role::kOperatorStaff, ks_), kull5_, 0);
  EXPECT_EQ(all.list.applicants, 5);
  EXPECT_EQ(all.employers.size(), 2u);
  EXPECT_EQ(all.list.genders.other, 1);
}

TEST_F(PublicListService, ListIsAvailableOnlyAfterTheDeadlineDayInOslo) {
  auto staff = With(52, Role::kOperatorStaff, ks_);
  for (auto now : {kDeadlineNoon, kDeadline2330Oslo}) {
    auto v = At(now).GetApplicantList(staff, kull5_, nittedal_);
    EXPECT_FALSE(v.available);
    EXPECT_TRUE(v.list.lines.empty());
    EXPECT_EQ(v.list.applicants, 0);
    EXPECT_EQ(v.opt_outs.size(), 2u);  // decisions may be made before the deadline
  }
  EXPECT_TRUE(At(kAfterMidnightOslo).GetApplicantList(staff, kull5_, nittedal_).available);
}

TEST_F(PublicListService, OnlyStaffAndTheEmployersCoordinatorSeeTheList) {
  auto svc = At(kAfterMidnightOslo);
  EXPECT_THROW(svc.GetApplicantList(Actor{}, kull5_, nittedal_), Unauthenticated);
  EXPECT_THROW(svc.GetApplicantList(With(51, Role::kCoordinator, roaf_), kull5_, nittedal_),
               NotFound);
  EXPECT_THROW(svc.GetApplicantList(With(50, Role::kCoordinator, nittedal_), kull5_, 0), Forbidden);
  EXPECT_THROW(svc.GetApplicantList(With(53, Role::kOperatorStaff, ttr_), kull5_, nittedal_),
               NotFound);
  EXPECT_THROW(svc.GetApplicantList(With(54, Role::kApplicant, 0), kull5_, nittedal_), NotFound);
  // An employer that does not take part in the cohort.
  EXPECT_THROW(svc.GetApplicantList(With(52, Role::kOperatorStaff, ks_), kull6_, roaf_), NotFound);
  EXPECT_THROW(svc.GetRetention(With(50, Role::kCoordinator, nittedal_), kull5_), Forbidden);
  EXPECT_THROW(svc.GetRetention(With(53, Role::kOperatorStaff, ttr_), kull5_), NotFound);
}

TEST_F(PublicListService, RefusingARequestTellsTheApplicant) {
  auto svc = At(kDeadlineNoon);
  auto coordinator = With(50, Role::kCoordinator, nittedal_);
  // Lise applied to ROAF only: Nittedal's coordinator has no say.
  EXPECT_THROW(svc.DecideOptOut(coordinator, lise_.application_id, "refused"), NotFound);
  EXPECT_THROW(svc.DecideOptOut(coordinator, draft_.application_id, "refused"), NotFound);
  EXPECT_THROW(svc.DecideOptOut(coordinator, aase_.application_id, "maybe"), Invalid);
  EXPECT_THROW(svc.DecideOptOut(coordinator, kari_.application_id, "granted"), Conflict);
  const std::string outbox = "SELECT COUNT(*) FROM outbox";
  EXPECT_EQ(test::CountOf(*db_, outbox), 0);

  svc.DecideOptOut(coordinator, aase_.application_id, "refused");
  EXPECT_EQ(test::CountOf(*db_,
                          "SELECT COUNT(*) FROM outbox WHERE to_address = "
                          "'aase@example.no' AND kind = 'publiclist/opt_out_refused'"),
            1);
  EXPECT_EQ(test::CountOf(*db_, outbox), 1);
  // The same decision again sends nothing more; granting sends nothing.
  svc.DecideOptOut(coordinator, aase_.application_id, "refused");
  EXPECT_EQ(test::CountOf(*db_, outbox), 1);
  svc.DecideOptOut(With(51, Role::kCoordinator, roaf_), lise_.application_id, "granted");
  EXPECT_EQ(test::CountOf(*db_, outbox), 1);

  auto list = At(kAfterMidnightOslo)
                  .GetApplicantList(With(52, Role::kOperatorStaff, ks_), kull5_, nittedal_);
  EXPECT_EQ(list.list.kept_off, 0);
  EXPECT_EQ(list.list.lines.size(), 4u);  // Åse is listed now
  auto roaf =
      At(kAfterMidnightOslo).GetApplicantList(With(51, Role::kCoordinator, roaf_), kull5_, roaf_);
  EXPECT_EQ(roaf.list.kept_off, 1);
  EXPECT_EQ(roaf.list.awaiting_decision, 0);
}

TEST_F(PublicListService, RetentionSettingsAreValidated) {
  auto svc = At(kDeadlineNoon);
  auto staff = With(52, Role::kOperatorStaff, ks_);
  try {
    svc.UpdateRetention(staff, kull5_, {"31.02.2011", "abc"});
    FAIL() << "expected Invalid";
  } catch (const Invalid& e) {
    ASSERT_EQ(e.errors.size(), 2u);
    EXPECT_EQ(e.errors[0].field, "hiring_closes_on");
    EXPECT_EQ(e.errors[1].field, "retention_months");
  }
  EXPECT_THROW(svc.UpdateRetention(staff, kull5_, {"01.01.2011", "6"}), Invalid);
  EXPECT_THROW(svc.UpdateRetention(staff, kull5_, {"30.06.2011", "121"}), Invalid);
  EXPECT_THROW(
      svc.UpdateRetention(With(50, Role::kCoordinator, nittedal_), kull5_, {"30.06.2011", "6"}),
      Forbidden);
  svc.UpdateRetention(staff, kull5_, {"30.06.2011", "6"});
  auto v = svc.GetRetention(staff, kull5_);
  EXPECT_EQ(v.settings.hiring_closes_on, "2011-06-30");
  EXPECT_EQ(v.settings.retention_months, 6);
}

TEST_F(PublicListService, RetentionDeletesExactlyTheDueApplicationsThatLedToNoHire) {
  auto staff = With(52, Role::kOperatorStaff, ks_);
  test::InsertHire(*db_, kull5_, nittedal_, ola_.person_id);
  At(kDeadlineNoon).UpdateRetention(staff, kull5_, {"30.06.2011", "6"});  // due 30.12.2011
  At(kDeadlineNoon).UpdateRetention(staff, kull6_, {"30.06.2012", "6"});  // due 30.12.2012

  auto before = At(kDayBeforeDue);
  auto view = before.GetRetention(staff, kull5_);
  EXPECT_EQ(view.not_hired.size(), 5u);  // Kari, Åse, Per, Lise and the draft; not Ola
  EXPECT_EQ(view.due_now, 0);
  EXPECT_EQ(domain::FormatIso(view.not_hired[0].due_on), "2011-12-30");
  EXPECT_EQ(before.RunRetention().applications, 0);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM applications"), 7);

  auto due = At(kDueDay);
  EXPECT_EQ(due.GetRetention(staff, kull5_).due_now, 5);
  auto result = due.RunRetention();
  EXPECT_EQ(result.applications, 5);
  EXPECT_EQ(result.files, 3);  // Kari's two and the draft's one
  EXPECT_EQ(result.file_bytes, 300);
  EXPECT_EQ(result.cohorts, 1);
  // Ola (hired) and Nina (next cohort, not yet due) remain, with their rows.
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM applications"), 2);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM applications WHERE id = " +
                                    std::to_string(ola_.application_id)),
            1);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM applications WHERE id = " +
                                    std::to_string(next_year_.application_id)),
            1);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM application_files"), 1);  // Ola's
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM application_education"), 1);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM application_preferences"), 3);
  // The people stay (their accounts are not the application).
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM people"), 7);

  auto log = due.RetentionLog(staff, kull5_, domain::PageRequest{});
  ASSERT_EQ(log.total, 5);
  std::int64_t kari_files = -1, draft_status_found = 0;
  for (const auto& e : log.items) {
    EXPECT_EQ(e.deleted_at, kDueDay);
    EXPECT_EQ(e.due_on, "2011-12-30");
    EXPECT_EQ(e.cohort_id, kull5_);
    if (e.application_id == kari_.application_id) {
      kari_files = e.file_count;
      EXPECT_EQ(e.education_count, 1);
      EXPECT_EQ(e.preference_count, 1);
      EXPECT_EQ(e.file_bytes, 200);
    }
    if (e.application_id == draft_.application_id && e.status == "draft") ++draft_status_found;
    EXPECT_NE(e.application_id, ola_.application_id);
  }
  EXPECT_EQ(kari_files, 2);
  EXPECT_EQ(draft_status_found, 1);
  EXPECT_EQ(due.RunRetention().applications, 0);  // nothing left to do
  EXPECT_TRUE(due.GetRetention(staff, kull5_).not_hired.empty());
}

TEST_F(PublicListService, NothingIsDueWhileHiringHasNoClosingDate) {
  EXPECT_EQ(At(kDueDay + 86400 * 3650).RunRetention().applications, 0);
  EXPECT_EQ(test::CountOf(*db_, "SELECT COUNT(*) FROM applications"), 7);
}

}  // namespace
}  // namespace tp
