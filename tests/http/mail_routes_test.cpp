#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <thread>

#include "app/app.h"
#include "app/jobs.h"
#include "services/accounts/account_service.h"
#include "services/mail/delivery.h"
#include "services/mail/mail_service.h"
#include "storage/database.h"
#include "storage/mail/outbox_repository.h"
#include "support/forms.h"
#include "support/mail_smtp_server.h"
#include "support/test_app.h"
#include "support/test_database.h"
#include "web/mail/email_renderer.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";

class MailHttp : public ::testing::Test {
 protected:
  MailHttp() {
    kari_ = accounts().CreatePersonWithPassword("kari@kommune.no", "Kari Nordmann", kPassword, {});
    ola_ = accounts().CreatePersonWithPassword("ola@kommune.no", "Ola Engelsk", kPassword, {});
    accounts().CreateSystemAdmin("root@example.no", "Root", kPassword);
  }
  services::AccountService& accounts() { return app_.app().accounts(); }

  // The newest outbox row to `to`.
  domain::OutboxMessage Latest(const std::string& to) {
    auto box = accounts().ListOutbox(to, {});
    if (box.items.empty()) throw std::runtime_error("no e-mail to " + to);
    return box.items.front();
  }

  test::TestApp app_;
  std::int64_t kari_ = 0, ola_ = 0;
};

TEST(EmailTemplateLayout, FirstLineIsTheSubjectThenABlankLineThenTheBody) {
  auto mail = web::SplitEmail("Emne her\n\nHei,\n\ntekst\n", "fallback");
  EXPECT_EQ(mail.subject, "Emne her");
  EXPECT_EQ(mail.body, "Hei,\n\ntekst\n");
  auto no_subject = web::SplitEmail("Bare tekst\nmer tekst\n", "fallback");
  EXPECT_EQ(no_subject.subject, "fallback");
  EXPECT_EQ(no_subject.body, "Bare tekst\nmer tekst\n");
}

TEST_F(MailHttp, AccountMailsAreRenderedFromTemplatesInTheRecipientsLanguage) {
  // Ola reads English; Kari has no choice and gets bokmål.
  TestClient ola = app_.LoggedIn("ola@kommune.no", kPassword);
  auto lang = ola.Post("/account/language", test::FormBody(ola, {{"lang", "en"}}));
  ASSERT_EQ(lang.status, 303);
  for (const char* who : {"kari@kommune.no", "ola@kommune.no"}) {
    TestClient c = app_.Anonymous();
    c.Get("/password/forgot");
    ASSERT_EQ(c.Post("/password/forgot", test::FormBody(c, {{"email", who}})).status, 303);
  }
  auto kari = Latest("kari@kommune.no");
  EXPECT_EQ(kari.kind, "accounts/password_reset");
  EXPECT_EQ(kari.subject, "Tilbakestill passordet ditt");
  EXPECT_EQ(kari.body_text.rfind("Hei Kari Nordmann,\n", 0), 0u) << kari.body_text;
  EXPECT_NE(kari.body_text.find("/password/reset/"), std::string::npos);
  auto ola_mail = Latest("ola@kommune.no");
  EXPECT_EQ(ola_mail.subject, "Reset your password");
  EXPECT_EQ(ola_mail.body_text.rfind("Hello Ola Engelsk,\n", 0), 0u) << ola_mail.body_text;

  // Role names are translated in invitations.
  domain::Actor root;
  root.person_id = accounts().CreateSystemAdmin("root2@example.no", "Root To", kPassword);
  root.name = "Root To";
  root.email = "root2@example.no";
  root.grants.push_back({Role::kSystemAdmin, 0});
  accounts().Invite(root, "ny@kommune.no", "Ny Person", {{Role::kSystemAdmin, 0}});
  auto invite = Latest("ny@kommune.no");
  EXPECT_EQ(invite.kind, "accounts/invitation");
  EXPECT_EQ(invite.subject, "Invitasjon til traineeportalen");
  EXPECT_NE(invite.body_text.find("Root To"), std::string::npos) << invite.body_text;
  EXPECT_NE(invite.body_text.find("Systemadministrator"), std::string::npos) << invite.body_text;
  EXPECT_NE(invite.body_text.find("/invitation/"), std::string::npos);
}

