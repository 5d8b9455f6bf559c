#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <thread>

#include "domain/errors.h"
#include "domain/mail/outbox.h"
#include "services/mail/delivery.h"
#include "services/mail/mail_service.h"
#include "services/mail/mailer.h"
#include "services/mail/smtp.h"
#include "storage/mail/outbox_repository.h"
#include "support/mail_smtp_server.h"
#include "support/test_database.h"

namespace tp {
namespace {

const std::string kSubject =
    "Søknaden din er mottatt – æøå ÆØÅ, og dette emnet er langt nok til å brettes";
const std::string kBody =
    "Hei Åse,\n\næøå ÆØÅ\n.en linje som starter med punktum\n"
    "En lang linje som må brytes mykt i quoted-printable fordi den er mye lengre enn "
    "syttiseks tegn, med = og æøå underveis.\nSlutt med mellomrom \n";

// A recipient no other test (or the other database's run of this suite) uses.
std::string UniqueAddress(const std::string& who) {
  static std::atomic<int> n{0};
  static const auto salt = std::random_device{}();
  return who + "." + std::to_string(getpid()) + "." + std::to_string(salt) + "." +
         std::to_string(++n) + "@example.no";
}

services::EmailContent FixedContent(const std::string&, const std::string&,
                                    const std::map<std::string, std::string>&) {
  return {kSubject, kBody};
}

class MailDeliveryTest : public ::testing::Test {
 protected:
  MailDeliveryTest() : db_(test::FreshDatabase()) { mailer_.SetRenderer(FixedContent); }

  std::int64_t Queue(const std::string& to) {
    std::int64_t id = 0;
    db_->Transact([&](storage::Tx& tx) {
      id = mailer_.Queue(tx, to, "nb", "test/kind", {{"name", "Åse"}}, now_);
    });
    return id;
  }

  domain::OutboxMessage Row(std::int64_t id) {
    std::optional<domain::OutboxMessage> m;
    db_->Read([&](storage::Tx& tx) { m = storage::OutboxRepository(tx).FindById(id); });
    if (!m) throw std::runtime_error("no outbox row " + std::to_string(id));
    return *m;
  }

  services::MailDelivery Delivery(unsigned short port, int max_attempts = 10) {
    services::SmtpSettings smtp;
    smtp.host = "127.0.0.1";
    smtp.port = port;
    smtp.from = "portal@trainee.example.no";
    smtp.timeout_seconds = 10;
    services::DeliverySettings settings;
    settings.max_attempts = max_attempts;
    settings.clock = [this] { return now_; };
    return services::MailDelivery(*db_, smtp, settings);
  }

