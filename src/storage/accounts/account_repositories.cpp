#include "storage/accounts/account_repositories.h"

#include <soci/soci.h>

#include <string>

#include "domain/errors.h"

namespace tp::storage {
namespace {

using soci::indicator;
using soci::into;
using soci::use;

constexpr const char* kPersonColumns =
    "p.id, p.email, p.name, p.locale, p.disabled, "
    "CASE WHEN p.password_hash IS NULL THEN 0 ELSE 1 END, p.created_at";

// One row of kPersonColumns; the statement is bound once and fetched repeatedly.
struct PersonRow {
  long long id = 0;
  std::string email, name, locale;
  int disabled = 0;
  int has_password = 0;
  long long created_at = 0;

  void Bind(soci::statement& st) {
    st.exchange(into(id));
    st.exchange(into(email));
    st.exchange(into(name));
    st.exchange(into(locale));
    st.exchange(into(disabled));
    st.exchange(into(has_password));
    st.exchange(into(created_at));
  }
  domain::Person ToPerson() const {
    return domain::Person{id, email, name, locale, disabled != 0, has_password != 0, created_at};
  }
};

std::optional<domain::Person> FindPersonWhere(soci::session& sql, const std::string& where,
                                              const std::string& text, long long id) {
  PersonRow row;
  soci::statement st(sql);
  row.Bind(st);
  std::string text_param = text;
  long long id_param = id;
  if (where == "id")
    st.exchange(use(id_param, "id"));
  else
    st.exchange(use(text_param, "email"));
  st.alloc();
  st.prepare(std::string("SELECT ") + kPersonColumns + " FROM people p WHERE " +
             (where == "id" ? "p.id = :id" : "p.email = :email"));
  st.define_and_bind();
  st.execute(false);
  if (!st.fetch()) return std::nullopt;
  return row.ToPerson();
}

// The set of people visible to one operator's staff, as a subquery with three parameters.
const char* kVisibleToOperator =
    "SELECT g.person_id FROM grants g "
    " WHERE g.role IN ('operator_admin', 'operator_staff') AND g.scope_id = :op1 "
    "UNION SELECT g.person_id FROM grants g "
    "  JOIN participations pa ON pa.employer_id = g.scope_id "
    "  JOIN cohorts c ON c.id = pa.cohort_id "
    "  JOIN programmes pr ON pr.id = c.programme_id "
    " WHERE g.role = 'coordinator' AND pr.operator_id = :op2 "
    "UNION SELECT g.person_id FROM grants g "
    "  JOIN trainees t ON t.id = g.scope_id "
    "  JOIN cohorts c ON c.id = t.cohort_id "
    "  JOIN programmes pr ON pr.id = c.programme_id "
    " WHERE g.role IN ('mentor', 'supervisor', 'trainee') AND pr.operator_id = :op3";

std::string SearchPattern(const std::string& q) {
  // Escape LIKE wildcards so a search for "50%" is literal.
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out + "%";
}

}  // namespace

// ---------------------------------------------------------------- people

std::int64_t PersonRepository::Insert(const std::string& email, const std::string& name,
                                      const std::optional<std::string>& password_hash,
                                      std::int64_t now) {
  if (FindByEmail(email)) throw Conflict("e-mail already registered: " + email);
  auto& sql = tx_.sql();
  std::string hash = password_hash.value_or("");
  indicator hash_ind = password_hash ? soci::i_ok : soci::i_null;
  long long created = now;
  long long id = 0;
  sql << "INSERT INTO people (email, name, password_hash, locale, disabled, created_at) "
         "VALUES (:email, :name, :hash, '', 0, :created) RETURNING id",
      use(email, "email"), use(name, "name"), use(hash, hash_ind, "hash"), use(created, "created"),
      into(id);
  return id;
}

std::optional<domain::Person> PersonRepository::FindById(std::int64_t id) {
  return FindPersonWhere(tx_.sql(), "id", "", id);
}

std::optional<domain::Person> PersonRepository::FindByEmail(const std::string& email) {
  return FindPersonWhere(tx_.sql(), "email", email, 0);
}

std::optional<std::string> PersonRepository::PasswordHash(std::int64_t id) {
  std::string hash;
  indicator ind = soci::i_null;
  long long pid = id;
  tx_.sql() << "SELECT password_hash FROM people WHERE id = :id", use(pid, "id"), into(hash, ind);
  if (!tx_.sql().got_data() || ind != soci::i_ok) return std::nullopt;
  return hash;
}

void PersonRepository::SetPasswordHash(std::int64_t id, const std::string& hash) {
  long long pid = id;
  tx_.sql() << "UPDATE people SET password_hash = :hash WHERE id = :id", use(hash, "hash"),
      use(pid, "id");
}

void PersonRepository::SetName(std::int64_t id, const std::string& name) {
  long long pid = id;
  tx_.sql() << "UPDATE people SET name = :name WHERE id = :id", use(name, "name"), use(pid, "id");
}

void PersonRepository::SetLocale(std::int64_t id, const std::string& locale) {
  long long pid = id;
  tx_.sql() << "UPDATE people SET locale = :locale WHERE id = :id", use(locale, "locale"),
      use(pid, "id");
}

void PersonRepository::SetDisabled(std::int64_t id, bool disabled) {
  long long pid = id;
  int flag = disabled ? 1 : 0;
  tx_.sql() << "UPDATE people SET disabled = :d WHERE id = :id", use(flag, "d"), use(pid, "id");
}

domain::PageResult<domain::Person> PersonRepository::ListForOperator(
    std::int64_t operator_id, const domain::PageRequest& page) {
  auto& sql = tx_.sql();
  long long op1 = operator_id, op2 = operator_id, op3 = operator_id;
  std::string where = std::string(" FROM people p WHERE p.id IN (") + kVisibleToOperator + ")";
  std::string pattern = SearchPattern(page.q);
  std::string pattern2 = pattern;
  if (!page.q.empty())
    where += " AND (LOWER(p.name) LIKE :q1 ESCAPE '\\' OR p.email LIKE :q2 ESCAPE '\\')";

  domain::PageResult<domain::Person> result;
  {
    long long total = 0;
    soci::statement st(sql);
    st.exchange(into(total));
    st.exchange(use(op1, "op1"));
    st.exchange(use(op2, "op2"));
    st.exchange(use(op3, "op3"));
    if (!page.q.empty()) {
      st.exchange(use(pattern, "q1"));
      st.exchange(use(pattern2, "q2"));
    }
    st.alloc();
    st.prepare("SELECT COUNT(*)" + where);
    st.define_and_bind();
    st.execute(true);
    result.total = static_cast<long>(total);
  }

  // Sort keys are whitelisted; the id makes the order total so pages never overlap.
  std::string order = "LOWER(p.name)";
  if (page.sort == "email") order = "p.email";
  if (page.sort == "created") order = "p.created_at";
  std::string dir = page.descending ? " DESC" : " ASC";
  long long limit = page.per_page, offset = page.Offset();

  PersonRow row;
  soci::statement st(sql);
  row.Bind(st);
  st.exchange(use(op1, "op1"));
  st.exchange(use(op2, "op2"));
  st.exchange(use(op3, "op3"));
  if (!page.q.empty()) {
    st.exchange(use(pattern, "q1"));
    st.exchange(use(pattern2, "q2"));
  }
  st.exchange(use(limit, "lim"));
  st.exchange(use(offset, "off"));
  st.alloc();
  st.prepare(std::string("SELECT ") + kPersonColumns + where + " ORDER BY " + order + dir +
             ", p.id" + dir + " LIMIT :lim OFFSET :off");
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) result.items.push_back(row.ToPerson());
  return result;
}

