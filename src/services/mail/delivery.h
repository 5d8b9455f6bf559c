#pragma once
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>

#include "services/mail/smtp.h"

namespace tp::storage {
class Database;
}

namespace tp::services {

/// Tunables of outbox delivery.
struct DeliverySettings {
  int batch = 50;            ///< messages taken per run
  int max_attempts = 10;     ///< failed tries before giving up (failed_at set, last_error kept)
  long lease_seconds = 300;  ///< how long a claimed message is hidden from other servers
  /// Current unix time in seconds; empty means the system clock. Tests move time with it.
  std::function<std::int64_t()> clock;
};

/// What one delivery run did.
struct DeliveryReport {
  int sent = 0;
  int failed = 0;  ///< tries that failed (the message is retried later or given up)
};

/// Sends due outbox messages over SMTP. Each message is claimed first (see
/// OutboxRepository::Claim), so any number of app servers may run delivery against one
/// database without sending a message twice. A failed try moves the next try by
/// domain::RetryDelaySeconds; after max_attempts the message is marked failed. The first failure
/// of a kind (the error with its numbers left out) is a warning that names the SMTP settings;
/// later ones of the same kind are logged at debug level, so a missing mail server does not
/// flood the log.
class MailDelivery {
 public:
  MailDelivery(storage::Database& db, SmtpSettings smtp, DeliverySettings settings = {});
  /// Takes up to `batch` due messages and tries each once. `stop` (may be empty) is asked
  /// before each message; when it returns true the run ends early (shutdown).
  DeliveryReport RunOnce(const std::function<bool()>& stop = {});

 private:
  std::int64_t Now() const;
  void LogFailure(std::int64_t id, int attempt, const std::string& error);

  storage::Database& db_;
  SmtpSender sender_;
  DeliverySettings settings_;
  std::mutex logged_mutex_;
  std::set<std::string> logged_kinds_;  ///< failure kinds already warned about
};

}  // namespace tp::services
