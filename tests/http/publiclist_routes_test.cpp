// The applicant list, its PDF, opt-out decisions and the retention page over real sockets.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "app/app.h"
#include "services/accounts/account_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "support/forms.h"
#include "support/publiclist_fixture.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

services::ParticipationInput SignUp(std::int64_t employer_id) {
  services::ParticipationInput p;
  p.employer_id = std::to_string(employer_id);
  p.trainees_wanted = "1";
  return p;
}

test::ApplicationRow Row(const std::string& email, const std::string& given,
                         const std::string& family, const std::string& birth,
                         const std::string& gender, std::vector<std::int64_t> participations) {
  test::ApplicationRow r;
  r.email = email;
  r.given_name = given;
  r.family_name = family;
  r.birth_date = birth;
  r.gender = gender;
  r.occupation = "Samfunnsplanlegger";
  r.municipality_number = "0301";
  r.participations = std::move(participations);
  return r;
}

class PublicListHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svc = app_.app().programmes();
    auto& signup = app_.app().signup();
    auto& accounts = app_.app().accounts();
    ks_ = svc.CreateOperatorTrusted({"KS", "KS", "national"});
    auto programme =
        svc.CreateProgrammeTrusted(ks_, {"Kommunesektorens traineeprogram", "national_model", ""});
    kull5_ = svc.CreateCohortTrusted(programme,
                                     {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    future_ = svc.CreateCohortTrusted(
        programme, {"Kull 99", "2098-11-17", "2099-02-14", "2099-09-01", "", ""});
    nittedal_ = signup.CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
    roaf_ = signup.CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    p_nittedal_ = signup.SignUpEmployerTrusted(kull5_, SignUp(nittedal_));
    p_roaf_ = signup.SignUpEmployerTrusted(kull5_, SignUp(roaf_));
    p_future_ = signup.SignUpEmployerTrusted(future_, SignUp(nittedal_));

    accounts.CreatePersonWithPassword("ks@example.no", "KS-ansatt", kPassword,
                                      {{Role::kOperatorStaff, ks_}});
    accounts.CreatePersonWithPassword("koord@example.no", "Koordinator", kPassword,
                                      {{Role::kCoordinator, nittedal_}});
    accounts.CreatePersonWithPassword("roaf@example.no", "ROAF-koordinator", kPassword,
                                      {{Role::kCoordinator, roaf_}});

    auto& db = app_.app().database();
    kari_ = test::InsertApplication(
        db, kull5_,
        Row("kari@example.no", "Kari", "Nordmann", "1985-02-15", "female", {p_nittedal_}));
    test::InsertApplication(
        db, kull5_, Row("ola@example.no", "Ola", "Hansen", "1980-02-14", "male", {p_nittedal_}));
    auto aase = Row("aase@example.no", "Åse", "Ødegård", "1988-06-01", "female", {p_nittedal_});
    aase.opt_out = true;
    aase.opt_out_reason = "Er i fast jobb <b>nå</b>";
    aase_ = test::InsertApplication(db, kull5_, aase);
    auto per = Row("per@example.no", "Per", "Berg", "1989-03-03", "", {p_nittedal_});
    per.opt_out = true;
    per.opt_out_decision = "granted";
    test::InsertApplication(db, kull5_, per);
    test::InsertApplication(
        db, future_, Row("nina@example.no", "Nina", "Neste", "1991-01-01", "female", {p_future_}));
  }

  std::string List(std::int64_t cohort, std::int64_t employer, const std::string& suffix = "") {
    return "/cohorts/" + std::to_string(cohort) + "/applicant-list" + suffix +
           "?employer_id=" + std::to_string(employer);
  }

  test::TestApp app_;
  std::int64_t ks_ = 0, kull5_ = 0, future_ = 0, nittedal_ = 0, roaf_ = 0;
  std::int64_t p_nittedal_ = 0, p_roaf_ = 0, p_future_ = 0;
  test::InsertedApplication kari_, aase_;
};