bool PersonRepository::VisibleToOperator(std::int64_t person_id, std::int64_t operator_id) {
  long long op1 = operator_id, op2 = operator_id, op3 = operator_id, pid = person_id;
  long long n = 0;
  tx_.sql() << std::string("SELECT COUNT(*) FROM people p WHERE p.id = :pid AND p.id IN (") +
                   kVisibleToOperator + ")",
      use(pid, "pid"), use(op1, "op1"), use(op2, "op2"), use(op3, "op3"), into(n);
  return n > 0;
}

// ---------------------------------------------------------------- grants

std::vector<domain::GrantRecord> GrantRepository::ForPerson(std::int64_t person_id) {
  std::vector<domain::GrantRecord> out;
  long long pid = person_id;
  std::string role;
  long long scope = 0, by = 0, created = 0;
  indicator by_ind = soci::i_null;
  soci::statement st = (tx_.sql().prepare << "SELECT role, scope_id, granted_by, created_at "
                                             "FROM grants WHERE person_id = :pid "
                                             "ORDER BY role, scope_id",
                        use(pid, "pid"), into(role), into(scope), into(by, by_ind), into(created));
  st.execute(false);
  while (st.fetch()) {
    auto parsed = domain::ParseRole(role);
    if (!parsed) continue;  // a role this binary does not know grants nothing
    domain::GrantRecord g;
    g.role = *parsed;
    g.scope_id = scope;
    if (by_ind == soci::i_ok) g.granted_by = by;
    g.created_at = created;
    out.push_back(g);
  }
  return out;
}

