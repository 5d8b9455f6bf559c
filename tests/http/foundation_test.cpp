// Cross-cutting behaviour of the whole application over real sockets: every route refuses
// strangers, CSRF, body limits, problem documents, 404 pages, headers, languages, demo mode.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <set>

#include "app/app.h"
#include "app/demo.h"
#include "http/router.h"
#include "services/accounts/account_service.h"
#include "support/test_app.h"

namespace tp {
namespace {

using test::TestApp;
using test::TestClient;

// Routes anybody may use without logging in.
const std::set<std::string> kPublic = {
    "/",
    "/login",
    "/logout",
    "/healthz",
    "/readyz",
    "/ping",
    "/metrics",
    "/api/v1/openapi.json",
    "/lang/{code}",
    "/password/forgot",
    "/password/reset/{token}",
    "/invitation/{token}",
    "/advert/programmes/{id}",
    "/advert/cohorts/{id}",
    "/advert/cohorts/{id}/feed.atom",
    "/advert/logos/{id}",
    "/api/v1/advert/cohorts/{id}",
    "/register",
    "/register/verify/{token}",
    "/api/v1/registrations",
    "/api/v1/registrations/verify",
};

// Public reference data, readable by anyone logged in.
const std::set<std::string> kReference = {"/api/v1/municipalities"};

// Lists filtered by the caller's rights: a stranger gets 200 with nothing in them.
const std::set<std::string> kFilteredLists = {"/operators", "/api/v1/operators",
                                              "/api/v1/programmes", "/api/v1/cohorts"};

// Routes about the logged-in person's own account: any logged-in person may use them.
const std::set<std::string> kOwnAccount = {
    "/account",
    "/account/language",
    "/account/password",
    "/account/tokens",
    "/account/tokens/{id}/revoke",
    "/api/v1/me",
    "/api/v1/tokens",
    "/api/v1/tokens/{id}",
    "/account/emails",
    "/api/v1/me/emails",
    "/applications",
    "/account/export.json",
    "/api/v1/applications",
    "/api/v1/account/export",
    "/offers",
    "/api/v1/offers",
};

std::string Fill(std::string pattern) {
  // Demo data has rows with id 1 in every table, so "1" reaches real objects.
  pattern = std::regex_replace(pattern, std::regex("\\{role\\}"), "coordinator");
  return std::regex_replace(pattern, std::regex("\\{[a-z_]+\\}"), "1");
}

class FoundationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { app_ = new TestApp(/*demo_mode=*/true); }
  static void TearDownTestSuite() {
    delete app_;
    app_ = nullptr;
  }
  static TestApp* app_;
};
TestApp* FoundationTest::app_ = nullptr;

TEST_F(FoundationTest, EveryRouteRefusesAnAnonymousCaller) {
  int checked = 0;
  for (const auto& route : app_->app().router().routes()) {
    if (kPublic.count(route.pattern) || route.pattern.rfind("/static/", 0) == 0) continue;
    TestClient client = app_->Anonymous();
    client.Get("/login");  // CSRF cookie, so a refusal is about the login, not the token
    std::map<std::string, std::string> headers{{"X-CSRF-Token", test::CsrfOf(client)}};
    bool api = route.pattern.rfind("/api/", 0) == 0;
    std::string body = api ? "{}" : "_csrf=" + test::CsrfOf(client);
    headers["Content-Type"] = api ? "application/json" : "application/x-www-form-urlencoded";
    auto reply =
        client.Send(route.method, Fill(route.pattern), route.method == "GET" ? "" : body, headers);
    SCOPED_TRACE(route.method + " " + route.pattern);
    if (api) {
      EXPECT_EQ(reply.status, 401);
      EXPECT_NE(reply.Header("content-type").find("application/problem+json"), std::string::npos);
    } else {
      EXPECT_EQ(reply.status, 303);
      EXPECT_EQ(reply.Header("location").rfind("/login?next=", 0), 0u) << reply.Header("location");
    }
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST_F(FoundationTest, EveryRouteRefusesALoggedInStranger) {
  // A person with no grant at all: no operator, employer, trainee or application of their own.
  app_->app().accounts().CreatePersonWithPassword("stranger@example.org", "Stranger",
                                                  app::kDemoPassword, {});
  TestClient stranger = app_->LoggedIn("stranger@example.org", app::kDemoPassword);
  int checked = 0;
  for (const auto& route : app_->app().router().routes()) {
    if (kPublic.count(route.pattern) || kOwnAccount.count(route.pattern) ||
        route.pattern.rfind("/static/", 0) == 0) {
      continue;
    }
    bool api = route.pattern.rfind("/api/", 0) == 0;
    std::map<std::string, std::string> headers{{"X-CSRF-Token", test::CsrfOf(stranger)}};
    headers["Content-Type"] = api ? "application/json" : "application/x-www-form-urlencoded";
    std::string body = api ? "{}" : "_csrf=" + test::CsrfOf(stranger);
    auto reply = stranger.Send(route.method, Fill(route.pattern), route.method == "GET" ? "" : body,
                               headers);
    SCOPED_TRACE(route.method + " " + route.pattern);
    if (kReference.count(route.pattern)) continue;
    if (route.method == "GET" && kFilteredLists.count(route.pattern)) {
      EXPECT_EQ(reply.status, 200);
      EXPECT_EQ(reply.body.find("KS"), std::string::npos) << "leaked an operator";
      EXPECT_EQ(reply.body.find("Romerike"), std::string::npos) << "leaked an operator";
      continue;
    }
    // An API write whose empty body names no target may fail validation first: nothing leaks.
    bool empty_write = api && route.method != "GET" && route.method != "DELETE" &&
                       route.pattern.find('{') == std::string::npos;
    if (empty_write && reply.status == 422) continue;
    EXPECT_TRUE(reply.status == 403 || reply.status == 404) << "status " << reply.status;
    EXPECT_EQ(reply.body.find("Bærum"), std::string::npos) << "leaked an employer's name";
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST_F(FoundationTest, FormWithoutCsrfTokenIsRefused) {
  TestClient client = app_->Anonymous();
  client.Get("/login");
  auto reply = client.Post("/login", "email=koordinator%40example.org&password=demo-passord-2026");
  EXPECT_EQ(reply.status, 403);
  EXPECT_FALSE(client.CookieValue("tp_session").has_value());
  auto wrong = client.Post("/login", "_csrf=forged&email=koordinator%40example.org&password=x");
  EXPECT_EQ(wrong.status, 403);
}

TEST_F(FoundationTest, ApiWithSessionNeedsCsrfHeaderForChanges) {
  TestClient client = app_->LoggedIn("koordinator@example.org", app::kDemoPassword);
  auto refused = client.Send("POST", "/api/v1/tokens", R"({"name":"x"})",
                             {{"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 403);
  auto allowed =
      client.Send("POST", "/api/v1/tokens", R"({"name":"x"})",
                  {{"Content-Type", "application/json"}, {"X-CSRF-Token", test::CsrfOf(client)}});
  EXPECT_EQ(allowed.status, 201);
}

TEST_F(FoundationTest, OversizedBodyGets413) {
  TestClient client = app_->Anonymous();
  std::string big(app_->app().config().body_limit_bytes + 10, 'a');
  auto reply = client.Post("/login", big);
  EXPECT_EQ(reply.status, 413);
}

TEST_F(FoundationTest, MalformedJsonGetsA400ProblemDocument) {
  TestClient client = app_->LoggedIn("koordinator@example.org", app::kDemoPassword);
  auto reply =
      client.Send("POST", "/api/v1/tokens", "{\"name\": ",
                  {{"Content-Type", "application/json"}, {"X-CSRF-Token", test::CsrfOf(client)}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_NE(reply.Header("content-type").find("application/problem+json"), std::string::npos);
  auto doc = boost::json::parse(reply.body).as_object();
  EXPECT_EQ(doc.at("status").as_int64(), 400);
  EXPECT_FALSE(doc.at("title").as_string().empty());
}

TEST_F(FoundationTest, UnknownRouteGetsA404PageAndAProblemForTheApi) {
  TestClient client = app_->Anonymous();
  auto page = client.Get("/no/such/page", {{"Accept-Language", "nb-NO"}});
  EXPECT_EQ(page.status, 404);
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("Fant ikke siden"), std::string::npos);
  auto api = client.Get("/api/v1/no-such-thing");
  EXPECT_EQ(api.status, 404);
  EXPECT_NE(api.Header("content-type").find("application/problem+json"), std::string::npos);
}

TEST_F(FoundationTest, SecurityHeadersAndRequestIdOnEveryResponse) {
  TestClient client = app_->Anonymous();
  for (const std::string path : {"/login", "/no/such/page", "/healthz", "/api/v1/openapi.json"}) {
    auto reply = client.Get(path);
    SCOPED_TRACE(path);
    EXPECT_NE(reply.Header("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
    EXPECT_EQ(reply.Header("content-security-policy").find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(reply.Header("referrer-policy").empty());
    EXPECT_FALSE(reply.Header("x-request-id").empty());
    EXPECT_TRUE(reply.Header("strict-transport-security").empty()) << "HSTS over plain http";
  }
}

TEST_F(FoundationTest, HealthReadinessMetricsAndOpenApi) {
  TestClient client = app_->Anonymous();
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.Get("/readyz").status, 200);
  client.Get("/login");
  auto metrics = client.Get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("tp_http_requests_total{"), std::string::npos);
  EXPECT_NE(metrics.body.find("route=\"/login\""), std::string::npos);
  EXPECT_NE(metrics.body.find("tp_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(metrics.body.find("tp_db_pool_size"), std::string::npos);
  auto openapi = client.Get("/api/v1/openapi.json");
  ASSERT_EQ(openapi.status, 200);
  auto doc = boost::json::parse(openapi.body).as_object();
  EXPECT_EQ(doc.at("openapi").as_string(), "3.0.3");
  const auto& paths = doc.at("paths").as_object();
  EXPECT_TRUE(paths.contains("/cohorts/{id}"));
  EXPECT_TRUE(paths.contains("/employers"));
  EXPECT_TRUE(paths.contains("/me"));
  // Every API route the server answers is described.
  for (const auto& route : app_->app().router().routes()) {
    if (route.pattern.rfind("/api/v1/", 0) != 0 || route.pattern == "/api/v1/openapi.json")
      continue;
    std::string key = route.pattern.substr(7);
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(c));
    SCOPED_TRACE(route.method + " " + route.pattern);
    ASSERT_TRUE(paths.contains(key));
    EXPECT_TRUE(paths.at(key).as_object().contains(method));
  }
}

TEST_F(FoundationTest, StaticFilesHaveContentHashUrlsAndLongCaching) {
  TestClient client = app_->Anonymous();
  auto page = client.Get("/login");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(page.body, m, std::regex("href=\"(/static/app\\.[0-9a-f]{8}\\.css)\"")));
  auto css = client.Get(m[1]);
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_NE(css.Header("content-type").find("text/css"), std::string::npos);
}

TEST_F(FoundationTest, LanguageFollowsAcceptLanguageAndTheChosenCookie) {
  TestClient client = app_->Anonymous();
  EXPECT_NE(client.Get("/login").body.find("Logg inn"), std::string::npos);
  auto english = client.Get("/login", {{"Accept-Language", "en-GB,en;q=0.9"}});
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(english.body.find("Log in"), std::string::npos);
  auto chosen = client.Get("/lang/nn?next=/login");
  EXPECT_EQ(chosen.status, 303);
  auto nynorsk = client.Get("/login", {{"Accept-Language", "en"}});
  EXPECT_NE(nynorsk.body.find("<html lang=\"nn\">"), std::string::npos);
  EXPECT_NE(nynorsk.body.find("Hopp til hovudinnhaldet"), std::string::npos);
  EXPECT_EQ(client.Get("/lang/de").status, 404);
}

TEST_F(FoundationTest, DemoLoginsAreListedInDemoMode) {
  auto page = app_->Anonymous().Get("/login");
  EXPECT_NE(page.body.find("koordinator@example.org"), std::string::npos);
  EXPECT_NE(page.body.find(app::kDemoPassword), std::string::npos);
}

TEST_F(FoundationTest, CoordinatorSeesTheCohortAndItsEmployers) {
  TestClient coordinator = app_->LoggedIn("koordinator@example.org", app::kDemoPassword);
  auto home = coordinator.Get("/");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(home.body, m, std::regex("href=\"(/cohorts/[0-9]+)\">Kull 5<")));
  auto cohort = coordinator.Get(m[1]);
  ASSERT_EQ(cohort.status, 200);
  EXPECT_NE(cohort.body.find("69\u00a0000\u00a0kr"), std::string::npos);
  EXPECT_NE(cohort.body.find("17.11.2010"), std::string::npos);
  EXPECT_NE(cohort.body.find("Bærum kommune"), std::string::npos);
  EXPECT_NE(cohort.body.find("Trondheim kommune"), std::string::npos);
}

TEST(FoundationNoDemo, DemoLoginsAreNotListedOutsideDemoMode) {
  TestApp app(/*demo_mode=*/false);
  auto page = app.Anonymous().Get("/login");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("koordinator@example.org"), std::string::npos);
  EXPECT_EQ(page.body.find(app::kDemoPassword), std::string::npos);
}

}  // namespace
}  // namespace tp

namespace tp {
namespace {

TEST(FoundationNavigation, OnlyTheClosestMenuLinkIsCurrent) {
  TestApp app(/*demo_mode=*/true);
  auto admin = app.LoggedIn("ks.admin@example.org", app::kDemoPassword);
  auto page = admin.Get("/operators/1/people");
  ASSERT_EQ(page.status, 200);
  std::regex current("aria-current=\"page\"");
  auto count = std::distance(std::sregex_iterator(page.body.begin(), page.body.end(), current),
                             std::sregex_iterator());
  EXPECT_EQ(count, 1);
  EXPECT_NE(page.body.find("href=\"/operators/1/people\" aria-current=\"page\""),
            std::string::npos);
}

}  // namespace
}  // namespace tp

namespace tp {
namespace {

TEST(FoundationApiPaging, ShortListsArePagedToo) {
  TestApp app(/*demo_mode=*/true);
  auto admin = app.LoggedIn("admin@example.org", app::kDemoPassword);
  auto first = boost::json::parse(admin.Get("/api/v1/cohorts?per_page=2").body).as_object();
  EXPECT_EQ(first.at("total").as_int64(), 6);  // Kull 5, Kull 21 and the four Romerike cohorts
  EXPECT_EQ(first.at("items").as_array().size(), 2u);
  auto last = boost::json::parse(admin.Get("/api/v1/cohorts?per_page=2&page=3").body).as_object();
  EXPECT_EQ(last.at("items").as_array().size(), 2u);
  EXPECT_EQ(last.at("page").as_int64(), 3);
  auto municipalities = boost::json::parse(admin.Get("/api/v1/municipalities").body).as_object();
  EXPECT_EQ(municipalities.at("total").as_int64(), 357);
  EXPECT_EQ(municipalities.at("items").as_array().size(), 25u);
}

}  // namespace
}  // namespace tp
