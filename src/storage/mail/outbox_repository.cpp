#include "storage/mail/outbox_repository.h"

#include "storage/sql_helpers.h"

namespace tp::storage {
namespace {

constexpr const char* kColumns =
    "id, to_address, subject, body_text, kind, created_at, sent_at, attempts, next_attempt_at, "
    "last_error, failed_at, CASE WHEN last_error IS NULL THEN 0 ELSE 1 END";
constexpr const char* kTypes = "ITTTTIIIITII";

domain::OutboxMessage Row(const sqlx::Cursor& c) {
  domain::OutboxMessage m;
  m.id = c.Int(0);
  m.to_address = c.Text(1);
  m.subject = c.Text(2);
  m.body_text = c.Text(3);
  m.kind = c.Text(4);
  m.created_at = c.Int(5);
  // Instants are unix seconds from the application clock, never 0 for a real event.
  if (c.Int(6) != 0) m.sent_at = c.Int(6);
  m.attempts = static_cast<int>(c.Int(7));
  m.next_attempt_at = c.Int(8);
  if (c.Int(11) != 0) m.last_error = c.Text(9);
  if (c.Int(10) != 0) m.failed_at = c.Int(10);
  return m;
}

}  // namespace

std::int64_t OutboxRepository::Enqueue(const std::string& to_address, const std::string& subject,
                                       const std::string& body_text, const std::string& kind,
                                       std::int64_t now) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO outbox (to_address, subject, body_text, kind, created_at, "
                      "attempts, next_attempt_at) VALUES (:to, :subject, :body, :kind, :created, "
                      "0, :next) RETURNING id",
                      sqlx::Params()
                          .Text("to", to_address)
                          .Text("subject", subject)
                          .Text("body", body_text)
                          .Text("kind", kind)
                          .Int("created", now)
                          .Int("next", now));
}

domain::PageResult<domain::OutboxMessage> OutboxRepository::List(const std::string& to_address,
                                                                 const domain::PageRequest& page) {
  domain::PageResult<domain::OutboxMessage> result;
  const std::string where = to_address.empty() ? "" : " WHERE to_address = :to";
  auto filter = [&] {
    sqlx::Params p;
    if (!to_address.empty()) p.Text("to", to_address);
    return p;
  };
  result.total =
      static_cast<long>(sqlx::Scalar(tx_, "SELECT COUNT(*) FROM outbox" + where, filter()));
  sqlx::Cursor c(tx_,
                 std::string("SELECT ") + kColumns + " FROM outbox" + where +
                     " ORDER BY id DESC LIMIT :lim OFFSET :off",
                 filter().Int("lim", page.per_page).Int("off", page.Offset()), kTypes);
  while (c.Next()) result.items.push_back(Row(c));
  return result;
}

std::optional<domain::OutboxMessage> OutboxRepository::FindById(std::int64_t id) {
  sqlx::Cursor c(tx_, std::string("SELECT ") + kColumns + " FROM outbox WHERE id = :id",
                 sqlx::Params().Int("id", id), kTypes);
  if (!c.Next()) return std::nullopt;
  return Row(c);
}

std::vector<domain::OutboxMessage> OutboxRepository::Due(std::int64_t now, int limit) {
  std::vector<domain::OutboxMessage> out;
  sqlx::Cursor c(tx_,
                 std::string("SELECT ") + kColumns +
                     " FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND "
                     "next_attempt_at <= :now ORDER BY next_attempt_at, id LIMIT :lim",
                 sqlx::Params().Int("now", now).Int("lim", limit), kTypes);
  while (c.Next()) out.push_back(Row(c));
  return out;
}

bool OutboxRepository::Claim(std::int64_t id, std::int64_t seen_next_attempt_at,
                             std::int64_t lease_until) {
  return sqlx::Exec(tx_,
                    "UPDATE outbox SET next_attempt_at = :lease WHERE id = :id AND sent_at IS "
                    "NULL AND failed_at IS NULL AND next_attempt_at = :seen",
                    sqlx::Params()
                        .Int("lease", lease_until)
                        .Int("id", id)
                        .Int("seen", seen_next_attempt_at)) == 1;
}

void OutboxRepository::MarkSent(std::int64_t id, std::int64_t now) {
  sqlx::Exec(tx_, "UPDATE outbox SET sent_at = :now WHERE id = :id",
             sqlx::Params().Int("now", now).Int("id", id));
}

void OutboxRepository::MarkAttemptFailed(std::int64_t id, const std::string& error,
                                         std::int64_t next_attempt_at,
                                         std::optional<std::int64_t> failed_at) {
  sqlx::Params p;
  p.Text("error", error).Int("next", next_attempt_at);
  std::string failed = "NULL";
  if (failed_at) {
    p.Int("failed", *failed_at);
    failed = ":failed";
  }
  p.Int("id", id);
  sqlx::Exec(tx_,
             "UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = "
             ":next, failed_at = " +
                 failed + " WHERE id = :id",
             std::move(p));
}

bool OutboxRepository::Retry(std::int64_t id, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "UPDATE outbox SET attempts = 0, failed_at = NULL, next_attempt_at = :now "
                    "WHERE id = :id AND sent_at IS NULL",
                    sqlx::Params().Int("now", now).Int("id", id)) == 1;
}

}  // namespace tp::storage