TEST_F(PublicListHttp, CoordinatorSeesTheOwnEmployersListInNorwegian) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get(List(kull5_, nittedal_));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Søkerliste – Nittedal kommune"));
  EXPECT_TRUE(Has(r.body, "<td>Kari Nordmann</td><td class=\"num\">25</td>"));
  EXPECT_TRUE(Has(r.body, "<td>Ola Hansen</td><td class=\"num\">31</td>"));
  EXPECT_TRUE(Has(r.body, "<td>Oslo</td>"));
  EXPECT_TRUE(Has(r.body, "Antall søkere: 4"));
  EXPECT_TRUE(Has(r.body, "1 søkere er unntatt fra listen"));
  EXPECT_TRUE(Has(r.body, "1 anmodninger om å bli unntatt venter på avgjørelse"));
  EXPECT_FALSE(Has(r.body, "<td>Per Berg</td><td class=\"num\">"));     // kept off
  EXPECT_FALSE(Has(r.body, "<td>Åse Ødegård</td><td class=\"num\">"));  // awaiting decision
  // The request with its reason, escaped.
  EXPECT_TRUE(Has(r.body, "Er i fast jobb &lt;b&gt;nå&lt;/b&gt;"));
  EXPECT_TRUE(
      Has(r.body, "/applications/" + std::to_string(aase_.application_id) + "/opt-out-decision"));
  EXPECT_TRUE(Has(r.body, List(kull5_, nittedal_, ".pdf")));
  EXPECT_FALSE(Has(r.body, "/retention"));  // operator staff only

  // Another employer's list, the cohort-wide list, retention: not for this coordinator.
  EXPECT_EQ(c.Get(List(kull5_, roaf_)).status, 404);
  EXPECT_EQ(c.Get("/cohorts/" + std::to_string(kull5_) + "/applicant-list").status, 403);
  EXPECT_EQ(c.Get("/cohorts/" + std::to_string(kull5_) + "/retention").status, 403);
  auto roaf = app_.LoggedIn("roaf@example.no", kPassword);
  EXPECT_EQ(roaf.Get(List(kull5_, nittedal_)).status, 404);
  EXPECT_EQ(roaf.Get(List(kull5_, nittedal_, ".pdf")).status, 404);
  EXPECT_EQ(app_.Anonymous().Get(List(kull5_, nittedal_)).status, 303);
}

TEST_F(PublicListHttp, BeforeTheDeadlineThePageSaysWhen) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get(List(future_, nittedal_));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Søkerlisten er tilgjengelig når søknadsfristen er ute"));
  EXPECT_TRUE(Has(r.body, "14.02.2099"));
  EXPECT_FALSE(Has(r.body, "Nina Neste"));
  EXPECT_EQ(c.Get(List(future_, nittedal_, ".pdf")).status, 409);
  auto api = c.Get("/api/v1/cohorts/" + std::to_string(future_) +
                   "/applicant-list?employer_id=" + std::to_string(nittedal_));
  ASSERT_EQ(api.status, 200);
  auto o = boost::json::parse(api.body).as_object();
  EXPECT_FALSE(o.at("available").as_bool());
  EXPECT_EQ(o.at("items").as_array().size(), 0u);
}