bool GrantRepository::Add(std::int64_t person_id, domain::Role role, std::int64_t scope_id,
                          std::optional<std::int64_t> granted_by, std::int64_t now) {
  auto& sql = tx_.sql();
  long long pid = person_id, scope = scope_id, created = now, by = granted_by.value_or(0);
  indicator by_ind = granted_by ? soci::i_ok : soci::i_null;
  std::string role_name(domain::RoleName(role));
  long long existing = 0;
  sql << "SELECT COUNT(*) FROM grants WHERE person_id = :pid AND role = :role AND scope_id = :s",
      use(pid, "pid"), use(role_name, "role"), use(scope, "s"), into(existing);
  if (existing > 0) return false;
  sql << "INSERT INTO grants (person_id, role, scope_id, granted_by, created_at) "
         "VALUES (:pid, :role, :s, :by, :created)",
      use(pid, "pid"), use(role_name, "role"), use(scope, "s"), use(by, by_ind, "by"),
      use(created, "created");
  SessionRepository(tx_).MarkRotateForPerson(person_id);
  return true;
}

bool GrantRepository::Remove(std::int64_t person_id, domain::Role role, std::int64_t scope_id) {
  long long pid = person_id, scope = scope_id;
  std::string role_name(domain::RoleName(role));
  soci::statement st = (tx_.sql().prepare << "DELETE FROM grants WHERE person_id = :pid AND "
                                             "role = :role AND scope_id = :s",
                        use(pid, "pid"), use(role_name, "role"), use(scope, "s"));
  st.execute(true);
  if (st.get_affected_rows() == 0) return false;
  SessionRepository(tx_).MarkRotateForPerson(person_id);
  return true;
}

long GrantRepository::CountRole(std::int64_t person_id, domain::Role role) {
  long long pid = person_id, n = 0;
  std::string role_name(domain::RoleName(role));
  tx_.sql() << "SELECT COUNT(*) FROM grants WHERE person_id = :pid AND role = :role",
      use(pid, "pid"), use(role_name, "role"), into(n);
  return static_cast<long>(n);
}

// ---------------------------------------------------------------- scopes

bool ScopeRepository::OperatorExists(std::int64_t id) {
  long long n = 0, pid = id;
  tx_.sql() << "SELECT COUNT(*) FROM operators WHERE id = :id", use(pid, "id"), into(n);
  return n > 0;
}

bool ScopeRepository::EmployerExists(std::int64_t id) {
  long long n = 0, pid = id;
  tx_.sql() << "SELECT COUNT(*) FROM employers WHERE id = :id", use(pid, "id"), into(n);
  return n > 0;
}

