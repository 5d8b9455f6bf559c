// A mail server that cannot be reached is explained once, not once per e-mail.
#include <gtest/gtest.h>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

#include "services/mail/delivery.h"
#include "services/mail/mailer.h"
#include "support/mail_smtp_server.h"
#include "support/test_database.h"

namespace tp {
namespace {

services::EmailContent Content(const std::string&, const std::string&,
                               const std::map<std::string, std::string>&) {
  return {"Emne", "Tekst\n"};
}

// Replaces the default logger with one that keeps every message, until destroyed.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    sink_ = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000);
    sink_->set_pattern("%l %v");
    auto logger = std::make_shared<spdlog::logger>("captured", sink_);
    logger->set_level(spdlog::level::debug);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::vector<std::string> Lines() const { return sink_->last_formatted(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
};

int Count(const std::vector<std::string>& lines, const std::string& prefix,
          const std::string& part) {
  int n = 0;
  for (const auto& line : lines)
    if (line.rfind(prefix, 0) == 0 && line.find(part) != std::string::npos) ++n;
  return n;
}

TEST(MailDeliveryLog, TheFirstFailureNamesTheSettingsLaterOnesAreQuieter) {
  test::TestDatabase db;
  services::Mailer mailer;
  mailer.SetRenderer(Content);
  const std::int64_t now = 1780000000;
  db->Transact([&](storage::Tx& tx) {
    for (int i = 0; i < 3; ++i)
      mailer.Queue(tx, "kari" + std::to_string(i) + "@example.no", "nb", "test/kind", {}, now);
  });
  services::SmtpSettings smtp;
  smtp.host = "127.0.0.1";
  smtp.port = test::SmtpTestServer::FreePort();  // nothing listens there
  smtp.from = "portal@example.no";
  services::DeliverySettings settings;
  settings.clock = [now] { return now; };
  services::MailDelivery delivery(*db, smtp, settings);

  CapturedLog log;
  EXPECT_EQ(delivery.RunOnce().failed, 3);
  const auto lines = log.Lines();
  EXPECT_EQ(Count(lines, "warning", "not delivered"), 1);
  EXPECT_EQ(Count(lines, "warning", "smtp_host"), 1);
  EXPECT_EQ(Count(lines, "warning", "mail_delivery=false"), 1);
  EXPECT_EQ(Count(lines, "debug", "not delivered"), 2);
}

}  // namespace
}  // namespace tp
