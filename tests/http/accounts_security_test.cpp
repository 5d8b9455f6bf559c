// Login throttling, client addresses behind proxies, /metrics access, session and CSRF
// rotation, one-time links, and the demo mode's e-mail settings, through the whole app.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>

#include <algorithm>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <functional>
#include <regex>
#include <thread>

#include "app/app.h"
#include "app/config.h"
#include "app/jobs.h"
#include "http/log.h"
#include "services/accounts/account_service.h"
#include "support/forms.h"
#include "support/http_client.h"
#include "support/test_app.h"
#include "support/test_database.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";
const std::string kWrong = "feil-passord-1";

// The whole app on a fresh database, with settings given as a config file would give them.
class SecurityApp {
 public:
  explicit SecurityApp(const std::string& settings = "") {
    app::Config config;
    app::ApplyConfigText(config, settings, "test.conf");
    config.database_url = database_.url();
    config.listen_port = 0;
    config.migrate = true;
    config.db_pool_size = 4;
    if (!config.demo) config.mail_delivery = false;  // the demo test checks the demo rule
    app_ = std::make_unique<app::App>(config);
    thread_ = std::thread([this] { app_->Run(); });
  }
  ~SecurityApp() {
    app_->Stop();
    thread_.join();
  }
  app::App& app() { return *app_; }
  TestClient Client() { return TestClient(app_->port()); }

 private:
  test::TempDatabase database_;
  std::unique_ptr<app::App> app_;
  std::thread thread_;
};

std::string Encode(const std::string& s) {
  return boost::urls::encode(s, boost::urls::unreserved_chars);
}

// Posts the login form (fetching it first for the CSRF cookie); returns the status.
int LogIn(TestClient& c, const std::string& email, const std::string& password,
          std::map<std::string, std::string> headers = {}) {
  if (!c.CookieValue("tp_csrf")) c.Get("/login", headers);
  return c
      .Post("/login",
            "_csrf=" + Encode(test::CsrfOf(c)) + "&email=" + Encode(email) +
                "&password=" + Encode(password),
            "application/x-www-form-urlencoded", headers)
      .status;
}

std::string LinkIn(services::AccountService& accounts, const std::string& to,
                   const std::string& prefix, std::size_t index = 0) {
  auto box = accounts.ListOutbox(to, {});
  if (box.items.size() <= index) return "";
  std::smatch m;
  std::regex re("https?://[^/\\s]+(" + prefix + "[A-Za-z0-9_-]+)");
  if (!std::regex_search(box.items[index].body_text, m, re)) return "";
  return m[1].str();
}

class AccountsSecurity : public ::testing::Test {
 protected:
  void People(SecurityApp& app) {
    app.app().accounts().CreatePersonWithPassword("eier@ks.no", "Eva Eier", kPassword, {});
    app.app().accounts().CreatePersonWithPassword("annen@ks.no", "Ola Annen", kPassword, {});
  }
};

// ------------------------------------------------------------------------ item 6: throttling

TEST_F(AccountsSecurity, ADifferentUserLogsInFromAnAddressThatHammeredOtherAccounts) {
  SecurityApp app;
  People(app);
  auto attacker = app.Client();
  // Well past the old limit of 20 failures per address, spread over many accounts.
  for (int i = 0; i < 24; ++i) LogIn(attacker, "person" + std::to_string(i % 8) + "@ks.no", kWrong);
  auto owner = app.Client();  // same address (127.0.0.1), another person
  EXPECT_EQ(LogIn(owner, "eier@ks.no", kPassword), 303);
  EXPECT_TRUE(owner.CookieValue("tp_session"));
  // The accounts the address failed on wait.
  EXPECT_EQ(LogIn(attacker, "person1@ks.no", kWrong), 429);
}

