#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "domain/accounts/actor.h"
#include "domain/mail/outbox.h"
#include "domain/paging.h"

namespace tp::storage {
class Database;
}

namespace tp::services {

/// Reading e-mails on the web and managing the outbox.
///
/// Rights (checked first in every call): anonymous actors get tp::Unauthenticated; every
/// logged-in person reads the e-mails sent to their own address (someone else's message is
/// tp::NotFound); only system admins see the whole outbox and send a message again (others get
/// tp::Forbidden).
class MailService {
 public:
  /// `clock` returns unix seconds; empty means the system clock.
  explicit MailService(storage::Database& db, std::function<std::int64_t()> clock = {});

  /// E-mails to the actor's own address, newest first.
  domain::PageResult<domain::OutboxMessage> ListMine(const domain::Actor& actor,
                                                     const domain::PageRequest& page);
  /// One e-mail to the actor's own address; NotFound for any other.
  domain::OutboxMessage GetMine(const domain::Actor& actor, std::int64_t id);
  /// Any e-mail in the outbox (system admins).
  domain::OutboxMessage GetFromOutbox(const domain::Actor& actor, std::int64_t id);
  /// The outbox, newest first; `to_address` filters by recipient when not empty.
  domain::PageResult<domain::OutboxMessage> ListOutbox(const domain::Actor& actor,
                                                       const std::string& to_address,
                                                       const domain::PageRequest& page);
  /// Makes an unsent message due now with a fresh count of tries. NotFound for an unknown id,
  /// Conflict when it was sent already.
  void SendAgain(const domain::Actor& actor, std::int64_t id);

 private:
  std::int64_t Now() const;

  storage::Database& db_;
  std::function<std::int64_t()> clock_;
};

}  // namespace tp::services
