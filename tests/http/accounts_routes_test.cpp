#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <regex>

#include "app/app.h"
#include "http/message.h"
#include "services/accounts/account_service.h"
#include "storage/database.h"
#include "support/forms.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";

// A urlencoded form body with the client's CSRF token added.
std::string Form(const TestClient& c, std::vector<std::pair<std::string, std::string>> fields,
                 bool with_csrf = true) {
  return test::FormBody(c, fields, with_csrf);
}

long long InsertId(soci::session& sql, const std::string& text) {
  long long id = 0;
  sql << text, soci::into(id);
  return id;
}

struct World {
  long long operator_a = 0, operator_b = 0, employer = 0, trainee_a = 0;
  long long employer_b = 0, trainee_b = 0;  ///< an employer and a trainee in operator B's cohort
};

World BuildWorld(storage::Database& db) {
  World w;
  db.Transact([&](storage::Tx& tx) {
    auto& sql = tx.sql();
    w.operator_a = InsertId(
        sql,
        "INSERT INTO operators (name, kind, created_at) VALUES ('KS', 'national', 0) RETURNING id");
    w.operator_b = InsertId(sql,
                            "INSERT INTO operators (name, kind, created_at) VALUES ('Romerike', "
                            "'regional', 0) RETURNING id");
    auto prog =
        InsertId(sql, "INSERT INTO programmes (operator_id, name, structure, created_at) VALUES (" +
                          std::to_string(w.operator_a) +
                          ", 'KS trainee', 'national_model', 0) RETURNING id");
    auto cohort =
        InsertId(sql,
                 "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, "
                 "starts_on, ends_on, fee_ore, created_at) VALUES (" +
                     std::to_string(prog) +
                     ", 'Kull 5', '2010-11-17', '2011-02-14', '2011-09-01', '2013-03-01', 6900000, "
                     "0) RETURNING id");
    w.employer = InsertId(sql,
                          "INSERT INTO employers (name, kind, org_number, created_at) VALUES "
                          "('Testkommune Øst', 'municipality', '920000001', 0) RETURNING id");
    sql << "INSERT INTO participations (cohort_id, employer_id, created_at) VALUES (" +
               std::to_string(cohort) + ", " + std::to_string(w.employer) + ", 0)";
    auto person = InsertId(sql,
                           "INSERT INTO people (email, name, created_at) VALUES "
                           "('trainee.record@example.no', 'Trainee Record', 0) RETURNING id");
    w.trainee_a = InsertId(
        sql, "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) VALUES (" +
                 std::to_string(cohort) + ", " + std::to_string(w.employer) + ", " +
                 std::to_string(person) + ", 0) RETURNING id");
    auto prog_b = InsertId(
        sql, "INSERT INTO programmes (operator_id, name, structure, created_at) VALUES (" +
                 std::to_string(w.operator_b) + ", 'TTR', 'regional_three_part', 0) RETURNING id");
    auto cohort_b =
        InsertId(sql,
                 "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, "
                 "starts_on, ends_on, fee_ore, created_at) VALUES (" +
                     std::to_string(prog_b) +
                     ", 'TTR 2013', '2012-11-17', '2013-02-14', '2013-09-01', '2015-02-01', 0, 0) "
                     "RETURNING id");
    w.employer_b = InsertId(sql,
                            "INSERT INTO employers (name, kind, org_number, created_at) VALUES "
                            "('Aremark kommune', 'municipality', '920000002', 0) RETURNING id");
    auto person_b = InsertId(sql,
                             "INSERT INTO people (email, name, created_at) VALUES "
                             "('bjorn@example.no', 'Bjørn Elsewhere', 0) RETURNING id");
    w.trainee_b = InsertId(
        sql, "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) VALUES (" +
                 std::to_string(cohort_b) + ", " + std::to_string(w.employer_b) + ", " +
                 std::to_string(person_b) + ", 0) RETURNING id");
  });
  return w;
}