TEST_F(MailHttp, ARenderedMailArrivesOverSmtp) {
  test::SmtpTestServer server;
  // An address unique to this run: the test command's server is shared by parallel suites.
  const std::string to =
      "smtp." + std::to_string(getpid()) + "." + std::to_string(std::time(nullptr)) + "@kommune.no";
  accounts().CreatePersonWithPassword(to, "Åse Ærlig Øvre", kPassword, {});
  accounts().RequestPasswordReset(to);
  services::SmtpSettings smtp;
  smtp.port = server.port();
  smtp.from = "portal@trainee.example.no";
  services::MailDelivery delivery(app_.app().database(), smtp);
  EXPECT_GE(delivery.RunOnce().sent, 1);
  auto got = server.MessagesTo(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].subject, "Tilbakestill passordet ditt");
  EXPECT_EQ(got[0].headers["to"], to);
  EXPECT_EQ(got[0].body.rfind("Hei Åse Ærlig Øvre,\n", 0), 0u) << got[0].body;
  EXPECT_NE(got[0].body.find("/password/reset/"), std::string::npos);
  EXPECT_TRUE(Latest(to).sent_at.has_value());
}

TEST_F(MailHttp, MyEmailsPagesShowOnlyMyOwnMail) {
  accounts().RequestPasswordReset("kari@kommune.no");
  accounts().RequestPasswordReset("ola@kommune.no");
  const auto karis = Latest("kari@kommune.no").id;
  const auto olas = Latest("ola@kommune.no").id;

  TestClient anon = app_.Anonymous();
  auto refused = anon.Get("/account/emails");
  EXPECT_EQ(refused.status, 303);
  EXPECT_NE(refused.Header("location").find("/login?next="), std::string::npos);
  EXPECT_EQ(anon.Get("/api/v1/me/emails").status, 401);

  TestClient kari = app_.LoggedIn("kari@kommune.no", kPassword);
  auto list = kari.Get("/account/emails");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Mine e-poster"), std::string::npos);
  EXPECT_NE(list.body.find("Tilbakestill passordet ditt"), std::string::npos);
  EXPECT_NE(list.body.find("/account/emails/" + std::to_string(karis)), std::string::npos);
  EXPECT_EQ(list.body.find("/account/emails/" + std::to_string(olas) + "\""), std::string::npos);
  EXPECT_NE(list.body.find("Venter"), std::string::npos);  // not delivered yet

  auto one = kari.Get("/account/emails/" + std::to_string(karis));
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("Hei Kari Nordmann,"), std::string::npos);
  EXPECT_NE(one.body.find("/password/reset/"), std::string::npos);
  EXPECT_EQ(one.body.find("Send på nytt nå"), std::string::npos);  // no outbox controls
  EXPECT_EQ(kari.Get("/account/emails/" + std::to_string(olas)).status, 404);
  EXPECT_EQ(kari.Get("/account/emails/999999").status, 404);

  auto api = kari.Get("/api/v1/me/emails?per_page=1");
  ASSERT_EQ(api.status, 200);
  auto page = boost::json::parse(api.body).as_object();
  EXPECT_EQ(page.at("total").as_int64(), 1);
  EXPECT_EQ(page.at("per_page").as_int64(), 1);
  auto item = page.at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("id").as_int64(), karis);
  EXPECT_EQ(item.at("status").as_string(), "waiting");
  EXPECT_FALSE(item.contains("last_error"));
  auto detail = kari.Get("/api/v1/me/emails/" + std::to_string(karis));
  ASSERT_EQ(detail.status, 200);
  EXPECT_NE(boost::json::parse(detail.body).at("body").as_string().find("/password/reset/"),
            std::string::npos);
  EXPECT_EQ(kari.Get("/api/v1/me/emails/" + std::to_string(olas)).status, 404);
}