TEST_F(PublicListHttp, PdfHasPagesAndNorwegianTitle) {
  auto& db = app_.app().database();
  for (int i = 0; i < 70; ++i)
    test::InsertApplication(db, kull5_,
                            Row("s" + std::to_string(i) + "@example.no", "Søker",
                                "Nr " + std::to_string(i), "1990-05-05", "male", {p_roaf_}));
  auto c = app_.LoggedIn("ks@example.no", kPassword);
  auto small = c.Get(List(kull5_, nittedal_, ".pdf"));
  ASSERT_EQ(small.status, 200);
  EXPECT_EQ(small.Header("content-type"), "application/pdf");
  EXPECT_EQ(small.body.rfind("%PDF-", 0), 0u);
  const std::regex page("/Type\\s*/Page[^s]");
  auto pages = [&](const std::string& pdf) {
    return std::distance(std::sregex_iterator(pdf.begin(), pdf.end(), page),
                         std::sregex_iterator());
  };
  EXPECT_EQ(pages(small.body), 1);
  auto big = c.Get(List(kull5_, roaf_, ".pdf"));
  ASSERT_EQ(big.status, 200);
  EXPECT_EQ(big.body.rfind("%PDF-", 0), 0u);
  EXPECT_GE(pages(big.body), 2);
  EXPECT_TRUE(Has(big.body, "%%EOF"));
  // The API serves the same document to a logged-in caller.
  auto api = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) +
                   "/applicant-list.pdf?employer_id=" + std::to_string(nittedal_));
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(api.body.rfind("%PDF-", 0), 0u);
}

TEST_F(PublicListHttp, RefusingARequestQueuesTheEmailAndListsTheApplicant) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  const std::string action =
      "/applications/" + std::to_string(aase_.application_id) + "/opt-out-decision";
  auto bad = c.Post(action, test::FormBody(c, {{"cohort_id", std::to_string(kull5_)},
                                               {"employer_id", std::to_string(nittedal_)},
                                               {"decision", "kanskje"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "Velg om søkeren skal unntas fra listen."));
  EXPECT_EQ(c.Post(action, test::FormBody(c, {{"decision", "refused"}}, false)).status, 403);

  auto ok = c.Post(action, test::FormBody(c, {{"cohort_id", std::to_string(kull5_)},
                                              {"employer_id", std::to_string(nittedal_)},
                                              {"decision", "refused"}}));
  ASSERT_EQ(ok.status, 303);
  EXPECT_TRUE(Has(ok.Header("location"), "saved=1"));
  EXPECT_EQ(test::CountOf(app_.app().database(),
                          "SELECT COUNT(*) FROM outbox WHERE to_address = 'aase@example.no' AND "
                          "kind = 'publiclist/opt_out_refused'"),
            1);
  // Rendered from templates/emails/publiclist/opt_out_refused.mustache in bokmål.
  EXPECT_EQ(test::CountOf(app_.app().database(),
                          "SELECT COUNT(*) FROM outbox WHERE subject = 'Navnet ditt blir stående "
                          "på den offentlige søkerlisten' AND body_text LIKE '%offentleglova%'"),
            1);
  auto r = c.Get(List(kull5_, nittedal_));
  EXPECT_TRUE(Has(r.body, "<td>Åse Ødegård</td><td class=\"num\">22</td>"));

  // The ROAF coordinator has no say over Nittedal's applicants, nor over them via the API.
  auto roaf = app_.LoggedIn("roaf@example.no", kPassword);
  EXPECT_EQ(roaf.Post(action, test::FormBody(roaf, {{"decision", "granted"}})).status, 404);
  auto api = roaf.Send(
      "POST", "/api/v1/applications/" + std::to_string(aase_.application_id) + "/opt-out-decision",
      R"({"decision":"granted"})",
      {{"Content-Type", "application/json"}, {"X-CSRF-Token", test::CsrfOf(roaf)}});
  EXPECT_EQ(api.status, 404);
}

TEST_F(PublicListHttp, ApiGivesCountsAndPagedLines) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) +
                 "/applicant-list?employer_id=" + std::to_string(nittedal_) + "&per_page=1&page=2");
  ASSERT_EQ(r.status, 200);
  auto o = boost::json::parse(r.body).as_object();
  EXPECT_TRUE(o.at("available").as_bool());
  EXPECT_EQ(o.at("applicants").as_int64(), 4);
  EXPECT_EQ(o.at("kept_off").as_int64(), 1);
  EXPECT_EQ(o.at("awaiting_decision").as_int64(), 1);
  EXPECT_EQ(o.at("genders").at("female").as_int64(), 2);
  EXPECT_EQ(o.at("genders").at("unknown").as_int64(), 1);
  EXPECT_EQ(o.at("total").as_int64(), 2);
  ASSERT_EQ(o.at("items").as_array().size(), 1u);
  EXPECT_EQ(o.at("items").as_array()[0].at("name").as_string(), "Kari Nordmann");
  EXPECT_EQ(o.at("items").as_array()[0].at("age").as_int64(), 25);

  auto requests = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) +
                        "/opt-out-requests?employer_id=" + std::to_string(nittedal_));
  ASSERT_EQ(requests.status, 200);
  EXPECT_EQ(boost::json::parse(requests.body).at("total").as_int64(), 2);

  EXPECT_EQ(
      app_.Anonymous().Get("/api/v1/cohorts/" + std::to_string(kull5_) + "/applicant-list").status,
      401);
  auto roaf = app_.LoggedIn("roaf@example.no", kPassword);
  EXPECT_EQ(roaf.Get("/api/v1/cohorts/" + std::to_string(kull5_) +
                     "/applicant-list?employer_id=" + std::to_string(nittedal_))
                .status,
            404);
}

