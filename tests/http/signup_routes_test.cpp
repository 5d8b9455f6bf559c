#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "app/app.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "http/programmes_fixture.h"
#include "services/accounts/account_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/database.h"
#include "storage/sql_helpers.h"
#include "support/forms.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using programmes_http::Form;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

std::string Iso(domain::Date d) { return domain::FormatIso(d); }

class SignupHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svc = app_.app().programmes();
    auto& signup = app_.app().signup();
    auto& accounts = app_.app().accounts();
    ks_ = svc.CreateOperatorTrusted({"KS", "KS", "national"});
    auto programme =
        svc.CreateProgrammeTrusted(ks_, {"Kommunesektorens traineeprogram", "national_model", ""});
    const auto today = domain::OsloToday();
    open_ = svc.CreateCohortTrusted(
        programme, {"Kull 21", Iso(domain::AddDays(today, 30)), Iso(domain::AddDays(today, 60)),
                    Iso(domain::AddDays(today, 300)), "", ""});
    closed_ = svc.CreateCohortTrusted(programme,
                                      {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    nittedal_ = signup.CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
    roaf_ = signup.CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    accounts.CreatePersonWithPassword("ks@example.no", "KS-ansatt", kPassword,
                                      {{Role::kOperatorStaff, ks_}});
    accounts.CreatePersonWithPassword("koord@example.no", "Koordinator", kPassword,
                                      {{Role::kCoordinator, nittedal_}});
    accounts.CreatePersonWithPassword("fremmed@example.no", "Fremmed", kPassword, {});
  }

  std::vector<std::pair<std::string, std::string>> SignupFields(const std::string& reference) {
    return {{"employer_id", std::to_string(nittedal_)},
            {"trainees_wanted", "2"},
            {"background_ids", BackgroundId("Plan og areal")},
            {"background_ids", BackgroundId("IT")},
            {"wanted_background", "GIS"},
            {"presentation", "Nittedal <b>ligger</b> i Nordmarka."},
            {"invoice_org_number", "974 760 673"},
            {"buyer_reference_pattern", "4010-######"},
            {"buyer_reference", reference}};
  }

  std::string BackgroundId(const std::string& name) {
    domain::Actor system;
    system.person_id = -1;
    system.grants.push_back({Role::kSystemAdmin, 0});
    for (const auto& b : app_.app().signup().ListBackgrounds(system, ks_, false))
      if (b.name == name) return std::to_string(b.id);
    return "0";
  }

  // The coordinator signs Nittedal up for the open cohort; the new participation's id.
  std::string SignUpAsCoordinator(TestClient& c) {
    if (c.Post(NewSignup(open_), test::FormBody(c, SignupFields("4010-123456"))).status != 303)
      return "";
    auto list = c.Get("/api/v1/cohorts/" + std::to_string(open_) + "/participations");
    return std::to_string(
        boost::json::parse(list.body).at("items").as_array()[0].at("id").as_int64());
  }

  std::string NewSignup(std::int64_t cohort) {
    return "/cohorts/" + std::to_string(cohort) + "/participations/new";
  }

  test::TestApp app_;
  std::int64_t ks_ = 0, open_ = 0, closed_ = 0, nittedal_ = 0, roaf_ = 0;
};

TEST_F(SignupHttp, CoordinatorSignsUpOwnEmployerWithTheForm) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get("/signup");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Kull 21"));
  EXPECT_TRUE(Has(r.body, NewSignup(open_)));
  EXPECT_FALSE(Has(r.body, NewSignup(closed_)));

  r = c.Get(NewSignup(open_));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Plan og areal"));
  EXPECT_TRUE(Has(r.body, "value=\"974760673\""));  // prefilled from the employer
  EXPECT_TRUE(Has(r.body, "# er et siffer"));       // the pattern is explained
  EXPECT_FALSE(Has(r.body, "ROAF"));                // only the own employer to choose
  EXPECT_FALSE(Has(r.body, "name=\"status\""));     // coordinators do not set the status

  // A reference that does not follow the pattern: 422, translated, typed values kept.
  r = c.Post(NewSignup(open_), test::FormBody(c, SignupFields("4010-12345")));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Bestillerreferansen følger ikke mønsteret."));
  EXPECT_TRUE(Has(r.body, "value=\"4010-12345\""));
  EXPECT_TRUE(Has(r.body, "Nittedal &lt;b&gt;ligger&lt;/b&gt; i Nordmarka."));
  EXPECT_TRUE(Has(r.body, "value=\"" + BackgroundId("IT") + "\" checked"));

  r = c.Post(NewSignup(open_), test::FormBody(c, SignupFields("4010-123456")));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/signup?saved=1");
  r = c.Get("/signup");
  EXPECT_TRUE(Has(r.body, "Nittedal kommune"));
  EXPECT_TRUE(Has(r.body, "/participations/"));

  // Signing up someone else's employer is refused.
  auto fields = SignupFields("4010-123456");
  fields[0].second = std::to_string(roaf_);
  EXPECT_EQ(c.Post(NewSignup(open_), test::FormBody(c, fields)).status, 403);
}