TEST_F(AccountsSecurity, ADeviceCookieLogsInWhileItsAccountIsUnderAttack) {
  SecurityApp app;
  People(app);
  auto browser = app.Client();
  ASSERT_EQ(LogIn(browser, "eier@ks.no", kPassword), 303);
  auto device = browser.CookieValue("tp_device");
  ASSERT_TRUE(device);
  ASSERT_GE(device->size(), 40u);
  ASSERT_EQ(browser.Post("/logout", test::FormBody(browser, {})).status, 303);

  // An attacker at the same address (NAT, or an untrusted proxy) hammers the account.
  auto attacker = app.Client();
  for (int i = 0; i < 8; ++i) LogIn(attacker, "eier@ks.no", kWrong);
  EXPECT_EQ(LogIn(attacker, "eier@ks.no", kPassword), 429);
  auto stranger = app.Client();
  EXPECT_EQ(LogIn(stranger, "eier@ks.no", kPassword), 429);

  // The owner's browser is known to the account: it is let in, and keeps its device cookie.
  EXPECT_EQ(LogIn(browser, "eier@ks.no", kPassword), 303);
  EXPECT_TRUE(browser.CookieValue("tp_session"));
  EXPECT_EQ(browser.CookieValue("tp_device"), device);
  // A device cookie of one account does not exempt another account.
  auto other = app.Client();
  for (int i = 0; i < 8; ++i) LogIn(other, "annen@ks.no", kWrong);
  browser.ClearCookies();
  browser.SetCookie("tp_device", *device);
  EXPECT_EQ(LogIn(browser, "annen@ks.no", kPassword), 429);
}

TEST_F(AccountsSecurity, ForwardedForIsIgnoredFromAnUntrustedPeer) {
  SecurityApp app;  // trusted_proxies empty: the peer is the client
  People(app);
  auto attacker = app.Client();
  for (int i = 0; i < 8; ++i)
    LogIn(attacker, "eier@ks.no", kWrong, {{"X-Forwarded-For", "203.0.113.5"}});
  auto owner = app.Client();
  // Claiming to be someone else does not escape the throttle of the real address.
  EXPECT_EQ(LogIn(owner, "eier@ks.no", kPassword, {{"X-Forwarded-For", "198.51.100.7"}}), 429);
  EXPECT_EQ(LogIn(owner, "eier@ks.no", kPassword, {{"Forwarded", "for=198.51.100.7"}}), 429);
}

TEST_F(AccountsSecurity, ForwardedForIsBelievedFromATrustedProxy) {
  SecurityApp app("trusted_proxies = 10.0.0.0/8, 127.0.0.1\n");
  People(app);
  auto attacker = app.Client();
  for (int i = 0; i < 8; ++i)
    LogIn(attacker, "eier@ks.no", kWrong, {{"X-Forwarded-For", "203.0.113.5"}});
  EXPECT_EQ(LogIn(attacker, "eier@ks.no", kPassword, {{"X-Forwarded-For", "203.0.113.5"}}), 429);
  // The owner comes through the same proxy from another address.
  auto owner = app.Client();
  EXPECT_EQ(
      LogIn(owner, "eier@ks.no", kPassword, {{"X-Forwarded-For", "203.0.113.5, 198.51.100.7"}}),
      303);
}

TEST_F(AccountsSecurity, TheAccessLogShowsTheClientBehindATrustedProxy) {
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(100);
  sink->set_pattern("%v");
  {
    SecurityApp app("trusted_proxies = 127.0.0.1\n");
    http::Logger().sinks().push_back(sink);
    auto c = app.Client();
    c.Get("/healthz", {{"X-Forwarded-For", "198.51.100.7"}});
    c.Get("/no/such/page", {{"X-Forwarded-For", "198.51.100.8"}});
  }
  {
    SecurityApp app;
    auto c = app.Client();
    c.Get("/healthz", {{"X-Forwarded-For", "198.51.100.9"}});
  }
  auto& sinks = http::Logger().sinks();
  sinks.erase(std::remove(sinks.begin(), sinks.end(), sink), sinks.end());
  std::string log;
  for (const auto& line : sink->last_formatted()) log += line + "\n";
  EXPECT_NE(log.find("\"path\":\"/healthz\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"remote\":\"198.51.100.7\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"remote\":\"198.51.100.8\""), std::string::npos) << log;
  EXPECT_EQ(log.find("\"remote\":\"198.51.100.9\""), std::string::npos) << log;
}

// ------------------------------------------------------------------------ item 11: /metrics