class AccountsHttp : public ::testing::Test {
 protected:
  AccountsHttp() : world_(BuildWorld(app_.app().database())) {
    admin_a_ = accounts().CreatePersonWithPassword("admin.a@ks.no", "Anne Admin", kPassword,
                                                   {{Role::kOperatorAdmin, world_.operator_a}});
    coordinator_ = accounts().CreatePersonWithPassword(
        "coord@kommune.no", "Cora Koordinator", kPassword, {{Role::kCoordinator, world_.employer}});
  }
  services::AccountService& accounts() { return app_.app().accounts(); }

  std::string LinkIn(const std::string& to, const std::string& prefix) {
    auto box = accounts().ListOutbox(to, {});
    if (box.items.empty()) return "";
    std::smatch m;
    std::regex re("https?://[^/\\s]+(" + prefix + "[A-Za-z0-9_-]+)");
    if (!std::regex_search(box.items.front().body_text, m, re)) return "";
    return m[1].str();
  }

  test::TestApp app_;
  World world_;
  std::int64_t admin_a_ = 0, coordinator_ = 0;
};

TEST_F(AccountsHttp, LoginFormHappyPathAndSafeNext) {
  auto c = app_.Anonymous();
  auto page = c.Get("/login?next=/account");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("name=\"next\" value=\"/account\""), std::string::npos);
  auto r =
      c.Post("/login",
             Form(c, {{"email", "admin.a@ks.no"}, {"password", kPassword}, {"next", "/account"}}));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/account");
  EXPECT_TRUE(c.CookieValue("tp_session"));
  EXPECT_EQ(c.Get("/account").status, 200);

  auto evil = app_.Anonymous();
  evil.Get("/login");
  auto r2 = evil.Post("/login", Form(evil, {{"email", "admin.a@ks.no"},
                                            {"password", kPassword},
                                            {"next", "//evil.example/"}}));
  EXPECT_EQ(r2.status, 303);
  EXPECT_EQ(r2.Header("location"), "/");
}