  std::int64_t now_ = 1780000000;  // 2026-05-28
  test::TestDatabase db_;
  services::Mailer mailer_;
};

TEST(MailRules, BackOffDoublesFromOneMinuteUpToSixHours) {
  EXPECT_EQ(domain::RetryDelaySeconds(1), 60);
  EXPECT_EQ(domain::RetryDelaySeconds(2), 120);
  EXPECT_EQ(domain::RetryDelaySeconds(3), 240);
  EXPECT_EQ(domain::RetryDelaySeconds(9), 60 * 256);
  EXPECT_EQ(domain::RetryDelaySeconds(10), 6 * 3600);
  EXPECT_EQ(domain::RetryDelaySeconds(40), 6 * 3600);
}

TEST(MailRules, MessageIsRfc5322WithEncodedSubjectAndQuotedPrintableBody) {
  const auto m = services::BuildMessage("portal@x.no", "kari@y.no", kSubject, kBody, 1780000000,
                                        "outbox-1.2@x.no");
  EXPECT_NE(m.find("Date: Thu, 28 May 2026 20:26:40 +0000\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("From: portal@x.no\r\n"), std::string::npos);
  EXPECT_NE(m.find("To: kari@y.no\r\n"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <outbox-1.2@x.no>\r\n"), std::string::npos);
  EXPECT_NE(m.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(m.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  // Only 7-bit text, no line longer than 78 characters, no bare LF.
  std::size_t line = 0;
  for (std::size_t i = 0; i < m.size(); ++i) {
    ASSERT_LT(static_cast<unsigned char>(m[i]), 0x80) << "at " << i;
    if (m[i] == '\n') {
      ASSERT_GT(i, 0u);
      ASSERT_EQ(m[i - 1], '\r');
      line = 0;
    } else if (m[i] != '\r') {
      ASSERT_LE(++line, 78u) << m;
    }
  }
  auto split = m.find("\r\n\r\n");
  EXPECT_EQ(test::DecodeQuotedPrintable(m.substr(split + 4)), kBody);
  EXPECT_EQ(services::EncodeHeaderWord("Plain subject"), "Plain subject");
  EXPECT_EQ(test::DecodeHeader(services::EncodeHeaderWord(kSubject)), kSubject);
  // A line break in a header value never starts a new header.
  EXPECT_EQ(services::EncodeHeaderWord("a\r\nBcc: x@y.no").find('\n'), std::string::npos);
}

TEST_F(MailDeliveryTest, DeliversQueuedMailToTheSmtpServer) {
  test::SmtpTestServer server;
  const auto to_a = UniqueAddress("ase"), to_b = UniqueAddress("bjorn");
  const auto a = Queue(to_a), b = Queue(to_b);
  auto delivery = Delivery(server.port());

  auto report = delivery.RunOnce();
  EXPECT_EQ(report.sent, 2);
  EXPECT_EQ(report.failed, 0);
  EXPECT_EQ(Row(a).sent_at, now_);
  EXPECT_EQ(Row(b).sent_at, now_);
  EXPECT_EQ(domain::OutboxStatus(Row(a)), "sent");

  auto got = server.MessagesTo(to_a);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].mail_from, "portal@trainee.example.no");
  EXPECT_EQ(got[0].rcpt_tos, std::vector<std::string>{to_a});
  EXPECT_EQ(got[0].headers["to"], to_a);
  EXPECT_EQ(got[0].headers["from"], "portal@trainee.example.no");
  EXPECT_EQ(got[0].subject, kSubject);
  EXPECT_EQ(got[0].body, kBody);
  EXPECT_NE(got[0].body.find("æøå"), std::string::npos);
  EXPECT_EQ(got[0].headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(got[0].headers["mime-version"], "1.0");
  EXPECT_NE(got[0].headers["message-id"].find("@trainee.example.no>"), std::string::npos);
  EXPECT_FALSE(got[0].headers["date"].empty());
  EXPECT_EQ(server.MessagesTo(to_b).size(), 1u);

  // Nothing is sent twice.
  EXPECT_EQ(delivery.RunOnce().sent, 0);
  EXPECT_EQ(server.MessagesTo(to_a).size(), 1u);
}

TEST_F(MailDeliveryTest, FailedTryBacksOffAndIsSentWhenTheServerIsBack) {
  const unsigned short port = test::SmtpTestServer::FreePort();  // nothing listens there
  const auto to = UniqueAddress("retry");
  const auto id = Queue(to);
  auto delivery = Delivery(port);

  auto report = delivery.RunOnce();
  EXPECT_EQ(report.sent, 0);
  EXPECT_EQ(report.failed, 1);
  auto row = Row(id);
  EXPECT_EQ(row.attempts, 1);
  ASSERT_TRUE(row.last_error.has_value());
  EXPECT_FALSE(row.last_error->empty());
  EXPECT_EQ(row.next_attempt_at, now_ + 60);
  EXPECT_FALSE(row.sent_at.has_value());
  EXPECT_EQ(domain::OutboxStatus(row), "waiting");

  // Not due before the back-off has passed.
  now_ += 59;
  EXPECT_EQ(delivery.RunOnce().failed, 0);
  EXPECT_EQ(Row(id).attempts, 1);

  // A second failure doubles the wait.
  now_ += 1;
  EXPECT_EQ(delivery.RunOnce().failed, 1);
  EXPECT_EQ(Row(id).attempts, 2);
  EXPECT_EQ(Row(id).next_attempt_at, now_ + 120);

  test::SmtpTestServer server(port);
  now_ += 120;
  EXPECT_EQ(delivery.RunOnce().sent, 1);
  row = Row(id);
  EXPECT_EQ(row.sent_at, now_);
  EXPECT_EQ(row.attempts, 2);
  auto got = server.MessagesTo(to);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].subject, kSubject);
}

TEST_F(MailDeliveryTest, GivesUpAfterMaxAttemptsAndASystemAdminSendsAgain) {
  const unsigned short port = test::SmtpTestServer::FreePort();
  const auto to = UniqueAddress("giveup");
  const auto id = Queue(to);
  auto delivery = Delivery(port, 2);
  EXPECT_EQ(delivery.RunOnce().failed, 1);
  now_ += 60;
  EXPECT_EQ(delivery.RunOnce().failed, 1);
  auto row = Row(id);
  EXPECT_EQ(row.attempts, 2);
  EXPECT_EQ(row.failed_at, now_);
  EXPECT_TRUE(row.last_error.has_value());
  EXPECT_EQ(domain::OutboxStatus(row), "failed");
  now_ += 24 * 3600;
  EXPECT_EQ(delivery.RunOnce().failed, 0);  // given up: never tried again by itself

  services::MailService mail(*db_, [this] { return now_; });
  domain::Actor admin;
  admin.person_id = 1;
  admin.email = "root@example.no";
  admin.grants.push_back({domain::Role::kSystemAdmin, 0});
  domain::Actor recipient;
  recipient.person_id = 2;
  recipient.email = to;
  EXPECT_THROW(mail.SendAgain(recipient, id), Forbidden);
  EXPECT_THROW(mail.SendAgain(domain::Actor{}, id), Unauthenticated);
  EXPECT_THROW(mail.SendAgain(admin, id + 1000), NotFound);
  mail.SendAgain(admin, id);
  row = Row(id);
  EXPECT_EQ(row.attempts, 0);
  EXPECT_FALSE(row.failed_at.has_value());
  EXPECT_EQ(row.next_attempt_at, now_);

  test::SmtpTestServer server(port);
  EXPECT_EQ(delivery.RunOnce().sent, 1);
  EXPECT_EQ(server.MessagesTo(to).size(), 1u);
  EXPECT_THROW(mail.SendAgain(admin, id), Conflict);
}

TEST_F(MailDeliveryTest, AClaimIsTakenOnlyOnce) {
  const auto id = Queue(UniqueAddress("claim"));
  bool first = false, second = false;
  db_->Transact(
      [&](storage::Tx& tx) { first = storage::OutboxRepository(tx).Claim(id, now_, now_ + 300); });
  db_->Transact(
      [&](storage::Tx& tx) { second = storage::OutboxRepository(tx).Claim(id, now_, now_ + 300); });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  // A claimed message is not due for anyone else until the lease ends.
  db_->Read(
      [&](storage::Tx& tx) { EXPECT_TRUE(storage::OutboxRepository(tx).Due(now_, 10).empty()); });
}

TEST_F(MailDeliveryTest, TwoServersDeliveringAtOnceSendEachMessageOnce) {
  test::SmtpTestServer server;
  std::vector<std::string> to;
  for (int i = 0; i < 12; ++i) {
    to.push_back(UniqueAddress("parallel"));
    Queue(to.back());
  }
  // Two delivery workers on separate connection pools, as two app servers would have.
  auto other_pool = storage::Database::Open(db_.url(), {});
  services::SmtpSettings smtp;
  smtp.port = server.port();
  smtp.from = "portal@trainee.example.no";
  services::DeliverySettings settings;
  settings.clock = [this] { return now_; };
  services::MailDelivery one(*db_, smtp, settings), two(*other_pool, smtp, settings);
  services::DeliveryReport r1, r2;
  std::thread t1([&] { r1 = one.RunOnce(); });
  std::thread t2([&] { r2 = two.RunOnce(); });
  t1.join();
  t2.join();
  EXPECT_EQ(r1.sent + r2.sent, 12);
  EXPECT_EQ(r1.failed + r2.failed, 0);
  for (const auto& address : to) EXPECT_EQ(server.MessagesTo(address).size(), 1u) << address;
}

TEST_F(MailDeliveryTest, PeopleReadOnlyTheirOwnMailAndOnlySystemAdminsTheOutbox) {
  const auto mine = UniqueAddress("mine"), theirs = UniqueAddress("theirs");
  const auto a = Queue(mine);
  now_ += 10;
  const auto b = Queue(mine);
  const auto c = Queue(theirs);
  services::MailService mail(*db_, [this] { return now_; });
  domain::Actor me;
  me.person_id = 7;
  me.email = mine;
  domain::Actor admin;
  admin.person_id = 1;
  admin.email = "root@example.no";
  admin.grants.push_back({domain::Role::kSystemAdmin, 0});

  auto list = mail.ListMine(me, domain::PageRequest{});
  EXPECT_EQ(list.total, 2);
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(list.items[0].id, b);  // newest first
  EXPECT_EQ(list.items[1].id, a);
  domain::PageRequest second_page;
  second_page.per_page = 1;
  second_page.page = 2;
  auto paged = mail.ListMine(me, second_page);
  EXPECT_EQ(paged.total, 2);
  ASSERT_EQ(paged.items.size(), 1u);
  EXPECT_EQ(paged.items[0].id, a);

  EXPECT_EQ(mail.GetMine(me, a).body_text, kBody);
  EXPECT_THROW(mail.GetMine(me, c), NotFound);
  EXPECT_THROW(mail.GetMine(admin, c), NotFound);  // the outbox has its own door
  EXPECT_EQ(mail.GetFromOutbox(admin, c).to_address, theirs);
  EXPECT_THROW(mail.GetFromOutbox(me, c), Forbidden);
  EXPECT_THROW(mail.ListMine(domain::Actor{}, {}), Unauthenticated);
  EXPECT_THROW(mail.ListOutbox(me, "", {}), Forbidden);
  EXPECT_EQ(mail.ListOutbox(admin, "", {}).total, 3);
  EXPECT_EQ(mail.ListOutbox(admin, theirs, {}).total, 1);
}

}  // namespace
}  // namespace tp