std::optional<std::int64_t> ScopeRepository::OperatorOfTrainee(std::int64_t trainee_id) {
  long long tid = trainee_id, op = 0;
  tx_.sql() << "SELECT pr.operator_id FROM trainees t JOIN cohorts c ON c.id = t.cohort_id "
               "JOIN programmes pr ON pr.id = c.programme_id WHERE t.id = :id",
      use(tid, "id"), into(op);
  if (!tx_.sql().got_data()) return std::nullopt;
  return op;
}

std::vector<domain::EmployerChoice> ScopeRepository::Employers() {
  std::vector<domain::EmployerChoice> out;
  long long id = 0;
  std::string name;
  soci::statement st = (tx_.sql().prepare << "SELECT id, name FROM employers ORDER BY name, id",
                        into(id), into(name));
  st.execute(false);
  while (st.fetch()) out.push_back({id, name});
  return out;
}

namespace {

// " WHERE <column> IN (:id0, :id1, ...)" bound to `params`, or "" when `ids` is nullopt. The
// parameters must outlive the statement's execution, so the caller owns them.
std::string InFilter(soci::statement& st, const std::string& column,
                     const std::optional<std::vector<std::int64_t>>& ids,
                     std::vector<long long>& params) {
  if (!ids) return "";
  params.assign(ids->begin(), ids->end());
  std::string list;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const std::string name = "id" + std::to_string(i);
    if (!list.empty()) list += ", ";
    list += ":" + name;
    st.exchange(use(params[i], name));
  }
  return " WHERE " + column + " IN (" + list + ")";
}

}  // namespace

std::vector<domain::OperatorChoice> ScopeRepository::Operators(
    const std::optional<std::vector<std::int64_t>>& ids) {
  std::vector<domain::OperatorChoice> out;
  if (ids && ids->empty()) return out;
  long long id = 0;
  std::string name;
  std::vector<long long> params;
  soci::statement st(tx_.sql());
  st.exchange(into(id));
  st.exchange(into(name));
  const auto where = InFilter(st, "o.id", ids, params);
  st.alloc();
  st.prepare("SELECT o.id, o.name FROM operators o" + where + " ORDER BY o.name, o.id");
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) out.push_back({id, name});
  return out;
}

std::vector<domain::TraineeChoice> ScopeRepository::Trainees(
    const std::optional<std::vector<std::int64_t>>& operator_ids) {
  std::vector<domain::TraineeChoice> out;
  if (operator_ids && operator_ids->empty()) return out;
  long long id = 0;
  std::string person, employer, cohort;
  std::vector<long long> params;
  soci::statement st(tx_.sql());
  st.exchange(into(id));
  st.exchange(into(person));
  st.exchange(into(employer));
  st.exchange(into(cohort));
  const auto where = InFilter(st, "pr.operator_id", operator_ids, params);
  st.alloc();
  st.prepare(
      "SELECT t.id, p.name, e.name, c.name FROM trainees t "
      "JOIN people p ON p.id = t.person_id "
      "JOIN employers e ON e.id = t.employer_id "
      "JOIN cohorts c ON c.id = t.cohort_id "
      "JOIN programmes pr ON pr.id = c.programme_id" +
      where + " ORDER BY p.name, e.name, c.name, t.id");
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) out.push_back({id, person, employer, cohort});
  return out;
}

// ---------------------------------------------------------------- sessions

std::int64_t SessionRepository::Insert(const std::string& token_hash, std::int64_t person_id,
                                       std::int64_t now, std::int64_t expires_at,
                                       const std::string& ip, const std::string& user_agent) {
  long long pid = person_id, created = now, seen = now, expires = expires_at, id = 0;
  // Browsers send long user agents; the column is informative only, so keep it bounded.
  std::string ua = user_agent.substr(0, 400);
  tx_.sql() << "INSERT INTO sessions (token_hash, person_id, created_at, last_seen_at, "
               "expires_at, ip, user_agent) VALUES (:hash, :pid, :created, :seen, :expires, "
               ":ip, :ua) RETURNING id",
      use(token_hash, "hash"), use(pid, "pid"), use(created, "created"), use(seen, "seen"),
      use(expires, "expires"), use(ip, "ip"), use(ua, "ua"), into(id);
  return id;
}