TEST_F(AccountsHttp, WrongPasswordReRendersWithTypedEmailAndTranslatedMessage) {
  auto c = app_.Anonymous();
  c.Get("/login");
  auto r = c.Post("/login", Form(c, {{"email", "admin.a@ks.no"}, {"password", "feil-passord-1"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("value=\"admin.a@ks.no\""), std::string::npos);
  EXPECT_NE(r.body.find("Feil e-postadresse eller passord."), std::string::npos);
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_FALSE(c.CookieValue("tp_session"));
}

TEST_F(AccountsHttp, SixthLoginAttemptIsThrottled) {
  auto c = app_.Anonymous();
  c.Get("/login");
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(
        c.Post("/login", Form(c, {{"email", "admin.a@ks.no"}, {"password", "feil-passord-1"}}))
            .status,
        422);
  auto r = c.Post("/login", Form(c, {{"email", "admin.a@ks.no"}, {"password", kPassword}}));
  EXPECT_EQ(r.status, 429);
  EXPECT_NE(r.body.find("For mange forsøk"), std::string::npos);
  EXPECT_FALSE(c.CookieValue("tp_session"));
}

TEST_F(AccountsHttp, CsrfMissingIsRefused) {
  auto c = app_.Anonymous();
  c.Get("/login");
  auto r = c.Post("/login", "email=admin.a%40ks.no&password=" + http::UrlEncode(kPassword));
  EXPECT_EQ(r.status, 403);
  auto logged = app_.LoggedIn("admin.a@ks.no", kPassword);
  EXPECT_EQ(logged.Post("/account/language", "lang=nn").status, 403);
}

TEST_F(AccountsHttp, AnonymousIsSentToLoginOrGets401) {
  auto c = app_.Anonymous();
  for (const std::string path :
       {"/account", "/account/password", "/account/tokens", "/operators/1/people", "/people/1"}) {
    auto r = c.Get(path);
    EXPECT_EQ(r.status, 303) << path;
    EXPECT_EQ(r.Header("location").rfind("/login?next=", 0), 0u) << path;
  }
  EXPECT_EQ(c.Get("/api/v1/me").status, 401);
  EXPECT_EQ(c.Get("/api/v1/tokens").status, 401);
  EXPECT_EQ(c.Get("/api/v1/operators/1/people").status, 401);
}

TEST_F(AccountsHttp, LogoutEndsTheSession) {
  auto c = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto session = c.CookieValue("tp_session");
  ASSERT_TRUE(session);
  EXPECT_EQ(c.Post("/logout", Form(c, {})).status, 303);
  c.SetCookie("tp_session", *session);
  EXPECT_EQ(c.Get("/account").status, 303);
}

TEST_F(AccountsHttp, PasswordResetThroughTheOutboxWorksOnce) {
  auto c = app_.Anonymous();
  c.Get("/password/forgot");
  auto bad = c.Post("/password/forgot", Form(c, {{"email", "ikke-en-adresse"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("value=\"ikke-en-adresse\""), std::string::npos);
  EXPECT_EQ(c.Post("/password/forgot", Form(c, {{"email", "ukjent@ks.no"}})).status, 303);
  auto r = c.Post("/password/forgot", Form(c, {{"email", "admin.a@ks.no"}}));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), "/password/forgot?sent=1");
  auto link = LinkIn("admin.a@ks.no", "/password/reset/");
  ASSERT_FALSE(link.empty());
  EXPECT_EQ(c.Get(link).status, 200);
  auto mismatch = c.Post(link, Form(c, {{"new_password", "nytt-passord-2"},
                                        {"new_password_confirm", "annet-passord-3"}}));
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("Passordene er ikke like."), std::string::npos);
  auto done = c.Post(link, Form(c, {{"new_password", "nytt-passord-2"},
                                    {"new_password_confirm", "nytt-passord-2"}}));
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), "/login?reset=1");
  EXPECT_EQ(c.Get(link).status, 404);
  EXPECT_EQ(c.Post(link, Form(c, {{"new_password", "tredje-passord-3"},
                                  {"new_password_confirm", "tredje-passord-3"}}))
                .status,
            404);
  auto logged = app_.LoggedIn("admin.a@ks.no", "nytt-passord-2");
  EXPECT_EQ(logged.Get("/account").status, 200);
}

TEST_F(AccountsHttp, InvitationAcceptedThenCanLogIn) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto form = admin.Get("/operators/" + std::to_string(world_.operator_a) + "/people/invite");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Testkommune Øst"), std::string::npos);
  auto invalid = admin.Post(
      "/operators/" + std::to_string(world_.operator_a) + "/people/invite",
      Form(admin, {{"email", "ny@@kommune"}, {"name", "Nora Ny"}, {"role", "operator_staff"}}));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_NE(invalid.body.find("value=\"Nora Ny\""), std::string::npos);
  EXPECT_NE(invalid.body.find("Skriv inn en gyldig e-postadresse."), std::string::npos);
  // No scope chosen is reported together with the other mistakes.
  EXPECT_NE(invalid.body.find("Velg en programeier, arbeidsgiver eller trainee som passer til "
                              "rollen."),
            std::string::npos);
  auto r = admin.Post("/operators/" + std::to_string(world_.operator_a) + "/people/invite",
                      Form(admin, {{"email", "ny@kommune.no"},
                                   {"name", "Nora Ny"},
                                   {"role", "coordinator"},
                                   {"scope", "employer:" + std::to_string(world_.employer)}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location").rfind("/people/", 0), 0u);
  EXPECT_EQ(admin.Get(r.Header("location")).status, 200);

  auto link = LinkIn("ny@kommune.no", "/invitation/");
  ASSERT_FALSE(link.empty());
  auto guest = app_.Anonymous();
  auto page = guest.Get(link);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("ny@kommune.no"), std::string::npos);
  auto weak = guest.Post(
      link, Form(guest, {{"name", "Nora Ny"}, {"password", "123"}, {"password_confirm", "123"}}));
  EXPECT_EQ(weak.status, 422);
  auto ok = guest.Post(link, Form(guest, {{"name", "Nora Ny"},
                                          {"password", "nytt-passord-2"},
                                          {"password_confirm", "nytt-passord-2"}}));
  EXPECT_EQ(ok.status, 303);
  EXPECT_TRUE(guest.CookieValue("tp_session"));
  auto me = guest.Get("/account");
  EXPECT_EQ(me.status, 200);
  EXPECT_NE(me.body.find("Traineekoordinator"), std::string::npos);
  EXPECT_EQ(app_.Anonymous().Get(link).status, 404);
  EXPECT_EQ(app_.LoggedIn("ny@kommune.no", "nytt-passord-2").Get("/account").status, 200);
}

TEST_F(AccountsHttp, OperatorAdminCannotGrantInAnotherOperator) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  EXPECT_EQ(admin.Get("/operators/" + std::to_string(world_.operator_b) + "/people/invite").status,
            403);
  EXPECT_EQ(
      admin
          .Post("/operators/" + std::to_string(world_.operator_b) + "/people/invite",
                Form(admin, {{"email", "x@ks.no"}, {"name", "X"}, {"role", "operator_staff"}}))
          .status,
      403);
  EXPECT_EQ(admin
                .Post("/people/" + std::to_string(coordinator_) + "/grants",
                      Form(admin, {{"role", "operator_admin"},
                                   {"scope", "operator:" + std::to_string(world_.operator_b)}}))
                .status,
            403);
  auto token = accounts().CreateApiToken(
      app_.app().accounts().ResolveSession(*admin.CookieValue("tp_session")).value(), "t");
  TestClient api(app_.port());
  std::map<std::string, std::string> h{{"authorization", "Bearer " + token.raw_token},
                                       {"content-type", "application/json"}};
  auto r = api.Send(
      "POST", "/api/v1/people/" + std::to_string(coordinator_) + "/grants",
      R"({"role":"operator_staff","scope_id":)" + std::to_string(world_.operator_b) + "}", h);
  EXPECT_EQ(r.status, 403);
  auto ok = api.Send(
      "POST", "/api/v1/people/" + std::to_string(coordinator_) + "/grants",
      R"({"role":"operator_staff","scope_id":)" + std::to_string(world_.operator_a) + "}", h);
  EXPECT_EQ(ok.status, 201);
  auto bad = api.Send("POST", "/api/v1/people/" + std::to_string(coordinator_) + "/grants",
                      R"({"role":"coordinator","scope_id":999999})", h);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(api.Send("DELETE",
                     "/api/v1/people/" + std::to_string(coordinator_) + "/grants/operator_staff/" +
                         std::to_string(world_.operator_a),
                     "", h)
                .status,
            204);
  EXPECT_EQ(
      api.Send("POST", "/api/v1/operators/" + std::to_string(world_.operator_b) + "/invitations",
               R"({"email":"z@ks.no","name":"Z","role":"operator_staff"})", h)
          .status,
      403);
  auto inv =
      api.Send("POST", "/api/v1/operators/" + std::to_string(world_.operator_a) + "/invitations",
               R"({"email":"z@ks.no","name":"Z","role":"operator_staff"})", h);
  EXPECT_EQ(inv.status, 201);
  EXPECT_EQ(inv.Header("location").rfind("/api/v1/people/", 0), 0u);
}

TEST_F(AccountsHttp, CoordinatorCannotListPeople) {
  auto c = app_.LoggedIn("coord@kommune.no", kPassword);
  EXPECT_EQ(c.Get("/operators/" + std::to_string(world_.operator_a) + "/people").status, 403);
  EXPECT_EQ(c.Get("/operators/" + std::to_string(world_.operator_a) + "/people.csv").status, 403);
  EXPECT_EQ(c.Get("/operators/" + std::to_string(world_.operator_a) + "/people/invite").status,
            403);
  EXPECT_EQ(c.Get("/people/" + std::to_string(admin_a_)).status, 404);
  EXPECT_EQ(c.Get("/api/v1/operators/" + std::to_string(world_.operator_a) + "/people").status,
            403);
}

TEST_F(AccountsHttp, PeopleListSearchSortAndCsv) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto base = "/operators/" + std::to_string(world_.operator_a) + "/people";
  auto list = admin.Get(base);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Anne Admin"), std::string::npos);
  EXPECT_NE(list.body.find("Cora Koordinator"), std::string::npos);
  EXPECT_NE(list.body.find("?sort=email"), std::string::npos);
  auto searched = admin.Get(base + "?q=cora");
  EXPECT_EQ(searched.body.find("admin.a@ks.no"), std::string::npos);  // the header shows the name
  EXPECT_NE(list.body.find("admin.a@ks.no"), std::string::npos);
  EXPECT_NE(searched.body.find("Cora Koordinator"), std::string::npos);
  auto csv = admin.Get(base + ".csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_NE(csv.body.find("coord@kommune.no"), std::string::npos);
  EXPECT_NE(csv.body.find(';'), std::string::npos);
  auto json = admin.Get("/api/v1" + base + "?per_page=1");
  ASSERT_EQ(json.status, 200);
  auto v = boost::json::parse(json.body).as_object();
  EXPECT_EQ(v.at("total").as_int64(), 2);
  EXPECT_EQ(v.at("items").as_array().size(), 1u);
}

TEST_F(AccountsHttp, PersonPageGrantAndRevokeWithConfirmation) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto person = "/people/" + std::to_string(coordinator_);
  ASSERT_EQ(admin.Get(person).status, 200);
  auto bad = admin.Post(person + "/grants", Form(admin, {{"role", "mentor"}, {"scope", "abc"}}));
  EXPECT_EQ(bad.status, 422);
  auto granted = admin.Post(
      person + "/grants",
      Form(admin, {{"role", "mentor"}, {"scope", "trainee:" + std::to_string(world_.trainee_a)}}));
  EXPECT_EQ(granted.status, 303);
  auto revoke = person + "/grants/mentor/" + std::to_string(world_.trainee_a) + "/revoke";
  auto confirm = admin.Get(revoke);
  ASSERT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("class=\"danger\""), std::string::npos);
  EXPECT_EQ(admin.Post(revoke, Form(admin, {})).status, 303);
  EXPECT_EQ(admin.Get(revoke).status, 404);
  auto own = "/people/" + std::to_string(admin_a_) + "/grants/operator_admin/" +
             std::to_string(world_.operator_a) + "/revoke";
  EXPECT_EQ(admin.Post(own, Form(admin, {})).status, 409);
}

