#include "domain/mail/outbox.h"

namespace tp::domain {

std::string_view OutboxStatus(const OutboxMessage& message) {
  if (message.sent_at) return "sent";
  if (message.failed_at) return "failed";
  return "waiting";
}

std::int64_t RetryDelaySeconds(int attempts) {
  constexpr std::int64_t kFirst = 60, kCap = 6 * 3600;
  std::int64_t delay = kFirst;
  for (int i = 1; i < attempts && delay < kCap; ++i) delay *= 2;
  return delay < kCap ? delay : kCap;
}

}  // namespace tp::domain