TEST_F(MailHttp, OutboxIsForSystemAdminsWhoCanSendAFailedMailAgain) {
  accounts().RequestPasswordReset("kari@kommune.no");
  const auto id = Latest("kari@kommune.no").id;
  // Delivery gave up on it.
  app_.app().database().Transact([&](storage::Tx& tx) {
    storage::OutboxRepository(tx).MarkAttemptFailed(id, "550 <b>mailbox</b> unavailable",
                                                    2000000000, 1700000000);
  });

  TestClient kari = app_.LoggedIn("kari@kommune.no", kPassword);
  EXPECT_EQ(kari.Get("/outbox").status, 403);
  EXPECT_EQ(kari.Get("/outbox/" + std::to_string(id)).status, 403);
  EXPECT_EQ(kari.Get("/api/v1/outbox").status, 403);
  EXPECT_EQ(
      kari.Post("/outbox/" + std::to_string(id) + "/send-again", test::FormBody(kari, {})).status,
      403);

  TestClient root = app_.LoggedIn("root@example.no", kPassword);
  auto list = root.Get("/outbox?to=kari%40kommune.no");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Feilet"), std::string::npos);
  // The server's reply is shown, escaped.
  EXPECT_NE(list.body.find("550 &lt;b&gt;mailbox&lt;/b&gt; unavailable"), std::string::npos);
  EXPECT_EQ(list.body.find("<b>mailbox"), std::string::npos);
  EXPECT_EQ(list.body.find("ola@kommune.no"), std::string::npos);

  auto api = root.Get("/api/v1/outbox?to=kari@kommune.no");
  ASSERT_EQ(api.status, 200);
  auto page = boost::json::parse(api.body).as_object();
  EXPECT_EQ(page.at("total").as_int64(), 1);
  auto item = page.at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("status").as_string(), "failed");
  EXPECT_EQ(item.at("attempts").as_int64(), 1);
  EXPECT_EQ(item.at("last_error").as_string(), "550 <b>mailbox</b> unavailable");

  auto one = root.Get("/outbox/" + std::to_string(id));
  ASSERT_EQ(one.status, 200);
  EXPECT_NE(one.body.find("Send på nytt nå"), std::string::npos);
  // Without the CSRF token the button does nothing.
  EXPECT_EQ(
      root.Post("/outbox/" + std::to_string(id) + "/send-again", test::FormBody(root, {}, false))
          .status,
      403);
  auto again = root.Post("/outbox/" + std::to_string(id) + "/send-again", test::FormBody(root, {}));
  EXPECT_EQ(again.status, 303);
  auto row = Latest("kari@kommune.no");
  EXPECT_EQ(row.attempts, 0);
  EXPECT_FALSE(row.failed_at.has_value());
  EXPECT_EQ(domain::OutboxStatus(row), "waiting");
  EXPECT_EQ(root.Post("/outbox/999999/send-again", test::FormBody(root, {})).status, 404);
}

TEST(MailJobs, PeriodicJobsRunUntilStopped) {
  app::Jobs jobs;
  std::atomic<int> fast{0}, slow{0};
  jobs.AddPeriodic("fast", std::chrono::milliseconds(10), [&] { ++fast; });
  jobs.AddPeriodic("slow", std::chrono::hours(1), [&] {
    ++slow;
    throw std::runtime_error("a failing job does not stop the others");
  });
  jobs.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (fast < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto before_stop = std::chrono::steady_clock::now();
  jobs.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before_stop, std::chrono::seconds(1));
  EXPECT_GE(fast.load(), 3);
  EXPECT_EQ(slow.load(), 1);  // ran at start, next turn in an hour
  const int after = fast;
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(fast.load(), after);
}

TEST(MailApp, TheServerSendsTheOutboxInTheBackground) {
  test::SmtpTestServer server;
  test::TempDatabase database;
  app::Config config;
  config.database_url = database.url();
  config.listen_port = 0;
  config.migrate = true;
  config.db_pool_size = 2;
  config.worker_threads = 2;
  config.smtp_port = server.port();
  config.smtp_from = "portal@trainee.example.no";
  config.mail_interval_seconds = 1;
  auto app = std::make_unique<app::App>(config);
  const std::string to = "background." + std::to_string(getpid()) + "." +
                         std::to_string(std::time(nullptr)) + "@kommune.no";
  app->accounts().CreatePersonWithPassword(to, "Bakgrunn", kPassword, {});
  std::thread serving([&] { app->Run(); });
  app->accounts().RequestPasswordReset(to);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.MessagesTo(to).empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  app->Stop();
  serving.join();
  auto got = server.MessagesTo(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].subject, "Tilbakestill passordet ditt");
  EXPECT_TRUE(app->accounts().ListOutbox(to, {}).items.front().sent_at.has_value());
}

}  // namespace
}  // namespace tp