TEST_F(AccountsHttp, GrantFormOffersScopesByName) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto page = admin.Get("/people/" + std::to_string(coordinator_));
  ASSERT_EQ(page.status, 200);
  const auto& body = page.body;
  EXPECT_NE(body.find("<label for=\"role\">"), std::string::npos);
  EXPECT_NE(body.find("<label for=\"scope\">"), std::string::npos);
  EXPECT_EQ(body.find("name=\"scope_id\""), std::string::npos);
  // The only operator the admin administers is chosen already; the other is not offered.
  EXPECT_NE(body.find("<option value=\"operator:" + std::to_string(world_.operator_a) +
                      "\" selected>KS</option>"),
            std::string::npos);
  EXPECT_EQ(body.find("value=\"operator:" + std::to_string(world_.operator_b) + "\""),
            std::string::npos);
  // Employers are shared: all of them, sorted by name.
  auto aremark = body.find("<option value=\"employer:" + std::to_string(world_.employer_b) +
                           "\">Aremark kommune</option>");
  auto ost = body.find("<option value=\"employer:" + std::to_string(world_.employer) +
                       "\">Testkommune Øst</option>");
  ASSERT_NE(aremark, std::string::npos);
  ASSERT_NE(ost, std::string::npos);
  EXPECT_LT(aremark, ost);
  // Trainees of the admin's operator only, named as a coordinator knows them.
  EXPECT_NE(body.find("<option value=\"trainee:" + std::to_string(world_.trainee_a) +
                      "\">Trainee Record – Testkommune Øst – Kull 5</option>"),
            std::string::npos);
  EXPECT_EQ(body.find("Bjørn Elsewhere"), std::string::npos);
  EXPECT_EQ(body.find("value=\"trainee:" + std::to_string(world_.trainee_b) + "\""),
            std::string::npos);
  EXPECT_NE(body.find("<optgroup label=\"Arbeidsgivere\">"), std::string::npos);
  EXPECT_NE(body.find("<optgroup label=\"Traineer\">"), std::string::npos);
}