std::optional<SessionRecord> SessionRepository::FindByHash(const std::string& token_hash) {
  long long id = 0, pid = 0, created = 0, seen = 0, expires = 0;
  int rotate = 0;
  tx_.sql() << "SELECT id, person_id, created_at, last_seen_at, expires_at, rotate FROM sessions "
               "WHERE token_hash = :hash",
      use(token_hash, "hash"), into(id), into(pid), into(created), into(seen), into(expires),
      into(rotate);
  if (!tx_.sql().got_data()) return std::nullopt;
  return SessionRecord{id, pid, created, seen, expires, rotate != 0};
}

void SessionRepository::Touch(std::int64_t id, std::int64_t now, std::int64_t expires_at) {
  long long sid = id, seen = now, expires = expires_at;
  tx_.sql() << "UPDATE sessions SET last_seen_at = :seen, expires_at = :expires WHERE id = :id",
      use(seen, "seen"), use(expires, "expires"), use(sid, "id");
}

void SessionRepository::DeleteByHash(const std::string& token_hash) {
  tx_.sql() << "DELETE FROM sessions WHERE token_hash = :hash", use(token_hash, "hash");
}

void SessionRepository::DeleteForPerson(std::int64_t person_id, const std::string& keep_hash) {
  long long pid = person_id;
  tx_.sql() << "DELETE FROM sessions WHERE person_id = :pid AND token_hash <> :keep",
      use(pid, "pid"), use(keep_hash, "keep");
}

void SessionRepository::DeleteExpired(std::int64_t now) {
  long long t = now;
  tx_.sql() << "DELETE FROM sessions WHERE expires_at < :now", use(t, "now");
}

void SessionRepository::MarkRotateForPerson(std::int64_t person_id) {
  long long pid = person_id;
  tx_.sql() << "UPDATE sessions SET rotate = 1 WHERE person_id = :pid", use(pid, "pid");
}

// ---------------------------------------------------------------- API tokens

std::int64_t ApiTokenRepository::Insert(std::int64_t person_id, const std::string& name,
                                        const std::string& token_hash, std::int64_t now) {
  long long pid = person_id, created = now, id = 0;
  tx_.sql() << "INSERT INTO api_tokens (person_id, name, token_hash, created_at) "
               "VALUES (:pid, :name, :hash, :created) RETURNING id",
      use(pid, "pid"), use(name, "name"), use(token_hash, "hash"), use(created, "created"),
      into(id);
  return id;
}

std::optional<std::pair<std::int64_t, std::int64_t>> ApiTokenRepository::FindActiveByHash(
    const std::string& hash) {
  long long id = 0, pid = 0;
  tx_.sql() << "SELECT id, person_id FROM api_tokens WHERE token_hash = :hash AND "
               "revoked_at IS NULL",
      use(hash, "hash"), into(id), into(pid);
  if (!tx_.sql().got_data()) return std::nullopt;
  return std::make_pair<std::int64_t, std::int64_t>(id, pid);
}

void ApiTokenRepository::MarkUsed(std::int64_t id, std::int64_t now) {
  long long tid = id, t = now;
  tx_.sql() << "UPDATE api_tokens SET last_used_at = :t WHERE id = :id", use(t, "t"),
      use(tid, "id");
}

namespace {
struct TokenRow {
  long long id = 0, created = 0, used = 0, revoked = 0;
  std::string name;
  indicator used_ind = soci::i_null, revoked_ind = soci::i_null;
  domain::ApiTokenInfo ToInfo() const {
    domain::ApiTokenInfo t{id, name, created, std::nullopt, std::nullopt};
    if (used_ind == soci::i_ok) t.last_used_at = used;
    if (revoked_ind == soci::i_ok) t.revoked_at = revoked;
    return t;
  }
};
}  // namespace

