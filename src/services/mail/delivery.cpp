#include "services/mail/delivery.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>

#include "domain/mail/outbox.h"
#include "storage/database.h"
#include "storage/mail/outbox_repository.h"

namespace tp::services {
namespace {

std::string DomainOf(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

MailDelivery::MailDelivery(storage::Database& db, SmtpSettings smtp, DeliverySettings settings)
    : db_(db), sender_(std::move(smtp)), settings_(std::move(settings)) {}

std::int64_t MailDelivery::Now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void MailDelivery::LogFailure(std::int64_t id, int attempt, const std::string& error) {
  // "after 12 ms", ports and reply codes vary between tries of one problem: not part of the kind.
  std::string kind;
  for (char c : error)
    if (c < '0' || c > '9') kind += c;
  bool first = false;
  {
    std::lock_guard lock(logged_mutex_);
    first = logged_kinds_.insert(kind).second;
  }
  if (!first) {
    spdlog::debug("e-mail {} not delivered (try {}): {}", id, attempt, error);
    return;
  }
  const auto& smtp = sender_.settings();
  spdlog::warn(
      "e-mail {} not delivered (try {}) to the SMTP server {}:{}: {}. E-mails stay queued and are "
      "retried. Configure the mail server with the settings smtp_host, smtp_port, smtp_tls, "
      "smtp_user, smtp_password and smtp_from (config file, or TP_SMTP_HOST and so on), or set "
      "mail_delivery=false to only queue e-mails. Further failures like this one are logged at "
      "debug level.",
      id, attempt, smtp.host, smtp.port, error);
}

DeliveryReport MailDelivery::RunOnce(const std::function<bool()>& stop) {
  DeliveryReport report;
  std::vector<domain::OutboxMessage> due;
  db_.Read(
      [&](storage::Tx& tx) { due = storage::OutboxRepository(tx).Due(Now(), settings_.batch); });
  for (const auto& m : due) {
    if (stop && stop()) break;
    const auto claimed_at = Now();
    bool mine = false;
    db_.Transact([&](storage::Tx& tx) {
      mine = storage::OutboxRepository(tx).Claim(m.id, m.next_attempt_at,
                                                 claimed_at + settings_.lease_seconds);
    });
    if (!mine) continue;  // another server took it
    const std::string message_id = "outbox-" + std::to_string(m.id) + "." +
                                   std::to_string(m.created_at) + "@" +
                                   DomainOf(sender_.settings().from);
    const auto error =
        sender_.Send(m.to_address, BuildMessage(sender_.settings().from, m.to_address, m.subject,
                                                m.body_text, claimed_at, message_id));
    const auto done_at = Now();
    db_.Transact([&](storage::Tx& tx) {
      storage::OutboxRepository outbox(tx);
      if (!error) {
        outbox.MarkSent(m.id, done_at);
        return;
      }
      const int attempts = m.attempts + 1;
      std::optional<std::int64_t> failed_at;
      if (attempts >= settings_.max_attempts) failed_at = done_at;
      outbox.MarkAttemptFailed(m.id, *error, done_at + domain::RetryDelaySeconds(attempts),
                               failed_at);
    });
    if (error) {
      LogFailure(m.id, m.attempts + 1, *error);
      ++report.failed;
    }
    if (!error) ++report.sent;
  }
  return report;
}

}  // namespace tp::services