TEST_F(AccountsHttp, GrantCoordinatorByEmployerChoice) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto target =
      accounts().CreatePersonWithPassword("ny.koordinator@ks.no", "Ny Koordinator", kPassword,
                                          {{Role::kOperatorStaff, world_.operator_a}});
  auto person = "/people/" + std::to_string(target);
  auto r = admin.Post(person + "/grants",
                      Form(admin, {{"role", "coordinator"},
                                   {"scope", "employer:" + std::to_string(world_.employer_b)}}));
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location"), person + "?saved=1");
  auto held = app_.app().accounts().GetPerson(
      app_.app().accounts().ResolveSession(*admin.CookieValue("tp_session")).value(), target);
  bool found = false;
  for (const auto& g : held.grants)
    found = found || (g.role == Role::kCoordinator && g.scope_id == world_.employer_b);
  EXPECT_TRUE(found);
  // The roles table names the scope.
  EXPECT_NE(admin.Get(person).body.find("<td>Arbeidsgiver: Aremark kommune</td>"),
            std::string::npos);
}

TEST_F(AccountsHttp, ScopeThatDoesNotFitTheRoleIsReRenderedWithTheChoicesKept) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto person = "/people/" + std::to_string(coordinator_);
  auto trainee = "trainee:" + std::to_string(world_.trainee_a);
  auto r =
      admin.Post(person + "/grants", Form(admin, {{"role", "coordinator"}, {"scope", trainee}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Velg en programeier, arbeidsgiver eller trainee som passer til rollen."),
            std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"coordinator\" selected>"), std::string::npos);
  EXPECT_NE(r.body.find("<option value=\"" + trainee + "\" selected>"), std::string::npos);
  // The single operator is not chosen over what the user picked.
  EXPECT_EQ(r.body.find("value=\"operator:" + std::to_string(world_.operator_a) + "\" selected"),
            std::string::npos);
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(r.body.find("id=\"scope-error\""), std::string::npos);
  // Nothing chosen for a role that needs a scope is the same mistake.
  auto empty = admin.Post(person + "/grants", Form(admin, {{"role", "mentor"}, {"scope", ""}}));
  EXPECT_EQ(empty.status, 422);
  // And in nynorsk.
  EXPECT_EQ(admin.Post("/account/language", Form(admin, {{"lang", "nn"}})).status, 303);
  auto nn = admin.Post(person + "/grants",
                       Form(admin, {{"role", "operator_staff"},
                                    {"scope", "employer:" + std::to_string(world_.employer)}}));
  EXPECT_EQ(nn.status, 422);
  EXPECT_NE(nn.body.find("Vel ein programeigar, arbeidsgjevar eller trainee som passar til rolla."),
            std::string::npos);
}

