#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/mail/outbox.h"
#include "domain/paging.h"
#include "storage/database.h"

namespace tp::storage {

/// The outbox table: e-mails queued in the transaction that caused them, sent later by the
/// delivery worker. No rights checks (the services decide).
class OutboxRepository {
 public:
  explicit OutboxRepository(Tx& tx) : tx_(tx) {}
  /// Queues a message for delivery now; returns its id.
  std::int64_t Enqueue(const std::string& to_address, const std::string& subject,
                       const std::string& body_text, const std::string& kind, std::int64_t now);
  /// Messages newest first; `to_address` filters when not empty.
  domain::PageResult<domain::OutboxMessage> List(const std::string& to_address,
                                                 const domain::PageRequest& page);
  std::optional<domain::OutboxMessage> FindById(std::int64_t id);

  // --- delivery -----------------------------------------------------------------------------
  /// Up to `limit` unsent messages not given up on whose next try is due at `now`, oldest try
  /// first.
  std::vector<domain::OutboxMessage> Due(std::int64_t now, int limit);
  /// Takes a due message for one delivery try by moving its next try to `lease_until`. True
  /// only for the caller whose update found next_attempt_at still at `seen_next_attempt_at`, so
  /// two servers never send the same message.
  bool Claim(std::int64_t id, std::int64_t seen_next_attempt_at, std::int64_t lease_until);
  void MarkSent(std::int64_t id, std::int64_t now);
  /// Records a failed try: attempts + 1, the error, and the next try at `next_attempt_at`, or
  /// failed_at = `failed_at` when delivery gives up.
  void MarkAttemptFailed(std::int64_t id, const std::string& error, std::int64_t next_attempt_at,
                         std::optional<std::int64_t> failed_at);
  /// Makes an unsent message due at `now` again with a fresh count of tries (its last error
  /// stays until the next try). False when it was sent already or does not exist.
  bool Retry(std::int64_t id, std::int64_t now);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