std::vector<domain::ApiTokenInfo> ApiTokenRepository::ForPerson(std::int64_t person_id) {
  std::vector<domain::ApiTokenInfo> out;
  long long pid = person_id;
  TokenRow r;
  soci::statement st =
      (tx_.sql().prepare << "SELECT id, name, created_at, last_used_at, revoked_at "
                            "FROM api_tokens WHERE person_id = :pid ORDER BY id DESC",
       use(pid, "pid"), into(r.id), into(r.name), into(r.created), into(r.used, r.used_ind),
       into(r.revoked, r.revoked_ind));
  st.execute(false);
  while (st.fetch()) out.push_back(r.ToInfo());
  return out;
}

std::optional<domain::ApiTokenInfo> ApiTokenRepository::Find(std::int64_t id,
                                                             std::int64_t person_id) {
  long long pid = person_id, tid = id;
  TokenRow r;
  tx_.sql() << "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens "
               "WHERE id = :id AND person_id = :pid",
      use(tid, "id"), use(pid, "pid"), into(r.id), into(r.name), into(r.created),
      into(r.used, r.used_ind), into(r.revoked, r.revoked_ind);
  if (!tx_.sql().got_data()) return std::nullopt;
  return r.ToInfo();
}

bool ApiTokenRepository::Revoke(std::int64_t id, std::int64_t person_id, std::int64_t now) {
  long long tid = id, pid = person_id, t = now;
  soci::statement st =
      (tx_.sql().prepare << "UPDATE api_tokens SET revoked_at = :t WHERE id = :id AND "
                            "person_id = :pid AND revoked_at IS NULL",
       use(t, "t"), use(tid, "id"), use(pid, "pid"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

// ---------------------------------------------------------------- one-time tokens

std::int64_t OneTimeTokenRepository::Insert(std::int64_t person_id, const std::string& purpose,
                                            const std::string& token_hash,
                                            std::int64_t expires_at) {
  long long pid = person_id, expires = expires_at, id = 0;
  tx_.sql() << "INSERT INTO one_time_tokens (person_id, purpose, token_hash, expires_at) "
               "VALUES (:pid, :purpose, :hash, :expires) RETURNING id",
      use(pid, "pid"), use(purpose, "purpose"), use(token_hash, "hash"), use(expires, "expires"),
      into(id);
  return id;
}

std::optional<OneTimeTokenRecord> OneTimeTokenRepository::FindByHash(
    const std::string& token_hash) {
  OneTimeTokenRecord r;
  long long id = 0, pid = 0, expires = 0, used = 0;
  indicator used_ind = soci::i_null;
  tx_.sql() << "SELECT id, person_id, purpose, expires_at, used_at FROM one_time_tokens "
               "WHERE token_hash = :hash",
      use(token_hash, "hash"), into(id), into(pid), into(r.purpose), into(expires),
      into(used, used_ind);
  if (!tx_.sql().got_data()) return std::nullopt;
  r.id = id;
  r.person_id = pid;
  r.expires_at = expires;
  if (used_ind == soci::i_ok) r.used_at = used;
  return r;
}

bool OneTimeTokenRepository::MarkUsed(std::int64_t id, std::int64_t now) {
  long long tid = id, t = now;
  soci::statement st = (tx_.sql().prepare << "UPDATE one_time_tokens SET used_at = :t "
                                             "WHERE id = :id AND used_at IS NULL",
                        use(t, "t"), use(tid, "id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void OneTimeTokenRepository::RetireForPerson(std::int64_t person_id, const std::string& purpose,
                                             std::int64_t now) {
  long long pid = person_id, t = now;
  tx_.sql() << "UPDATE one_time_tokens SET used_at = :t WHERE person_id = :pid AND "
               "purpose = :purpose AND used_at IS NULL",
      use(t, "t"), use(pid, "pid"), use(purpose, "purpose");
}

}  // namespace tp::storage