TEST_F(AccountsHttp, ForgedScopeOfAnotherOperatorIsRefused) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto person = "/people/" + std::to_string(coordinator_);
  EXPECT_EQ(admin
                .Post(person + "/grants",
                      Form(admin, {{"role", "mentor"},
                                   {"scope", "trainee:" + std::to_string(world_.trainee_b)}}))
                .status,
            403);
  EXPECT_EQ(admin
                .Post(person + "/grants",
                      Form(admin, {{"role", "operator_staff"},
                                   {"scope", "operator:" + std::to_string(world_.operator_b)}}))
                .status,
            403);
  auto invite = "/operators/" + std::to_string(world_.operator_a) + "/people/invite";
  EXPECT_EQ(
      admin
          .Post(invite, Form(admin, {{"email", "forged@ks.no"},
                                     {"name", "Forged"},
                                     {"role", "trainee"},
                                     {"scope", "trainee:" + std::to_string(world_.trainee_b)}}))
          .status,
      403);
  // An unknown scope of the right kind is the existing refusal.
  auto unknown = admin.Post(person + "/grants",
                            Form(admin, {{"role", "coordinator"}, {"scope", "employer:999999"}}));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("id=\"scope-error\""), std::string::npos);
  // Operator staff may grant nothing, whatever the form says.
  auto staff_id = accounts().CreatePersonWithPassword("staff@ks.no", "Stig Staff", kPassword,
                                                      {{Role::kOperatorStaff, world_.operator_a}});
  (void)staff_id;
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  EXPECT_EQ(
      staff.Post(person + "/grants", Form(staff, {{"role", "coordinator"}, {"scope", "x"}})).status,
      403);
}