TEST_F(PublicListHttp, RetentionPageKeepsTypedValuesOnErrorsAndSaves) {
  auto c = app_.LoggedIn("ks@example.no", kPassword);
  const std::string page = "/cohorts/" + std::to_string(kull5_) + "/retention";
  auto r = c.Get(page);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Oppbevaring av søknader"));
  EXPECT_TRUE(Has(r.body, "Ingenting slettes før datoen ansettelsene avsluttes, er satt."));

  auto bad = c.Post(
      page, test::FormBody(c, {{"hiring_closes_on", "32.13.2011"}, {"retention_months", "seks"}}));
  ASSERT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "value=\"32.13.2011\""));
  EXPECT_TRUE(Has(bad.body, "value=\"seks\""));
  EXPECT_TRUE(Has(bad.body, "Skriv et helt antall måneder fra 0 til 120."));
  EXPECT_TRUE(Has(bad.body, "error-summary"));

  // Far in the future, so the background job cannot delete anything during the test.
  auto ok = c.Post(
      page, test::FormBody(c, {{"hiring_closes_on", "30.06.2090"}, {"retention_months", "6"}}));
  ASSERT_EQ(ok.status, 303);
  r = c.Get(page);
  EXPECT_TRUE(Has(r.body, "value=\"30.06.2090\""));
  EXPECT_TRUE(Has(r.body, "30.12.2090"));  // due date of the applications that led to no hire
  EXPECT_TRUE(Has(r.body, "Kari Nordmann"));

  auto api = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) + "/retention");
  ASSERT_EQ(api.status, 200);
  auto o = boost::json::parse(api.body).as_object();
  EXPECT_EQ(o.at("hiring_closes_on").as_string(), "2090-06-30");
  EXPECT_EQ(o.at("retention_months").as_int64(), 6);
  auto put = c.Send("PUT", "/api/v1/cohorts/" + std::to_string(kull5_) + "/retention",
                    R"({"hiring_closes_on":"2090-07-31","retention_months":200})",
                    {{"Content-Type", "application/json"}, {"X-CSRF-Token", test::CsrfOf(c)}});
  EXPECT_EQ(put.status, 422);
  auto due = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) + "/retention/due");
  ASSERT_EQ(due.status, 200);
  EXPECT_EQ(boost::json::parse(due.body).at("total").as_int64(), 4);
  auto log = c.Get("/api/v1/cohorts/" + std::to_string(kull5_) + "/retention/log");
  ASSERT_EQ(log.status, 200);
  EXPECT_EQ(boost::json::parse(log.body).at("total").as_int64(), 0);

  auto coordinator = app_.LoggedIn("koord@example.no", kPassword);
  EXPECT_EQ(coordinator.Get("/api/v1/cohorts/" + std::to_string(kull5_) + "/retention").status,
            403);
}

}  // namespace
}  // namespace tp
