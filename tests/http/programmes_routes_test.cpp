#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.h"
#include "http/message.h"
#include "http/programmes_fixture.h"
#include "services/accounts/account_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "support/forms.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

using namespace programmes_http;

TEST_F(ProgrammesHttp, HomeWelcomesAnonymousAndListsMyCohorts) {
  auto anon = app_.Anonymous();
  auto r = anon.Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "href=\"/login\""));
  EXPECT_FALSE(Has(r.body, "Kull 5"));

  auto coordinator = app_.LoggedIn("koord@example.no", kPassword);
  r = coordinator.Get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, Cohort(w_.kull5)));
  EXPECT_FALSE(Has(r.body, Cohort(w_.ttr2013)));
  EXPECT_TRUE(Has(r.body, "/employers/" + std::to_string(w_.nittedal)));
}

TEST_F(ProgrammesHttp, CoordinatorSeesOwnCohortButNotOthers) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get(Cohort(w_.kull5));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "69" + kNbsp + "000" + kNbsp + "kr"));
  EXPECT_TRUE(Has(r.body, "17.11.2010"));
  EXPECT_TRUE(Has(r.body, "01.03.2013"));  // 18 months after the start
  EXPECT_TRUE(Has(r.body, "Nittedal kommune"));
  EXPECT_TRUE(Has(r.body, "velferdssamfunnets hovedaktør"));
  EXPECT_FALSE(Has(r.body, Cohort(w_.kull5) + "/edit"));

  EXPECT_EQ(c.Get(Cohort(w_.ttr2013)).status, 404);
  EXPECT_EQ(c.Get(Cohort(w_.kull5) + "/edit").status, 403);
  EXPECT_EQ(c.Post(Cohort(w_.kull5) + "/edit", Form(c, {{"name", "x"}})).status, 403);
  EXPECT_EQ(c.Get("/programmes/" + std::to_string(w_.ks_programme)).status, 404);
  EXPECT_EQ(c.Get("/employers/" + std::to_string(w_.nittedal)).status, 200);
  EXPECT_EQ(c.Get("/employers/" + std::to_string(w_.roaf)).status, 404);
  EXPECT_EQ(c.Get("/employers").status, 403);

  auto csv = c.Get(Cohort(w_.kull5) + "/employers.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(Has(csv.Header("content-type"), "text/csv"));
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(Has(csv.body, "Nittedal kommune;974760673"));
  EXPECT_EQ(c.Get(Cohort(w_.ttr2013) + "/employers.csv").status, 404);

  // The coordinator may edit the own employer's details.
  r = c.Post("/employers/" + std::to_string(w_.nittedal) + "/edit",
             Form(c, {{"name", "Nittedal kommune"},
                      {"kind", "municipality"},
                      {"org_number", "974 760 673"},
                      {"municipality_number", "3232"},
                      {"city", "Nittedal"}}));
  EXPECT_EQ(r.status, 303);
}

