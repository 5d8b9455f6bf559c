#include "storage/accounts/login_throttle.h"

#include <soci/soci.h>

namespace tp::storage {

using soci::indicator;
using soci::into;
using soci::use;

void LoginFailureRepository::Record(const std::string& subject, std::int64_t at) {
  long long t = at;
  tx_.sql() << "INSERT INTO login_failures (subject, at) VALUES (:s, :at)", use(subject, "s"),
      use(t, "at");
}

long LoginFailureRepository::CountSince(const std::string& subject, std::int64_t since) {
  long long t = since, n = 0;
  tx_.sql() << "SELECT COUNT(*) FROM login_failures WHERE subject = :s AND at >= :since",
      use(subject, "s"), use(t, "since"), into(n);
  return static_cast<long>(n);
}

std::int64_t LoginFailureRepository::Latest(const std::string& subject) {
  long long at = 0;
  indicator ind = soci::i_null;
  tx_.sql() << "SELECT MAX(at) FROM login_failures WHERE subject = :s", use(subject, "s"),
      into(at, ind);
  return ind == soci::i_ok ? at : 0;
}

void LoginFailureRepository::Clear(const std::string& subject) {
  tx_.sql() << "DELETE FROM login_failures WHERE subject = :s", use(subject, "s");
}

void LoginFailureRepository::ClearPrefix(const std::string& prefix) {
  const std::string same = prefix;
  tx_.sql()
      << "DELETE FROM login_failures WHERE substr(subject, 1, length(CAST(:p AS TEXT))) = :p2",
      use(prefix, "p"), use(same, "p2");
}

void LoginFailureRepository::Prune(std::int64_t before) {
  long long t = before;
  tx_.sql() << "DELETE FROM login_failures WHERE at < :t", use(t, "t");
}

void LoginDeviceRepository::Insert(const std::string& token_hash, std::int64_t person_id,
                                   std::int64_t now) {
  long long pid = person_id, t = now;
  tx_.sql() << "INSERT INTO login_devices (person_id, token_hash, created_at, last_used_at) "
               "VALUES (:pid, :hash, :t, :t2)",
      use(pid, "pid"), use(token_hash, "hash"), use(t, "t"), use(t, "t2");
}

bool LoginDeviceRepository::IsKnown(const std::string& token_hash, std::int64_t person_id,
                                    std::int64_t since) {
  long long pid = person_id, t = since, n = 0;
  tx_.sql() << "SELECT COUNT(*) FROM login_devices WHERE token_hash = :hash AND person_id = :pid "
               "AND last_used_at >= :since",
      use(token_hash, "hash"), use(pid, "pid"), use(t, "since"), into(n);
  return n > 0;
}

void LoginDeviceRepository::Touch(const std::string& token_hash, std::int64_t now) {
  long long t = now;
  tx_.sql() << "UPDATE login_devices SET last_used_at = :t WHERE token_hash = :hash", use(t, "t"),
      use(token_hash, "hash");
}

void LoginDeviceRepository::Prune(std::int64_t before) {
  long long t = before;
  tx_.sql() << "DELETE FROM login_devices WHERE last_used_at < :t", use(t, "t");
}

}  // namespace tp::storage