TEST_F(SignupHttp, TheFormIsClosedAfterTheDeadline) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  auto r = c.Get(NewSignup(closed_));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Påmeldingen er stengt."));
  EXPECT_FALSE(Has(r.body, "action=\"" + NewSignup(closed_) + "\""));
  r = c.Post(NewSignup(closed_), test::FormBody(c, SignupFields("4010-123456")));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Påmeldingen er stengt."));

  r = c.Send("POST", "/api/v1/cohorts/" + std::to_string(closed_) + "/participations",
             R"({"employer_id": )" + std::to_string(nittedal_) + "}",
             {{"Content-Type", "application/json"},
              {"X-CSRF-Token", test::CsrfOf(c)},
              {"Accept-Language", "nb"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "signup_deadline"));
  EXPECT_TRUE(Has(r.body, "Påmeldingsfristen er ute."));

  // Operator staff may still add the employer.
  auto staff = app_.LoggedIn("ks@example.no", kPassword);
  r = staff.Get(NewSignup(closed_));
  EXPECT_TRUE(Has(r.body, "name=\"status\""));
  r = staff.Post(NewSignup(closed_), test::FormBody(staff, SignupFields("4010-123456")));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/cohorts/" + std::to_string(closed_) + "?saved=1");
  auto csv = staff.Get("/cohorts/" + std::to_string(closed_) + "/employers.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(Has(csv.body, "Bestillerreferanse"));
  EXPECT_TRUE(Has(csv.body, "Plan og areal, IT;974760673;4010-123456"));
  // A participating coordinator's copy has no invoice details.
  EXPECT_FALSE(
      Has(c.Get("/cohorts/" + std::to_string(closed_) + "/employers.csv").body, "4010-123456"));
}

TEST_F(SignupHttp, StaffConfirmOrDeclineAndTheCoordinatorSeesIt) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  ASSERT_EQ(c.Post(NewSignup(open_), test::FormBody(c, SignupFields("4010-123456"))).status, 303);
  auto mine = c.Send("GET", "/api/v1/cohorts/" + std::to_string(open_) + "/participations", "", {});
  ASSERT_EQ(mine.status, 200);
  auto items = boost::json::parse(mine.body).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const auto id = std::to_string(items[0].at("id").as_int64());
  EXPECT_EQ(items[0].at("buyer_reference").as_string(), "4010-123456");
  EXPECT_EQ(items[0].at("background_names").as_array().size(), 2u);

  EXPECT_EQ(c.Get("/participations/" + id + "/decision").status, 403);
  auto stranger = app_.LoggedIn("fremmed@example.no", kPassword);
  EXPECT_EQ(stranger.Get("/participations/" + id + "/decision").status, 404);
  EXPECT_EQ(stranger.Get("/signup").status, 403);

  auto staff = app_.LoggedIn("ks@example.no", kPassword);
  auto r = staff.Get("/participations/" + id + "/decision");
  ASSERT_EQ(r.status, 200);
  r = staff.Post("/participations/" + id + "/decision", test::FormBody(staff, {{"reason", "x"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Velg bekreft eller avslå."));
  r = staff.Post("/participations/" + id + "/decision",
                 test::FormBody(staff, {{"decision", "declined"}, {"reason", "Fullt kull i år"}}));
  EXPECT_EQ(r.status, 303);

  // The coordinator is told by e-mail, rendered from templates/emails/signup/declined.mustache.
  std::vector<std::string> mails;
  app_.app().database().Read([&](storage::Tx& tx) {
    storage::sqlx::Cursor q(tx,
                            "SELECT to_address, kind, subject, body_text FROM outbox "
                            "WHERE kind LIKE 'signup/%' ORDER BY id",
                            {}, "TTTT");
    while (q.Next()) {
      mails.push_back(q.Text(0) + "|" + q.Text(1) + "|" + q.Text(2));
      EXPECT_TRUE(Has(q.Text(3), "Fullt kull i år"));
      EXPECT_TRUE(Has(q.Text(3), "/signup"));
    }
  });
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0], "koord@example.no|signup/declined|Påmeldingen er avslått");

  r = c.Get("/signup");
  EXPECT_TRUE(Has(r.body, "Fullt kull i år"));
  EXPECT_TRUE(Has(r.body, "status-declined"));

  auto api = staff.Send(
      "POST", "/api/v1/participations/" + id + "/decision", R"({"decision": "confirmed"})",
      {{"Content-Type", "application/json"}, {"X-CSRF-Token", test::CsrfOf(staff)}});
  ASSERT_EQ(api.status, 200);
  EXPECT_EQ(boost::json::parse(api.body).at("status").as_string(), "confirmed");
}

TEST_F(SignupHttp, StaffKeepTheBackgroundList) {
  auto staff = app_.LoggedIn("ks@example.no", kPassword);
  const std::string page = "/operators/" + std::to_string(ks_) + "/backgrounds";
  auto r = staff.Get(page);
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Ingeniørfag"));
  r = staff.Post(page, test::FormBody(staff, {{"name", " "}}));
  EXPECT_EQ(r.status, 422);
  r = staff.Post(page, test::FormBody(staff, {{"name", "Arkitektur"}}));
  EXPECT_EQ(r.status, 303);
  r = staff.Post(page, test::FormBody(staff, {{"name", "Arkitektur"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Denne fagbakgrunnen står allerede i listen."));
  const auto id = BackgroundId("Arkitektur");
  r = staff.Post("/backgrounds/" + id + "/archive", test::FormBody(staff, {{"archived", "1"}}));
  EXPECT_EQ(r.status, 303);
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  EXPECT_FALSE(Has(c.Get(NewSignup(open_)).body, "Arkitektur"));
  EXPECT_EQ(c.Get(page).status, 404);
  EXPECT_EQ(c.Post("/backgrounds/" + id + "/edit", test::FormBody(c, {{"name", "x"}})).status, 404);
}

TEST_F(SignupHttp, LogoUploadIsCheckedAndServedWithTheAdvert) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  const auto id = SignUpAsCoordinator(c);
  ASSERT_FALSE(id.empty());
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-logo", 20);
  auto upload = [&](const std::string& filename, const std::string& data) {
    const std::string boundary = "----tpboundary42";
    std::string body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" +
                       test::CsrfOf(c) + "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"" + filename +
                       "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + data + "\r\n--" +
                       boundary + "--\r\n";
    return c.Post("/participations/" + id + "/logo", body,
                  "multipart/form-data; boundary=" + boundary);
  };
  auto r = upload("logo.gif", "GIF89a not allowed");
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Velg et bilde i PNG-, JPEG- eller WebP-format."));
  r = upload("logo.png", png);
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(Has(c.Get("/participations/" + id + "/edit").body, "En logo er lastet opp."));

  // Public once the operator has confirmed the sign-up.
  auto anon = app_.Anonymous();
  EXPECT_EQ(anon.Get("/advert/logos/" + id).status, 404);
  auto staff = app_.LoggedIn("ks@example.no", kPassword);
  ASSERT_EQ(staff
                .Post("/participations/" + id + "/decision",
                      test::FormBody(staff, {{"decision", "confirmed"}}))
                .status,
            303);
  auto advert = anon.Get("/advert/cohorts/" + std::to_string(open_));
  const auto at = advert.body.find("/advert/logos/" + id + "?v=");
  ASSERT_NE(at, std::string::npos);
  const auto url = advert.body.substr(at, advert.body.find('"', at) - at);
  auto logo = anon.Get(url);
  ASSERT_EQ(logo.status, 200);
  EXPECT_EQ(logo.Header("content-type"), "image/png");
  EXPECT_TRUE(Has(logo.Header("cache-control"), "immutable"));
  EXPECT_EQ(logo.body, png);

  // Removing it takes a confirmation page.
  EXPECT_EQ(c.Get("/participations/" + id + "/logo/delete").status, 200);
  EXPECT_EQ(c.Post("/participations/" + id + "/logo/delete", test::FormBody(c, {})).status, 303);
  EXPECT_EQ(anon.Get("/advert/logos/" + id).status, 404);
}

TEST_F(SignupHttp, LogoApiSetsAndRemovesTheLogoWithTheSameChecks) {
  auto c = app_.LoggedIn("koord@example.no", kPassword);
  const auto id = SignUpAsCoordinator(c);
  ASSERT_FALSE(id.empty());
  const std::string url = "/api/v1/participations/" + id + "/logo";
  std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(c)},
                                       {"Content-Type", "application/json"}};
  auto bad64 = c.Send("PUT", url, R"({"content_base64":"***"})", h);
  EXPECT_EQ(bad64.status, 422);
  EXPECT_TRUE(Has(bad64.body, "content_base64"));
  EXPECT_EQ(c.Send("PUT", url, R"({"content_base64":5})", h).status, 422);
  auto gif = c.Send(
      "PUT", url, "{\"content_base64\":\"" + domain::Base64Encode("GIF89a not allowed") + "\"}", h);
  EXPECT_EQ(gif.status, 422);
  EXPECT_TRUE(Has(gif.body, "\"logo\""));
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR-logo", 20);
  auto ok = c.Send("PUT", url, "{\"content_base64\":\"" + domain::Base64Encode(png) + "\"}", h);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_TRUE(boost::json::parse(ok.body).at("has_logo").as_bool());

  // Another employer's coordinator may not touch it.
  auto stranger = app_.LoggedIn("fremmed@example.no", kPassword);
  std::map<std::string, std::string> hs{{"X-CSRF-Token", test::CsrfOf(stranger)},
                                        {"Content-Type", "application/json"}};
  EXPECT_EQ(stranger.Send("DELETE", url, "", hs).status / 100, 4);
  EXPECT_TRUE(
      boost::json::parse(c.Get("/api/v1/participations/" + id).body).at("has_logo").as_bool());

  EXPECT_EQ(c.Send("DELETE", url, "", h).status, 204);
  EXPECT_FALSE(
      boost::json::parse(c.Get("/api/v1/participations/" + id).body).at("has_logo").as_bool());
}

// The employer register, in the world of the programmes tests.
class EmployersHttp : public programmes_http::ProgrammesHttp {};

TEST_F(EmployersHttp, EmployersCreateValidateSearchAndExport) {
  auto ks = app_.LoggedIn("ks@example.no", kPassword);
  auto r = ks.Get("/employers/new");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "<optgroup label=\"Finnmark\">"));
  EXPECT_TRUE(Has(r.body, "value=\"0301\""));

  r = ks.Post("/employers/new", Form(ks, {{"name", "Skedsmo kommune"},
                                          {"kind", "municipality"},
                                          {"org_number", "974 760 674"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"974 760 674\""));
  EXPECT_TRUE(Has(r.body, "Skriv inn et gyldig organisasjonsnummer (ni sifre)."));

  r = ks.Post("/employers/new",
              Form(ks, {{"name", "Kopi"}, {"kind", "municipality"}, {"org_number", "974760673"}}));
  ASSERT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Det finnes allerede en arbeidsgiver med dette organisasjonsnummeret."));

  r = ks.Post("/employers/new", Form(ks, {{"name", "Oslo kommune"},
                                          {"kind", "municipality"},
                                          {"org_number", "100000008"},
                                          {"municipality_number", "0301"},
                                          {"invoice_contact_email", "faktura@oslo.kommune.no"}}));
  ASSERT_EQ(r.status, 303);
  auto page = ks.Get(r.Header("location"));
  EXPECT_TRUE(Has(page.body, "Oslo kommune"));

  auto list = ks.Get("/employers?q=oslo");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "Oslo kommune"));
  EXPECT_FALSE(Has(list.body, "ROAF"));
  list = ks.Get("/employers?sort=name&dir=desc");
  EXPECT_LT(list.body.find("ROAF"), list.body.find("Nittedal kommune"));

  auto csv = ks.Get("/employers.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(Has(csv.body, "Oslo kommune;"));

  auto stranger = app_.LoggedIn("fremmed@example.no", kPassword);
  EXPECT_EQ(stranger.Get("/employers/new").status, 403);
  EXPECT_EQ(stranger.Post("/employers/new", Form(stranger, {{"name", "X"}})).status, 403);
  EXPECT_EQ(stranger.Get("/employers/" + std::to_string(w_.nittedal)).status, 404);
}

}  // namespace
}  // namespace tp
