#include "services/mail/mail_service.h"

#include <chrono>

#include "domain/accounts/actor.h"
#include "domain/accounts/rules.h"
#include "domain/errors.h"
#include "storage/database.h"
#include "storage/mail/outbox_repository.h"

namespace tp::services {
namespace {

using domain::RequireLogin;

void RequireSystemAdmin(const domain::Actor& actor) {
  RequireLogin(actor);
  if (!actor.IsSystemAdmin()) throw Forbidden("the outbox is for system admins");
}

}  // namespace

MailService::MailService(storage::Database& db, std::function<std::int64_t()> clock)
    : db_(db), clock_(std::move(clock)) {}

std::int64_t MailService::Now() const {
  if (clock_) return clock_();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

domain::PageResult<domain::OutboxMessage> MailService::ListMine(const domain::Actor& actor,
                                                                const domain::PageRequest& page) {
  RequireLogin(actor);
  domain::PageResult<domain::OutboxMessage> out;
  const auto email = domain::NormalizeEmail(actor.email);
  if (email.empty()) return out;
  db_.Read([&](storage::Tx& tx) { out = storage::OutboxRepository(tx).List(email, page); });
  return out;
}

domain::OutboxMessage MailService::GetMine(const domain::Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  std::optional<domain::OutboxMessage> m;
  db_.Read([&](storage::Tx& tx) { m = storage::OutboxRepository(tx).FindById(id); });
  const auto email = domain::NormalizeEmail(actor.email);
  if (!m || email.empty() || m->to_address != email) throw NotFound("e-mail");
  return *m;
}

domain::OutboxMessage MailService::GetFromOutbox(const domain::Actor& actor, std::int64_t id) {
  RequireSystemAdmin(actor);
  std::optional<domain::OutboxMessage> m;
  db_.Read([&](storage::Tx& tx) { m = storage::OutboxRepository(tx).FindById(id); });
  if (!m) throw NotFound("e-mail");
  return *m;
}

domain::PageResult<domain::OutboxMessage> MailService::ListOutbox(const domain::Actor& actor,
                                                                  const std::string& to_address,
                                                                  const domain::PageRequest& page) {
  RequireSystemAdmin(actor);
  domain::PageResult<domain::OutboxMessage> out;
  db_.Read([&](storage::Tx& tx) {
    out = storage::OutboxRepository(tx).List(domain::NormalizeEmail(to_address), page);
  });
  return out;
}

void MailService::SendAgain(const domain::Actor& actor, std::int64_t id) {
  RequireSystemAdmin(actor);
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    storage::OutboxRepository outbox(tx);
    auto m = outbox.FindById(id);
    if (!m) throw NotFound("e-mail");
    if (m->sent_at) throw Conflict("the e-mail was sent already");
    outbox.Retry(id, now);
  });
}

}  // namespace tp::services
