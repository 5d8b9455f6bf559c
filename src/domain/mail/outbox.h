#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Rules of the e-mail outbox: message states and the retry back-off.
namespace tp::domain {

/// A queued e-mail.
struct OutboxMessage {
  std::int64_t id = 0;
  std::string to_address;
  std::string subject;
  std::string body_text;
  std::string kind;  ///< "area/name", e.g. "accounts/invitation"
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::optional<std::string> last_error;
  std::optional<std::int64_t> failed_at;  ///< set when delivery gave up
};

/// "sent", "failed" (delivery gave up) or "waiting" (not sent yet, perhaps after failed tries).
std::string_view OutboxStatus(const OutboxMessage& message);

/// Seconds to wait before the next try after `attempts` failed tries (≥ 1): one minute, doubled
/// per further failure, at most six hours.
std::int64_t RetryDelaySeconds(int attempts);

}  // namespace tp::domain
