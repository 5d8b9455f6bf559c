#include <gtest/gtest.h>

#include "domain/errors.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "services/trainees/trainee_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/gatherings/gathering_repository.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"
#include "support/test_database.h"

using namespace tp;
using namespace tp::storage;

namespace {

domain::Actor SystemAdmin() {
  domain::Actor a;
  a.person_id = 1;
  a.grants.push_back({domain::Role::kSystemAdmin, 0});
  return a;
}

services::ParticipationInput SignUpInput(std::int64_t employer, const std::string& wanted,
                                         const std::string& background) {
  services::ParticipationInput in;
  in.employer_id = std::to_string(employer);
  in.trainees_wanted = wanted;
  in.wanted_background = background;
  return in;
}

}  // namespace

TEST(ProgrammesStorage, LoadsMunicipalitiesOnce) {
  auto db = test::FreshDatabase();
  services::ProgrammeService svc(*db);
  EXPECT_EQ(svc.EnsureMunicipalitiesLoaded(), 357);
  EXPECT_EQ(svc.EnsureMunicipalitiesLoaded(), 0);
  db->Read([](Tx& tx) {
    MunicipalityRepository repo(tx);
    EXPECT_EQ(repo.Count(), 357);
    auto oslo = repo.Find("0301");
    ASSERT_TRUE(oslo);
    EXPECT_EQ(oslo->name, "Oslo");
    EXPECT_EQ(oslo->county_number, "03");
    EXPECT_FALSE(repo.Find("301"));
    // Sámi names are findable by their Norwegian form and vice versa.
    auto kautokeino = repo.Search("Kautokeino", "");
    ASSERT_EQ(kautokeino.size(), 1u);
    EXPECT_EQ(kautokeino[0].name, "Guovdageaidnu");
    EXPECT_EQ(kautokeino[0].number, "5612");
    EXPECT_EQ(repo.Search("guovdageaidnu", "").size(), 1u);
    auto finnmark = repo.Search("", "56");
    EXPECT_GT(finnmark.size(), 10u);
    for (const auto& m : finnmark) EXPECT_EQ(m.county_name, "Finnmark");
    // Grouped by county for the <select>.
    auto all = repo.All();
    ASSERT_EQ(all.size(), 357u);
    EXPECT_EQ(all.front().county_number, "03");
  });
}

TEST(ProgrammesStorage, OperatorProgrammeCohortRoundTrip) {
  auto db = test::FreshDatabase();
  db->Transact([](Tx& tx) {
    OperatorRepository operators(tx);
    auto op_id = operators.Insert({0, "KS", "KS", domain::OperatorKind::kNational, 0}, 100);
    auto op = operators.Find(op_id);
    ASSERT_TRUE(op);
    EXPECT_EQ(op->name, "KS");
    EXPECT_EQ(op->created_at, 100);
    op->name = "KS – Kommunesektorens organisasjon";
    operators.Update(*op);
    EXPECT_EQ(operators.Find(op_id)->name, "KS – Kommunesektorens organisasjon");

    ProgrammeRepository programmes(tx);
    auto pid = programmes.Insert({0, op_id, "Kommunesektorens traineeprogram",
                                  domain::StructureTemplate::kNationalModel, "", 0},
                                 100);
    EXPECT_EQ(programmes.ByOperator(op_id).size(), 1u);

    CohortRepository cohorts(tx);
    domain::Cohort c;
    c.programme_id = pid;
    c.name = "Kull 5";
    c.signup_deadline = domain::Date::From(2010, 11, 17);
    c.application_deadline = domain::Date::From(2011, 2, 14);
    c.starts_on = domain::Date::From(2011, 9, 1);
    c.ends_on = domain::Date::From(2013, 3, 1);
    c.fee = domain::Money::FromKroner(69000);
    auto cid = cohorts.Insert(c, 100);
    auto back = cohorts.Find(cid);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->fee.ore(), 6900000);
    EXPECT_EQ(back->signup_deadline, domain::Date::From(2010, 11, 17));
    EXPECT_EQ(back->ends_on, domain::Date::From(2013, 3, 1));
    EXPECT_EQ(cohorts.OperatorOf(cid), op_id);
    EXPECT_FALSE(cohorts.OperatorOf(cid + 100));

    GoalRepository goals(tx);
    goals.Replace(cid, {"a", "b", "c"});
    goals.Replace(cid, {"second", "first"});
    auto g = goals.ByCohort(cid);
    ASSERT_EQ(g.size(), 2u);
    EXPECT_EQ(g[0].text, "second");
    EXPECT_EQ(g[0].position, 1);
    EXPECT_EQ(g[1].text, "first");

    GatheringRepository gatherings(tx);
    auto gid = gatherings.Insert({0, cid, "Brussel", domain::GatheringKind::kStudyTrip,
                                  domain::Date::From(2012, 5, 7), domain::Date::From(2012, 5, 10),
                                  "Brussel"});
    auto found = gatherings.Find(gid);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->kind, domain::GatheringKind::kStudyTrip);
    gatherings.Delete(gid);
    EXPECT_FALSE(gatherings.Find(gid));
  });
}