TEST_F(AccountsHttp, InviteWithTheScopeSelect) {
  auto admin = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto invite = "/operators/" + std::to_string(world_.operator_a) + "/people/invite";
  auto form = admin.Get(invite);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("<label for=\"scope\">"), std::string::npos);
  EXPECT_NE(form.body.find("<option value=\"operator:" + std::to_string(world_.operator_a) +
                           "\" selected>KS</option>"),
            std::string::npos);
  EXPECT_NE(form.body.find("Trainee Record – Testkommune Øst – Kull 5"), std::string::npos);
  EXPECT_EQ(form.body.find("Bjørn Elsewhere"), std::string::npos);
  EXPECT_EQ(form.body.find("name=\"trainee_id\""), std::string::npos);

  auto trainee = "trainee:" + std::to_string(world_.trainee_a);
  auto mismatch = admin.Post(invite, Form(admin, {{"email", "mentor@kommune.no"},
                                                  {"name", "Mona Mentor"},
                                                  {"role", "operator_admin"},
                                                  {"scope", trainee}}));
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("Velg en programeier, arbeidsgiver eller trainee som passer til "
                               "rollen."),
            std::string::npos);
  EXPECT_NE(mismatch.body.find("value=\"Mona Mentor\""), std::string::npos);
  EXPECT_NE(mismatch.body.find("<option value=\"operator_admin\" selected>"), std::string::npos);
  EXPECT_NE(mismatch.body.find("<option value=\"" + trainee + "\" selected>"), std::string::npos);

  auto ok = admin.Post(invite, Form(admin, {{"email", "mentor@kommune.no"},
                                            {"name", "Mona Mentor"},
                                            {"role", "mentor"},
                                            {"scope", trainee}}));
  ASSERT_EQ(ok.status, 303);
  auto page = admin.Get(ok.Header("location"));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Trainee: Trainee Record – Testkommune Øst – Kull 5"),
            std::string::npos);
  EXPECT_FALSE(LinkIn("mentor@kommune.no", "/invitation/").empty());

  auto staff =
      admin.Post(invite, Form(admin, {{"email", "staff2@ks.no"},
                                      {"name", "Siri Staff"},
                                      {"role", "operator_staff"},
                                      {"scope", "operator:" + std::to_string(world_.operator_a)}}));
  EXPECT_EQ(staff.status, 303);
}

TEST_F(AccountsHttp, ApiTokenWorksWithBearerUntilRevoked) {
  auto c = app_.LoggedIn("admin.a@ks.no", kPassword);
  auto empty = c.Post("/account/tokens", Form(c, {{"name", "  "}}));
  EXPECT_EQ(empty.status, 422);
  auto created = c.Post("/account/tokens", Form(c, {{"name", "Rapport"}}));
  ASSERT_EQ(created.status, 201);
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(created.body, m, std::regex("id=\"new-token\">([A-Za-z0-9_-]{43})<")));
  std::string token = m[1].str();
  TestClient api(app_.port());
  std::map<std::string, std::string> h{{"authorization", "Bearer " + token}};
  auto me = api.Send("GET", "/api/v1/me", "", h);
  ASSERT_EQ(me.status, 200);
  auto v = boost::json::parse(me.body).as_object();
  EXPECT_EQ(v.at("email").as_string(), "admin.a@ks.no");
  EXPECT_EQ(v.at("grants").as_array().size(), 1u);
  EXPECT_EQ(c.Get("/account/tokens").body.find(token), std::string::npos);  // shown once only

  auto list =
      accounts().ListApiTokens(accounts().ResolveSession(*c.CookieValue("tp_session")).value());
  ASSERT_EQ(list.size(), 1u);
  auto revoke = "/account/tokens/" + std::to_string(list[0].id) + "/revoke";
  auto other = app_.LoggedIn("coord@kommune.no", kPassword);
  EXPECT_EQ(other.Get(revoke).status, 404);
  EXPECT_EQ(other.Post(revoke, Form(other, {})).status, 404);
  EXPECT_EQ(c.Get(revoke).status, 200);
  EXPECT_EQ(c.Post(revoke, Form(c, {})).status, 303);
  EXPECT_EQ(api.Send("GET", "/api/v1/me", "", h).status, 401);
}