TEST_F(ProgrammesHttp, OperatorStaffCannotTouchAnotherOperatorsCohort) {
  auto ttr = app_.LoggedIn("ttr@example.no", kPassword);
  EXPECT_EQ(ttr.Get(Cohort(w_.kull5)).status, 404);
  EXPECT_EQ(ttr.Get(Cohort(w_.kull5) + "/edit").status, 404);
  auto r = ttr.Post(Cohort(w_.kull5) + "/edit", Form(ttr, {{"name", "Kapret"},
                                                           {"signup_deadline", "17.11.2010"},
                                                           {"application_deadline", "14.02.2011"},
                                                           {"starts_on", "01.09.2011"}}));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(ttr.Post(Cohort(w_.kull5) + "/goals", Form(ttr, {{"goals", "x"}})).status, 404);
  EXPECT_EQ(ttr.Get("/operators/" + std::to_string(w_.ks)).status, 404);
  EXPECT_EQ(ttr.Get(Cohort(w_.ttr2013)).status, 200);

  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  r = ks.Post(Cohort(w_.kull5) + "/edit", Form(ks, {{"name", "Kull 5 (2011–2013)"},
                                                    {"signup_deadline", "17.11.2010"},
                                                    {"application_deadline", "14.02.2011"},
                                                    {"starts_on", "01.09.2011"},
                                                    {"ends_on", ""},
                                                    {"fee", "69 000"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), Cohort(w_.kull5) + "?saved=1");
  r = ks.Get(Cohort(w_.kull5) + "?saved=1");
  EXPECT_TRUE(Has(r.body, "Kull 5 (2011–2013)"));
  EXPECT_TRUE(Has(r.body, "class=\"notice\""));
}

TEST_F(ProgrammesHttp, AnonymousIsSentToLoginAndApiSays401) {
  auto anon = app_.Anonymous();
  for (const std::string& path :
       {Cohort(w_.kull5), std::string("/operators"), std::string("/employers"),
        "/employers/" + std::to_string(w_.nittedal)}) {
    auto r = anon.Get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_TRUE(Has(r.Header("location"), "/login")) << path;
  }
  EXPECT_EQ(anon.Get("/api/v1/cohorts/" + std::to_string(w_.kull5)).status, 401);
  EXPECT_EQ(anon.Get("/api/v1/employers").status, 401);
  EXPECT_EQ(anon.Get("/api/v1/municipalities?q=Oslo").status, 401);
}

TEST_F(ProgrammesHttp, PostWithoutCsrfIsRefused) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  auto r = ks.Post(Cohort(w_.kull5) + "/edit", Form(ks, {{"name", "Uten CSRF"}}, false));
  EXPECT_EQ(r.status, 403);
  r = ks.Post("/employers/new", Form(ks, {{"name", "X"}}, false));
  EXPECT_EQ(r.status, 403);
}

TEST_F(ProgrammesHttp, InvalidCohortFormComesBackWithTypedTextAndNorwegianMessages) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  auto path = "/programmes/" + std::to_string(w_.ks_programme) + "/cohorts/new";
  EXPECT_EQ(ks.Get(path).status, 200);
  auto r = ks.Post(path, Form(ks, {{"name", "Kull 6"},
                                   {"signup_deadline", "14.02.2012"},
                                   {"application_deadline", "17.11.2011"},
                                   {"starts_on", "snart"},
                                   {"fee", "mange penger"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"snart\""));
  EXPECT_TRUE(Has(r.body, "value=\"mange penger\""));
  EXPECT_TRUE(Has(r.body, "value=\"14.02.2012\""));
  EXPECT_TRUE(Has(r.body, "Skriv inn en dato som dd.mm.åååå."));
  EXPECT_TRUE(Has(r.body, "aria-invalid=\"true\""));

  r = ks.Post(path, Form(ks, {{"name", "Kull 6"},
                              {"signup_deadline", "14.02.2012"},
                              {"application_deadline", "17.11.2011"},
                              {"starts_on", "01.09.2012"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Påmeldingsfristen må være før søknadsfristen."));

  r = ks.Post(path, Form(ks, {{"name", "Kull 6"},
                              {"signup_deadline", "17.11.2011"},
                              {"application_deadline", "14.02.2012"},
                              {"starts_on", "01.09.2012"}}));
  ASSERT_EQ(r.status, 303);
  auto cohort = ks.Get(r.Header("location"));
  EXPECT_EQ(cohort.status, 200);
  EXPECT_TRUE(Has(cohort.body, "01.03.2014"));
  EXPECT_TRUE(Has(cohort.body, "69" + kNbsp + "000" + kNbsp + "kr"));
}

TEST_F(ProgrammesHttp, GatheringsGoalsAndParticipations) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  const auto cohort = Cohort(w_.kull5);

  auto r = ks.Post(cohort + "/gatherings/new", Form(ks, {{"title", "Samling 1"},
                                                         {"kind", "gathering"},
                                                         {"starts_on", "10.10.2011"},
                                                         {"ends_on", "14.10.2011"},
                                                         {"location", "Oslo"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"14.10.2011\""));
  r = ks.Post(cohort + "/gatherings/new", Form(ks, {{"title", "Studietur til Brüssel"},
                                                    {"kind", "study_trip"},
                                                    {"starts_on", "07.05.2012"},
                                                    {"ends_on", "10.05.2012"},
                                                    {"location", "Brüssel"}}));
  ASSERT_EQ(r.status, 303);
  auto gatherings =
      app_.app()
          .programmes()
          .GetCohort(domain::Actor{1, "", "", "", {{Role::kSystemAdmin, 0}}}, w_.kull5)
          .gatherings;
  ASSERT_EQ(gatherings.size(), 1u);
  const auto gathering = "/gatherings/" + std::to_string(gatherings[0].id);
  EXPECT_EQ(ks.Get(gathering + "/edit").status, 200);
  EXPECT_EQ(ks.Get(gathering + "/delete").status, 200);
  auto ttr = app_.LoggedIn("ttr@example.no", kPassword);
  EXPECT_EQ(ttr.Get(gathering + "/edit").status, 404);
  EXPECT_EQ(ttr.Post(gathering + "/delete", Form(ttr, {})).status, 404);
  EXPECT_EQ(ks.Post(gathering + "/delete", Form(ks, {})).status, 303);
  EXPECT_FALSE(Has(ks.Get(cohort).body, "Studietur til Brüssel"));

  r = ks.Post(cohort + "/goals", Form(ks, {{"goals", "  \n  "}}));
  ASSERT_EQ(r.status, 422);
  r = ks.Post(cohort + "/goals", Form(ks, {{"goals", "Andre mål\r\nFørste mål\r\n"}}));
  ASSERT_EQ(r.status, 303);
  auto page = ks.Get(cohort).body;
  EXPECT_LT(page.find("Andre mål"), page.find("Første mål"));
  EXPECT_FALSE(Has(page, "velferdssamfunnets"));

  r = ks.Post(cohort + "/participations/new",
              Form(ks, {{"employer_id", std::to_string(w_.roaf)}, {"trainees_wanted", "mange"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"mange\""));
  r = ks.Post(cohort + "/participations/new", Form(ks, {{"employer_id", std::to_string(w_.roaf)},
                                                        {"trainees_wanted", "3"},
                                                        {"wanted_background", "Sivilingeniør VA"},
                                                        {"status", "signed_up"}}));
  ASSERT_EQ(r.status, 303);
  page = ks.Get(cohort).body;
  EXPECT_TRUE(Has(page, "Sivilingeniør VA"));

  const auto participation = "/participations/" + std::to_string(w_.participation);
  r = ks.Post(participation + "/edit", Form(ks, {{"trainees_wanted", "4"},
                                                 {"wanted_background", "Jurist"},
                                                 {"status", "confirmed"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(Has(ks.Get(cohort).body, "Jurist"));
  auto coordinator = app_.LoggedIn("koord@example.no", kPassword);
  // The coordinator's own sign-up: the cohort's sign-up deadline (2010) has passed.
  auto closed = coordinator.Get(participation + "/edit");
  EXPECT_EQ(closed.status, 200);
  EXPECT_TRUE(Has(closed.body, "Påmeldingen er stengt."));
  EXPECT_EQ(coordinator.Get(participation + "/decision").status, 403);
  EXPECT_EQ(coordinator.Post(participation + "/edit", Form(coordinator, {{"trainees_wanted", "9"}}))
                .status,
            422);
  EXPECT_EQ(ks.Get(participation + "/delete").status, 200);
  EXPECT_EQ(ks.Post(participation + "/delete", Form(ks, {})).status, 303);
  EXPECT_FALSE(Has(ks.Get(cohort).body, "Jurist"));
}

TEST_F(ProgrammesHttp, OperatorsAndProgrammes) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  auto r = ks.Get("/operators");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "KS"));
  EXPECT_FALSE(Has(r.body, "Tekniske Tjenester Romerike"));
  EXPECT_EQ(ks.Get("/operators/new").status, 403);
  EXPECT_EQ(ks.Get("/operators/" + std::to_string(w_.ks) + "/edit").status, 403);

  r = ks.Post(
      "/operators/" + std::to_string(w_.ks) + "/programmes/new",
      Form(ks, {{"name", ""}, {"structure", "national_model"}, {"description", "Beskrivelse"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Beskrivelse"));
  r = ks.Post("/operators/" + std::to_string(w_.ks) + "/programmes/new",
              Form(ks, {{"name", "Nytt program"}, {"structure", "regional_three_part"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(Has(ks.Get(r.Header("location")).body, "Nytt program"));

  auto admin = app_.LoggedIn("admin@example.no", kPassword);
  r = admin.Post("/operators/new",
                 Form(admin, {{"name", ""}, {"short_name", "VEST"}, {"kind", "regional"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"VEST\""));
  r = admin.Post("/operators/new", Form(admin, {{"name", "Traineenettverk Vest"},
                                                {"short_name", "VEST"},
                                                {"kind", "regional"}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_TRUE(Has(admin.Get("/operators").body, "Traineenettverk Vest"));

  auto stranger = app_.LoggedIn("fremmed@example.no", kPassword);
  EXPECT_EQ(stranger.Get("/operators/" + std::to_string(w_.ks)).status, 404);
  EXPECT_EQ(stranger.Get("/programmes/" + std::to_string(w_.ks_programme)).status, 404);
  EXPECT_EQ(stranger.Get(Cohort(w_.kull5)).status, 404);
}

TEST_F(ProgrammesHttp, JsonApi) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  std::map<std::string, std::string> headers{{"X-CSRF-Token", test::CsrfOf(ks)}};
  boost::json::object body{
      {"programme_id", w_.ks_programme}, {"name", "Kull 7"},
      {"signup_deadline", "2012-11-15"}, {"application_deadline", "2013-02-14"},
      {"starts_on", "2013-09-01"},       {"fee_ore", 7000000}};
  auto r = ks.Post("/api/v1/cohorts", boost::json::serialize(body), "application/json", headers);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_TRUE(Has(r.Header("location"), "/api/v1/cohorts/"));
  auto created = boost::json::parse(r.body).as_object();
  EXPECT_EQ(created["ends_on"].as_string(), "2015-03-01");
  EXPECT_EQ(created["fee_ore"].as_int64(), 7000000);

  body["fee_ore"] = -5;
  r = ks.Post("/api/v1/cohorts", boost::json::serialize(body), "application/json", headers);
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "fee_ore"));

  r = ks.Get("/api/v1/cohorts/" + std::to_string(w_.kull5) + "/goals");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(boost::json::parse(r.body).as_object()["total"].as_int64(), 9);

  r = ks.Get("/api/v1/employers?q=nittedal");
  ASSERT_EQ(r.status, 200);
  auto page = boost::json::parse(r.body).as_object();
  EXPECT_EQ(page["total"].as_int64(), 1);
  EXPECT_EQ(page["items"].as_array()[0].as_object()["org_number"].as_string(), "974760673");

  r = ks.Get("/api/v1/municipalities?q=Kautokeino");
  ASSERT_EQ(r.status, 200);
  auto m = boost::json::parse(r.body).as_object();
  ASSERT_EQ(m["total"].as_int64(), 1);
  EXPECT_EQ(m["items"].as_array()[0].as_object()["name"].as_string(), "Guovdageaidnu");
  r = ks.Get("/api/v1/municipalities?county=03");
  EXPECT_TRUE(Has(r.body, "\"number\":\"0301\""));

  auto ttr = app_.LoggedIn("ttr@example.no", kPassword);
  std::map<std::string, std::string> ttr_headers{{"X-CSRF-Token", test::CsrfOf(ttr)}};
  EXPECT_EQ(ttr.Get("/api/v1/cohorts/" + std::to_string(w_.kull5)).status, 404);
  r = ttr.Send("PUT", "/api/v1/cohorts/" + std::to_string(w_.kull5), boost::json::serialize(body),
               {{"X-CSRF-Token", test::CsrfOf(ttr)}, {"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 404);
  auto coordinator = app_.LoggedIn("koord@example.no", kPassword);
  r = coordinator.Get("/api/v1/cohorts/" + std::to_string(w_.kull5) + "/participations");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Nittedal kommune"));
}

}  // namespace
}  // namespace tp