TEST(ProgrammesStorage, ServiceCreatesCohortWithDefaults) {
  auto db = test::FreshDatabase();
  services::ProgrammeService svc(*db);
  services::SignupService signup(*db, svc);
  services::TraineeService trainees(*db);
  svc.EnsureMunicipalitiesLoaded();
  auto admin = SystemAdmin();
  auto op = svc.CreateOperatorTrusted({"KS", "KS", "national"});
  auto programme =
      svc.CreateProgrammeTrusted(op, {"Kommunesektorens traineeprogram", "national_model", ""});
  auto cohort = svc.CreateCohort(admin, programme,
                                 {"Kull 5", "17.11.2010", "14.02.2011", "01.09.2011", "", ""});
  auto view = svc.GetCohort(admin, cohort);
  EXPECT_EQ(view.cohort.ends_on, domain::Date::From(2013, 3, 1));
  EXPECT_EQ(view.cohort.fee.ore(), 6900000);
  ASSERT_EQ(view.goals.size(), 9u);
  EXPECT_NE(view.goals[0].text.find("velferdssamfunnets"), std::string::npos);

  // Participations are unique per cohort and employer.
  auto employer = signup.CreateEmployerTrusted(
      {"Nittedal kommune", "municipality", "974 760 673", "3232", "", "", "", "", ""});
  auto pid = signup.SignUpEmployerTrusted(cohort, SignUpInput(employer, "2", "Ingeniør"));
  EXPECT_GT(pid, 0);
  EXPECT_THROW(signup.SignUpEmployerTrusted(cohort, SignUpInput(employer, "1", "")), Invalid);

  // The org number is unique.
  try {
    signup.CreateEmployerTrusted({"Duplikat", "municipality", "974760673", "", "", "", "", "", ""});
    FAIL() << "duplicate org number accepted";
  } catch (const Invalid& e) {
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].field, "org_number");
  }

  // A trainee record makes the cohort visible to the trainee and blocks removing the employer.
  std::int64_t person = 0;
  db->Transact([&](Tx& tx) {
    person = PersonRepository(tx).Insert("trainee@example.no", "Trainee", std::nullopt, 1);
  });
  auto trainee_id = trainees.CreateTraineeRecord(cohort, employer, person);
  domain::Actor trainee;
  trainee.person_id = person;
  trainee.grants.push_back({domain::Role::kTrainee, trainee_id});
  auto seen = svc.GetCohort(trainee, cohort);
  EXPECT_EQ(seen.cohort.name, "Kull 5");
  EXPECT_FALSE(seen.can_edit);
  EXPECT_FALSE(seen.can_see_participations);
  EXPECT_TRUE(seen.participations.empty());
  ASSERT_EQ(svc.ListMyCohorts(trainee).size(), 1u);
  domain::Actor stranger;
  stranger.person_id = person;
  EXPECT_THROW(svc.GetCohort(stranger, cohort), NotFound);
  EXPECT_THROW(signup.RemoveParticipation(admin, pid), Conflict);
  EXPECT_THROW(trainees.CreateTraineeRecord(cohort + 99, employer, 1), NotFound);
}