TEST_F(AccountsHttp, ApiTokensEndpoints) {
  auto c = app_.LoggedIn("coord@kommune.no", kPassword);
  // A browser session needs the CSRF header for unsafe API calls.
  EXPECT_EQ(
      c.Send("POST", "/api/v1/tokens", R"({"name":"x"})", {{"content-type", "application/json"}})
          .status,
      403);
  auto r = c.Send("POST", "/api/v1/tokens", R"({"name":"Skript"})",
                  {{"content-type", "application/json"}, {"x-csrf-token", test::CsrfOf(c)}});
  ASSERT_EQ(r.status, 201);
  auto v = boost::json::parse(r.body).as_object();
  std::string token(v.at("token").as_string());
  EXPECT_FALSE(r.Header("location").empty());
  TestClient api(app_.port());
  std::map<std::string, std::string> h{{"authorization", "Bearer " + token}};
  auto list = api.Send("GET", "/api/v1/tokens", "", h);
  EXPECT_EQ(boost::json::parse(list.body).as_object().at("total").as_int64(), 1);
  EXPECT_EQ(list.body.find(token), std::string::npos);
  auto invalid =
      api.Send("POST", "/api/v1/tokens", R"({"name":""})",
               {{"authorization", "Bearer " + token}, {"content-type", "application/json"}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(api.Send("DELETE", r.Header("location"), "", h).status, 204);
  EXPECT_EQ(api.Send("GET", "/api/v1/tokens", "", h).status, 401);
}

TEST_F(AccountsHttp, LanguageAndPasswordChange) {
  auto c = app_.LoggedIn("coord@kommune.no", kPassword);
  auto bad = c.Post("/account/language", Form(c, {{"lang", "sv"}}));
  EXPECT_EQ(bad.status, 422);
  auto r = c.Post("/account/language", Form(c, {{"lang", "nn"}}));
  EXPECT_EQ(r.status, 303);
  auto page = c.Get("/account?saved=1");
  EXPECT_NE(page.body.find("Lagra"), std::string::npos);

  ASSERT_EQ(c.Get("/account/password").status, 200);
  auto wrong = c.Post("/account/password", Form(c, {{"current_password", "feil-passord-1"},
                                                    {"new_password", "nytt-passord-2"},
                                                    {"new_password_confirm", "nytt-passord-2"}}));
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Noverande passord er feil."), std::string::npos);
  auto other = app_.LoggedIn("coord@kommune.no", kPassword);
  auto ok = c.Post("/account/password", Form(c, {{"current_password", kPassword},
                                                 {"new_password", "nytt-passord-2"},
                                                 {"new_password_confirm", "nytt-passord-2"}}));
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(c.Get("/account").status, 200);
  EXPECT_EQ(other.Get("/account").status, 303);
}

TEST_F(AccountsHttp, DemoLoginsOnlyInDemoMode) {
  auto c = app_.Anonymous();
  auto page = c.Get("/login");
  EXPECT_EQ(page.body.find("demo-logins"), std::string::npos);
}

}  // namespace
}  // namespace tp

namespace tp {
namespace {

TEST(AccountsHttpDemo, DemoLoginsListedInDemoMode) {
  test::TestApp app(true);
  auto c = app.Anonymous();
  auto page = c.Get("/login");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("demo-logins"), std::string::npos);
}

}  // namespace
}  // namespace tp