TEST_F(AccountsSecurity, MetricsOnlyForAllowedAddressesOrTheToken) {
  {
    SecurityApp app("trusted_proxies = 127.0.0.1\nmetrics_token = a-long-metrics-secret\n");
    auto c = app.Client();
    EXPECT_EQ(c.Get("/metrics").status, 200);  // loopback, nothing forwarded
    // A proxy on loopback forwarding an outside client does not open it.
    auto outside = c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"}});
    EXPECT_EQ(outside.status, 404);
    EXPECT_EQ(outside.body.find("tp_http_requests_total"), std::string::npos);
    EXPECT_EQ(c.Get("/metrics", {{"Forwarded", "for=203.0.113.5"}}).status, 404);
    EXPECT_EQ(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"},
                                 {"Authorization", "Bearer a-long-metrics-secret"}})
                  .status,
              200);
    EXPECT_EQ(c.Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"},
                                 {"Authorization", "Bearer a-long-metrics-secreT"}})
                  .status,
              404);
  }
  {
    SecurityApp app("metrics_allow = 10.0.0.0/8\n");
    auto c = app.Client();
    EXPECT_EQ(c.Get("/metrics").status, 404);
    // No token configured: a bearer header opens nothing.
    EXPECT_EQ(c.Get("/metrics", {{"Authorization", "Bearer "}}).status, 404);
  }
}

// ------------------------------------------------------------ item 10: sessions and links

TEST_F(AccountsSecurity, LoginAndLogoutRotateSessionAndCsrf) {
  SecurityApp app;
  People(app);
  auto c = app.Client();
  c.Get("/login");
  auto csrf_before = c.CookieValue("tp_csrf");
  ASSERT_TRUE(csrf_before);
  ASSERT_EQ(LogIn(c, "eier@ks.no", kPassword), 303);
  auto first = c.CookieValue("tp_session");
  auto csrf_first = c.CookieValue("tp_csrf");
  ASSERT_TRUE(first);
  EXPECT_NE(csrf_first, csrf_before);
  // Logging in again (as someone else) from the same browser: a new session, the old one ends.
  ASSERT_EQ(c.Post("/login", test::FormBody(c, {{"email", "annen@ks.no"}, {"password", kPassword}}))
                .status,
            303);
  auto second = c.CookieValue("tp_session");
  ASSERT_TRUE(second);
  EXPECT_NE(second, first);
  EXPECT_NE(c.CookieValue("tp_csrf"), csrf_first);
  auto stale = app.Client();
  stale.SetCookie("tp_session", *first);
  EXPECT_EQ(stale.Get("/account").status, 303);  // sent to the login page

  auto csrf_in = c.CookieValue("tp_csrf");
  ASSERT_EQ(c.Post("/logout", test::FormBody(c, {})).status, 303);
  EXPECT_FALSE(c.CookieValue("tp_session"));
  EXPECT_TRUE(c.CookieValue("tp_csrf"));
  EXPECT_NE(c.CookieValue("tp_csrf"), csrf_in);
}

TEST_F(AccountsSecurity, UsingOneResetLinkEndsTheOthers) {
  SecurityApp app;
  People(app);
  auto& accounts = app.app().accounts();
  accounts.RequestPasswordReset("eier@ks.no");
  accounts.RequestPasswordReset("eier@ks.no");
  auto newer = LinkIn(accounts, "eier@ks.no", "/password/reset/", 0);
  auto older = LinkIn(accounts, "eier@ks.no", "/password/reset/", 1);
  ASSERT_FALSE(newer.empty());
  ASSERT_FALSE(older.empty());
  ASSERT_NE(newer, older);
  auto c = app.Client();
  c.Get(newer);
  auto used = c.Post(newer, test::FormBody(c, {{"new_password", "nytt-passord-22"},
                                               {"new_password_confirm", "nytt-passord-22"}}));
  ASSERT_EQ(used.status, 303);
  EXPECT_FALSE(accounts.IsResetTokenValid(older.substr(older.rfind('/') + 1)));
  auto again = c.Post(older, test::FormBody(c, {{"new_password", "tredje-passord-3"},
                                                {"new_password_confirm", "tredje-passord-3"}}));
  EXPECT_NE(again.status, 303);
  EXPECT_EQ(LogIn(c, "eier@ks.no", "nytt-passord-22"), 303);

  // A password change also ends the links sent before it.
  accounts.RequestPasswordReset("eier@ks.no");
  auto pending = LinkIn(accounts, "eier@ks.no", "/password/reset/", 0);
  ASSERT_TRUE(accounts.IsResetTokenValid(pending.substr(pending.rfind('/') + 1)));
  auto changed = c.Post("/account/password",
                        test::FormBody(c, {{"current_password", "nytt-passord-22"},
                                           {"new_password", "fjerde-passord-4"},
                                           {"new_password_confirm", "fjerde-passord-4"}}));
  ASSERT_LT(changed.status, 400) << changed.body;
  EXPECT_FALSE(accounts.IsResetTokenValid(pending.substr(pending.rfind('/') + 1)));
}

TEST_F(AccountsSecurity, AGrantOrRevokeRotatesThePersonsSession) {
  SecurityApp app;
  auto& accounts = app.app().accounts();
  accounts.CreateSystemAdmin("admin@ks.no", "Ada Admin", kPassword);
  auto person = accounts.CreatePersonWithPassword("eier@ks.no", "Eva Eier", kPassword, {});
  auto admin = app.Client();
  ASSERT_EQ(LogIn(admin, "admin@ks.no", kPassword), 303);
  auto owner = app.Client();
  ASSERT_EQ(LogIn(owner, "eier@ks.no", kPassword), 303);
  auto before = owner.CookieValue("tp_session");
  ASSERT_TRUE(before);
  EXPECT_EQ(owner.Get("/account").status, 200);
  EXPECT_EQ(owner.CookieValue("tp_session"), before);  // nothing changed, nothing rotated

  auto actor = accounts.ResolveSession(*admin.CookieValue("tp_session"));
  ASSERT_TRUE(actor);
  ASSERT_TRUE(accounts.Grant(*actor, person, Role::kApplicant, 0));
  auto page = owner.Get("/account");
  EXPECT_EQ(page.status, 200);
  auto after = owner.CookieValue("tp_session");
  ASSERT_TRUE(after);
  EXPECT_NE(after, before);
  auto stale = app.Client();
  stale.SetCookie("tp_session", *before);
  EXPECT_EQ(stale.Get("/account").status, 303);
  EXPECT_EQ(owner.Get("/account").status, 200);  // the new id works

  accounts.Revoke(*actor, person, Role::kApplicant, 0);
  EXPECT_EQ(owner.Get("/account").status, 200);
  EXPECT_NE(owner.CookieValue("tp_session"), after);
  stale.SetCookie("tp_session", *after);
  EXPECT_EQ(stale.Get("/account").status, 303);
  // The API rotates a browser session too.
  auto before_api = owner.CookieValue("tp_session");
  ASSERT_TRUE(accounts.Grant(*actor, person, Role::kApplicant, 0));
  EXPECT_EQ(owner.Get("/api/v1/me").status, 200);
  EXPECT_NE(owner.CookieValue("tp_session"), before_api);
  stale.SetCookie("tp_session", *before_api);
  EXPECT_EQ(stale.Get("/api/v1/me").status, 401);
  EXPECT_EQ(owner.Get("/api/v1/me").status, 200);
  // The admin's own session is untouched by changes to someone else.
  EXPECT_EQ(admin.Get("/account").status, 200);
}

// ------------------------------------------------------------------------ item 16: demo mail

TEST_F(AccountsSecurity, DemoModeQueuesMailUnlessAnSmtpHostIsSet) {
  {
    SecurityApp app("demo = true\n");
    EXPECT_FALSE(app.app().config().MailDeliveryOn());
    EXPECT_EQ(app.app().jobs().size(), 1u);  // retention only, no delivery
  }
  {
    SecurityApp app("demo = true\nsmtp_host = 127.0.0.1\nsmtp_port = 9\n");
    EXPECT_TRUE(app.app().config().MailDeliveryOn());
    EXPECT_EQ(app.app().jobs().size(), 2u);  // retention and delivery
  }
}

}  // namespace
}  // namespace tp
