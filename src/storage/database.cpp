#include "storage/database.h"

#include <fcntl.h>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "domain/errors.h"
#include "resources/resources.h"

namespace tp::storage {
namespace {

namespace fs = std::filesystem;
using SqliteHandle = sqlite_api::sqlite3;

constexpr std::string_view kSupportedForms =
    "use sqlite:PATH or postgresql://user:password@host:port/dbname";

/// Any PostgreSQL advisory lock key will do as long as nothing else in the database uses it; this
/// one spells "tpmigr" in ASCII.
constexpr long long kMigrationLockKey = 0x74706d696772LL;

// Error texts from libpq and SOCI span several lines; logs and command-line messages want one.
std::string OneLine(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Belt and braces: libpq does not echo passwords, but a message that reaches a log must never
// carry one even if a future version starts to.
std::string Scrub(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
    text.replace(pos, secret.size(), "***");
  }
  return text;
}

[[noreturn]] void ThrowBadUrl(const std::string& url, std::string_view problem) {
  throw std::invalid_argument("database URL \"" + DatabaseUrl::Redact(url) + "\" " +
                              std::string(problem));
}

std::string PercentDecode(std::string_view text, const std::string& url) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    unsigned value = 0;
    const char* first = text.data() + i + 1;
    const char* last = first + std::min<std::size_t>(2, text.size() - i - 1);
    auto [end, ec] = std::from_chars(first, last, value, 16);
    if (ec != std::errc() || end != first + 2) ThrowBadUrl(url, "has a malformed %-escape");
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

// libpq's keyword/value syntax: single quotes protect spaces, backslash escapes ' and \.
std::string QuoteConnValue(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool IsKeyword(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool IsPort(std::string_view port) {
  int value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return ec == std::errc() && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

DatabaseUrl ParsePostgresql(const std::string& url, std::string_view rest) {
  const auto authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  std::vector<std::pair<std::string, std::string>> params;
  std::string_view hostport = authority;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    const std::string user = PercentDecode(userinfo.substr(0, colon), url);
    if (user.empty()) ThrowBadUrl(url, "has an empty user name");
    params.emplace_back("user", user);
    if (colon != std::string_view::npos) {
      params.emplace_back("password", PercentDecode(userinfo.substr(colon + 1), url));
    }
  }

  // libpq accepts a comma-separated list of hosts (tried in turn); keep that ability.
  std::string hosts;
  std::string ports;
  bool any_host = false;
  bool any_port = false;
  std::size_t start = 0;
  while (!hostport.empty()) {
    const auto comma = hostport.find(',', start);
    std::string_view item = hostport.substr(start, comma - start);
    std::string_view host = item;
    std::string_view port;
    if (item.starts_with('[')) {
      const auto close = item.find(']');
      if (close == std::string_view::npos) ThrowBadUrl(url, "has an unclosed [ in its host");
      host = item.substr(1, close - 1);
      const std::string_view after = item.substr(close + 1);
      if (!after.empty()) {
        if (!after.starts_with(':')) ThrowBadUrl(url, "has text after the ] of its host");
        port = after.substr(1);
      }
    } else if (const auto colon = item.rfind(':'); colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
    }
    if (!port.empty() && !IsPort(port)) {
      ThrowBadUrl(url, "has an invalid port \"" + std::string(port) + "\"");
    }
    any_host = any_host || !host.empty();
    any_port = any_port || !port.empty();
    if (start != 0) {
      hosts += ',';
      ports += ',';
    }
    hosts += PercentDecode(host, url);
    ports += port;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (any_host) params.emplace_back("host", hosts);
  if (any_port) params.emplace_back("port", ports);

  std::string_view query;
  if (tail.starts_with('/')) {
    const auto question = tail.find('?');
    const std::string dbname = PercentDecode(tail.substr(1, question - 1), url);
    if (dbname.find('/') != std::string::npos) ThrowBadUrl(url, "has a '/' in its database name");
    if (!dbname.empty()) params.emplace_back("dbname", dbname);
    if (question != std::string_view::npos) query = tail.substr(question + 1);
  } else if (tail.starts_with('?')) {
    query = tail.substr(1);
  }

  bool has_connect_timeout = false;
  bool has_application_name = false;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string key = PercentDecode(pair.substr(0, eq), url);
    if (!IsKeyword(key) || eq == std::string_view::npos) {
      ThrowBadUrl(url, "has a malformed parameter \"" + std::string(pair.substr(0, eq)) + "\"");
    }
    has_connect_timeout = has_connect_timeout || key == "connect_timeout";
    has_application_name = has_application_name || key == "application_name";
    params.emplace_back(key, PercentDecode(pair.substr(eq + 1), url));
  }
  // Without a timeout libpq waits for the operating system's TCP timeout (minutes) when the
  // server is unreachable; a health check must fail sooner than that.
  if (!has_connect_timeout) params.emplace_back("connect_timeout", "10");
  // Lets an operator tell our connections apart in pg_stat_activity.
  if (!has_application_name) params.emplace_back("application_name", "traineeportal");

  DatabaseUrl parsed{Backend::kPostgresql, {}, {}};
  for (const auto& [key, value] : params) {
    if (!parsed.connection_string.empty()) parsed.connection_string += ' ';
    parsed.connection_string += key + "=" + QuoteConnValue(value);
  }
  return parsed;
}

std::string PasswordOf(const DatabaseUrl& url) {
  constexpr std::string_view kKey = "password='";
  const auto pos = url.connection_string.find(kKey);
  if (pos == std::string::npos) return {};
  std::string out;
  for (auto i = pos + kKey.size(); i < url.connection_string.size(); ++i) {
    const char c = url.connection_string[i];
    if (c == '\\' && i + 1 < url.connection_string.size()) {
      out.push_back(url.connection_string[++i]);
    } else if (c == '\'') {
      break;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string NowUtcIso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

SqliteHandle* SqliteOf(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

PGconn* PgOf(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

void CloseQuietly(soci::session& sql) noexcept {
  try {
    sql.close();
  } catch (...) {
    // Closing a connection that is already broken may fail; the session is unusable either way
    // and the next lease opens a new one.
  }
}

// Without this libpq prints notices straight to stderr, bypassing the structured log.
void LogPostgresNotice(void* /*unused*/, const char* message) {
  spdlog::warn("postgresql: {}", OneLine(message));
}

// Checks that the sqlite and postgresql folders hold the same versions: a migration written for
// one backend only would leave the other a schema behind.
void CheckBackendsMatch() {
  std::set<int> sqlite;
  std::set<int> postgresql;
  for (const auto& m : EmbeddedMigrations(Backend::kSqlite)) sqlite.insert(m.version);
  for (const auto& m : EmbeddedMigrations(Backend::kPostgresql)) postgresql.insert(m.version);
  for (int v : sqlite) {
    if (!postgresql.contains(v)) {
      throw std::logic_error("migration " + std::to_string(v) +
                             " exists in migrations/sqlite/ but not in migrations/postgresql/");
    }
  }
  for (int v : postgresql) {
    if (!sqlite.contains(v)) {
      throw std::logic_error("migration " + std::to_string(v) +
                             " exists in migrations/postgresql/ but not in migrations/sqlite/");
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// DatabaseUrl

DatabaseUrl DatabaseUrl::Parse(const std::string& url) {
  if (url.empty()) {
    throw std::invalid_argument("database URL is empty: " + std::string(kSupportedForms));
  }
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(std::string_view("sqlite:").size());
    if (path.starts_with("//")) {
      // "sqlite://data/x.db" would silently mean the absolute path "/data/x.db".
      ThrowBadUrl(url,
                  "is not supported: write sqlite:PATH, e.g. sqlite:data/traineeportal.db "
                  "or sqlite:/var/lib/traineeportal/traineeportal.db");
    }
    if (path.empty()) ThrowBadUrl(url, "has no file path: use sqlite:PATH");
    if (path == ":memory:" || path.starts_with("file:")) {
      ThrowBadUrl(url,
                  "is not supported: the connection pool needs a database file, not an "
                  "in-memory database or SQLite URI");
    }
    if (path.find('"') != std::string::npos) {
      // SOCI's connection string quotes the path with double quotes and has no escape for them.
      ThrowBadUrl(url, "has a double quote in its path");
    }
    return DatabaseUrl{Backend::kSqlite, path, {}};
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) {
      return ParsePostgresql(url, std::string_view(url).substr(scheme.size()));
    }
  }
  ThrowBadUrl(url, "is not supported: " + std::string(kSupportedForms));
}

std::string DatabaseUrl::Redact(const std::string& url) {
  std::string out = url;
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority_start = scheme_end + 3;
    const auto authority_end = out.find_first_of("/?#", authority_start);
    const auto at =
        out.rfind('@', authority_end == std::string::npos ? out.size() - 1 : authority_end - 1);
    if (at != std::string::npos && at >= authority_start) {
      const auto colon = out.find(':', authority_start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password can also travel as a query parameter.
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    if (pos != 0 && out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    const auto value_start = pos + std::string_view("password=").size();
    const auto value_end = out.find('&', value_start);
    out.replace(value_start,
                (value_end == std::string::npos ? out.size() : value_end) - value_start, "***");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Migrations and error classification

std::vector<Migration> EmbeddedMigrations(Backend backend) {
  const std::string prefix =
      backend == Backend::kSqlite ? "migrations/sqlite/" : "migrations/postgresql/";
  std::vector<Migration> out;
  for (const auto& entry : resources::List(prefix)) {
    const std::string name(entry.path.substr(prefix.size()));
    const bool well_formed =
        name.size() > 9 && name.ends_with(".sql") && name[4] == '_' &&
        std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
        std::all_of(name.begin() + 5, name.end() - 4, [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
    if (!well_formed) {
      throw std::logic_error("embedded migration " + std::string(entry.path) +
                             " is not named NNNN_name.sql (lower-case name)");
    }
    out.push_back(
        Migration{std::stoi(name.substr(0, 4)), name, std::string(entry.path), entry.data});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < out.size(); ++i) {
    // Numbers run 1, 2, 3...: a gap or a repeat is a merge mistake that would otherwise let two
    // databases end up with different schemas under the same version.
    if (out[i].version != static_cast<int>(i) + 1) {
      throw std::logic_error("embedded migration " + out[i].path + " should be number " +
                             std::to_string(i + 1) +
                             ": migration numbers must start at 1 and have no gaps or repeats");
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Database

/// No connection could be had: none became free in time, or (re)connecting failed.
struct ConnectionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Database::Impl {
  enum class Mode { kWrite, kRead };

  std::string url;
  std::string redacted_url;
  DatabaseUrl parsed;
  DatabaseOptions options;
  std::unique_ptr<soci::connection_pool> pool;
  std::atomic<std::size_t> in_use{0};

  /// One session taken from the pool for the lifetime of the object, connected on entry.
  class Lease {
   public:
    explicit Lease(Impl& impl) : impl_(impl) {
      if (!impl_.pool->try_lease(pos_, impl_.options.lease_timeout_ms)) {
        throw ConnectionError("no database connection became free within " +
                              std::to_string(impl_.options.lease_timeout_ms) + " ms (pool of " +
                              std::to_string(impl_.options.pool_size) +
                              "); is a transaction opened inside another one?");
      }
      ++impl_.in_use;
      try {
        // A session closed after an error (or known to be dropped by the server) is reopened
        // here, so one failure never poisons the pool. (Not session::is_connected(): on
        // PostgreSQL that costs a round trip to the server on every lease.)
        if (!impl_.Alive(sql())) impl_.Connect(sql());
      } catch (...) {
        Release();
        throw;
      }
    }
    ~Lease() { Release(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    soci::session& sql() { return impl_.pool->at(pos_); }

   private:
    void Release() noexcept {
      if (released_) return;
      released_ = true;
      --impl_.in_use;
      impl_.pool->give_back(pos_);
    }

    Impl& impl_;
    std::size_t pos_ = 0;
    bool released_ = false;
  };

  bool IsSqlite() const { return parsed.backend == Backend::kSqlite; }

  /// (Re)opens `sql` and applies the per-connection settings; throws std::runtime_error.
  void Connect(soci::session& sql) {
    if (sql.get_backend() != nullptr) CloseQuietly(sql);
    try {
      if (IsSqlite()) {
        sql.open(soci::sqlite3, "db=\"" + parsed.sqlite_path + "\"");
        ConfigureSqlite(sql);
      } else {
        sql.open(soci::postgresql, parsed.connection_string);
        ConfigurePostgresql(sql);
      }
    } catch (const std::exception& e) {
      if (sql.get_backend() != nullptr) CloseQuietly(sql);
      std::string detail = OneLine(e.what());
      constexpr std::string_view kSociPrefix = "Cannot establish connection to the database. ";
      if (detail.starts_with(kSociPrefix)) detail.erase(0, kSociPrefix.size());
      throw ConnectionError(
          Scrub((IsSqlite() ? "cannot open SQLite database " : "cannot connect to PostgreSQL ") +
                    redacted_url + ": " + detail,
                PasswordOf(parsed)));
    }
  }

  void ConfigureSqlite(soci::session& sql) {
    // The busy timeout comes first so that switching to WAL waits for a concurrent opener.
    sql << "PRAGMA busy_timeout = " + std::to_string(options.sqlite_busy_timeout_ms);
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    std::transform(mode.begin(), mode.end(), mode.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (mode != "wal") {
      throw std::runtime_error("the file system does not support WAL mode (journal mode is \"" +
                               mode + "\")");
    }
    sql << "PRAGMA foreign_keys = ON";
    sql << "PRAGMA synchronous = " + options.sqlite_synchronous;
    // Reads map the file instead of copying each page out of the kernel's cache into a
    // per-connection cache (2 MB by default): a search over 50 000 applications spent a tenth
    // of its time in those copies. The mapping is shared by every connection and costs
    // resident memory only for pages actually read.
    sql << "PRAGMA mmap_size = 1073741824";
  }

  static void ConfigurePostgresql(soci::session& sql) {
    PQsetNoticeProcessor(PgOf(sql), &LogPostgresNotice, nullptr);
    // Timestamps are stored as unix seconds, but any now() or date arithmetic in SQL must not
    // depend on the server's configured zone.
    sql << "SET TimeZone = 'UTC'";
    sql << "SET client_min_messages = warning";
  }

  /// True unless the connection is known to be dead (only PostgreSQL connections die).
  bool Alive(soci::session& sql) {
    if (sql.get_backend() == nullptr) return false;
    if (IsSqlite()) return true;
    return PQstatus(PgOf(sql)) == CONNECTION_OK;
  }

  /// Ends any open transaction; a connection that cannot do even that is closed, to be reopened
  /// by the next lease. Never throws: it runs while another exception is in flight.
  void Rollback(soci::session& sql) noexcept {
    if (sql.get_backend() == nullptr) return;
    if (IsSqlite()) {
      SqliteHandle* db = SqliteOf(sql);
      // SQLite rolls back by itself on some errors (e.g. SQLITE_FULL); a second ROLLBACK would
      // fail for want of a transaction.
      if (sqlite_api::sqlite3_get_autocommit(db) != 0) return;
      if (sqlite_api::sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr) != SQLITE_OK) {
        spdlog::warn("sqlite rollback failed ({}); reopening the connection",
                     sqlite_api::sqlite3_errmsg(db));
        CloseQuietly(sql);
      }
      return;
    }
    PGconn* conn = PgOf(sql);
    if (PQstatus(conn) != CONNECTION_OK) {
      CloseQuietly(sql);
      return;
    }
    switch (PQtransactionStatus(conn)) {
      case PQTRANS_IDLE:
        return;
      case PQTRANS_INTRANS:
      case PQTRANS_INERROR: {
        PGresult* result = PQexec(conn, "ROLLBACK");
        const bool ok = result != nullptr && PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
        if (!ok) {
          spdlog::warn("postgresql rollback failed ({}); reopening the connection",
                       OneLine(PQerrorMessage(conn)));
          CloseQuietly(sql);
        }
        return;
      }
      default:
        // A command still active or an unknown state: the connection cannot be trusted.
        CloseQuietly(sql);
        return;
    }
  }

  /// Starts a transaction, reconnecting once when the server dropped the pooled connection
  /// while it was idle (a restart or an idle timeout), so that the first request afterwards
  /// does not fail.
  void Begin(soci::session& sql, Mode mode) {
    const char* begin = IsSqlite()
                            ? (mode == Mode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN")
                            : (mode == Mode::kWrite ? "BEGIN" : "BEGIN TRANSACTION READ ONLY");
    try {
      sql << begin;
    } catch (const soci::soci_error&) {
      if (Alive(sql)) throw;
      spdlog::warn("database connection lost; reconnecting");
      Connect(sql);
      sql << begin;
    }
  }

  /// RunOnce, with the errors that say the database cannot work now (no connection, disk full,
  /// locked) turned into tp::Unavailable, once, for every service.
  void Run(Mode mode, const std::function<void(Tx&)>& work) {
    try {
      RunOnce(mode, work);
    } catch (const Unavailable&) {
      throw;
    } catch (const ConnectionError& e) {
      spdlog::warn("database unavailable: {}", e.what());
      throw Unavailable(e.what());
    } catch (const std::exception& e) {
      if (!IsUnavailable(e)) throw;
      const std::string detail = Scrub(OneLine(e.what()), PasswordOf(parsed));
      spdlog::warn("database unavailable: {}", detail);
      throw Unavailable(detail);
    }
  }

  void RunOnce(Mode mode, const std::function<void(Tx&)>& work) {
    Lease lease(*this);
    soci::session& sql = lease.sql();
    Begin(sql, mode);
    // SQLite has no read-only transactions; query_only makes a write inside Read fail on
    // SQLite as it does on PostgreSQL, instead of taking the write lock unnoticed.
    const bool query_only = IsSqlite() && mode == Mode::kRead;
    struct QueryOnlyReset {
      soci::session& sql;
      bool armed = false;
      ~QueryOnlyReset() {
        if (!armed || sql.get_backend() == nullptr) return;
        if (sqlite_api::sqlite3_exec(SqliteOf(sql), "PRAGMA query_only = 0", nullptr, nullptr,
                                     nullptr) != SQLITE_OK) {
          CloseQuietly(sql);
        }
      }
    } reset{sql};
    try {
      if (query_only) {
        reset.armed = true;
        sql << "PRAGMA query_only = 1";
      }
      Tx tx(sql, parsed.backend);
      work(tx);
      sql << "COMMIT";
    } catch (...) {
      Rollback(sql);
      throw;
    }
  }

  /// Runs a migration file's statements through the native handle, which (unlike a SOCI
  /// statement) accepts several statements in one string.
  void ExecScript(soci::session& sql, const Migration& migration) {
    const std::string text(migration.sql);
    std::string error;
    bool still_in_transaction = true;
    if (IsSqlite()) {
      SqliteHandle* db = SqliteOf(sql);
      char* message = nullptr;
      if (sqlite_api::sqlite3_exec(db, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        error = message != nullptr ? message : sqlite_api::sqlite3_errmsg(db);
      }
      sqlite_api::sqlite3_free(message);
      still_in_transaction = sqlite_api::sqlite3_get_autocommit(db) == 0;
    } else {
      PGconn* conn = PgOf(sql);
      PGresult* result = PQexec(conn, text.c_str());
      const auto status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY) {
        error = result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(conn);
      }
      PQclear(result);
      still_in_transaction = PQtransactionStatus(conn) != PQTRANS_IDLE;
    }
    if (!error.empty()) {
      throw std::runtime_error("migration " + migration.path + " failed: " + OneLine(error));
    }
    if (!still_in_transaction) {
      // The runner's own transaction must cover the file and its schema_version row together.
      throw std::runtime_error("migration " + migration.path +
                               " ended the transaction itself: remove BEGIN/COMMIT from it");
    }
  }

  /// Serialises migrators: on SQLite BEGIN IMMEDIATE already does; on PostgreSQL several app
  /// servers may start at once.
  void LockMigrations(soci::session& sql) {
    if (!IsSqlite())
      sql << "SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockKey) + ")";
  }

  bool SchemaVersionExists(soci::session& sql) {
    long long count = 0;
    if (IsSqlite()) {
      sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
          soci::into(count);
    } else {
      sql << "SELECT COUNT(*) FROM information_schema.tables "
             "WHERE table_schema = current_schema() AND table_name = 'schema_version'",
          soci::into(count);
    }
    return count > 0;
  }

  static int MaxVersion(soci::session& sql) {
    long long version = 0;
    sql << "SELECT COALESCE(MAX(version), 0) FROM schema_version", soci::into(version);
    return static_cast<int>(version);
  }
};

Database::Database() : impl_(std::make_unique<Impl>()) {}
Database::~Database() = default;

std::unique_ptr<Database> Database::Open(const std::string& url, DatabaseOptions options) {
  DatabaseUrl parsed = DatabaseUrl::Parse(url);
  // SQLite keeps memory statistics behind one process-wide mutex taken on every allocation;
  // with several worker threads that mutex, not the queries, limits throughput. Nothing here
  // reads the statistics, so they are switched off before the library initialises.
  static std::once_flag sqlite_configured;
  std::call_once(sqlite_configured, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  if (options.pool_size == 0) throw std::invalid_argument("database pool size must be at least 1");
  if (options.lease_timeout_ms < 0) {
    throw std::invalid_argument("database lease timeout must not be negative");
  }
  if (options.sqlite_busy_timeout_ms < 0) {
    throw std::invalid_argument("SQLite busy timeout must not be negative");
  }
  {
    // The value is spliced into a PRAGMA, so only the known words may pass.
    std::string sync = options.sqlite_synchronous;
    std::transform(sync.begin(), sync.end(), sync.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (sync != "OFF" && sync != "NORMAL" && sync != "FULL" && sync != "EXTRA") {
      throw std::invalid_argument("SQLite synchronous setting \"" + options.sqlite_synchronous +
                                  "\" is not one of OFF, NORMAL, FULL, EXTRA");
    }
    options.sqlite_synchronous = sync;
  }

  std::unique_ptr<Database> db(new Database());
  Impl& impl = *db->impl_;
  impl.url = url;
  impl.redacted_url = DatabaseUrl::Redact(url);
  impl.parsed = std::move(parsed);
  impl.options = options;

  if (impl.IsSqlite()) {
    std::error_code ec;
    // Connections are reopened after errors; a relative path must keep meaning the same file
    // even if the working directory changes meanwhile.
    const fs::path absolute = fs::absolute(impl.parsed.sqlite_path, ec);
    if (!ec) impl.parsed.sqlite_path = absolute.string();
    const fs::path file(impl.parsed.sqlite_path);
    const fs::path parent = file.parent_path();
    if (!parent.empty() && !fs::is_directory(parent, ec)) {
      throw std::runtime_error("cannot open SQLite database " + impl.redacted_url + ": folder " +
                               parent.string() + " does not exist");
    }
    if (!options.create_sqlite_file && !fs::exists(file, ec)) {
      throw std::runtime_error("SQLite database file " + file.string() +
                               " does not exist: check database_url, or create it with "
                               "`traineeportal migrate` (or serve --migrate)");
    }
  }

  impl.pool = std::make_unique<soci::connection_pool>(options.pool_size);
  for (std::size_t i = 0; i < options.pool_size; ++i) impl.Connect(impl.pool->at(i));
  return db;
}

Backend Database::backend() const { return impl_->parsed.backend; }
const std::string& Database::url() const { return impl_->url; }

void Database::Transact(const std::function<void(Tx&)>& work) {
  impl_->Run(Impl::Mode::kWrite, work);
}

void Database::Read(const std::function<void(Tx&)>& work) { impl_->Run(Impl::Mode::kRead, work); }

int Database::CurrentVersion() {
  Impl::Lease lease(*impl_);
  soci::session& sql = lease.sql();
  if (!impl_->SchemaVersionExists(sql)) return 0;
  return Impl::MaxVersion(sql);
}

int Database::LatestVersion() const {
  const auto migrations = EmbeddedMigrations(impl_->parsed.backend);
  return migrations.empty() ? 0 : migrations.back().version;
}

int Database::Migrate() {
  CheckBackendsMatch();
  const auto migrations = EmbeddedMigrations(impl_->parsed.backend);
  const int latest = migrations.empty() ? 0 : migrations.back().version;

  int current = 0;
  impl_->Run(Impl::Mode::kWrite, [&](Tx& tx) {
    impl_->LockMigrations(tx.sql());
    tx.sql() << "CREATE TABLE IF NOT EXISTS schema_version ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
    current = Impl::MaxVersion(tx.sql());
  });
  if (current > latest) {
    throw std::runtime_error("database schema is at version " + std::to_string(current) +
                             " but this program knows only up to " + std::to_string(latest) +
                             ": run a newer traineeportal");
  }

  int applied = 0;
  for (const Migration& migration : migrations) {
    if (migration.version <= current) continue;
    bool did_apply = false;
    impl_->Run(Impl::Mode::kWrite, [&](Tx& tx) {
      soci::session& sql = tx.sql();
      impl_->LockMigrations(sql);
      // Another process may have applied it between our check and our lock.
      if (Impl::MaxVersion(sql) >= migration.version) return;
      impl_->ExecScript(sql, migration);
      const long long version = migration.version;
      const std::string applied_at = NowUtcIso8601();
      sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(version), soci::use(migration.name), soci::use(applied_at);
      did_apply = true;
    });
    if (did_apply) {
      ++applied;
      spdlog::info("applied migration {}", migration.path);
    }
  }
  return applied;
}

bool Database::Ping() {
  try {
    Impl::Lease lease(*impl_);
    soci::session& sql = lease.sql();
    // On SQLite "SELECT 1" would not touch the file; reading the schema proves it is readable.
    const char* probe = impl_->IsSqlite() ? "SELECT COUNT(*) + 1 FROM sqlite_master" : "SELECT 1";
    long long answer = 0;
    try {
      sql << probe, soci::into(answer);
    } catch (const soci::soci_error&) {
      if (impl_->Alive(sql)) throw;
      // The server dropped an idle connection (e.g. it restarted): one fresh attempt tells
      // whether the database itself is reachable.
      impl_->Connect(sql);
      sql << probe, soci::into(answer);
    }
    return answer >= 1;
  } catch (const std::exception& e) {
    spdlog::warn("database ping failed: {}", OneLine(e.what()));
    return false;
  }
}

std::size_t Database::pool_size() const { return impl_->options.pool_size; }
std::size_t Database::pool_in_use() const { return impl_->in_use.load(); }

void Database::BackupSqlite(const std::string& target_path) {
  if (!impl_->IsSqlite()) {
    throw std::logic_error("BackupSqlite works on SQLite only; back up PostgreSQL with pg_dump");
  }
  if (target_path.empty()) throw std::invalid_argument("backup target path is empty");
  const fs::path target(target_path);
  const fs::path source(impl_->parsed.sqlite_path);
  std::error_code ec;
  if (fs::exists(target, ec) && fs::equivalent(target, source, ec)) {
    throw std::invalid_argument("backup target " + target_path + " is the database itself");
  }
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) {
      throw std::runtime_error("cannot create directory " + target.parent_path().string() +
                               " for the backup: " + ec.message());
    }
  }
  // Written beside the target and renamed into place, so a crash mid-copy never leaves a
  // truncated file under the name an operator would restore from.
  const fs::path partial = target_path + ".partial";
  fs::remove(partial, ec);

  Impl::Lease lease(*impl_);
  SqliteHandle* source_db = SqliteOf(lease.sql());
  SqliteHandle* dest = nullptr;
  std::string error;
  if (sqlite_api::sqlite3_open_v2(partial.c_str(), &dest,
                                  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                  nullptr) != SQLITE_OK) {
    error = dest != nullptr ? sqlite_api::sqlite3_errmsg(dest) : "out of memory";
  } else if (auto* backup = sqlite_api::sqlite3_backup_init(dest, "main", source_db, "main");
             backup == nullptr) {
    error = sqlite_api::sqlite3_errmsg(dest);
  } else {
    // One step copies everything inside a single read transaction: a consistent snapshot, and
    // in WAL mode writers carry on meanwhile.
    int rc = SQLITE_OK;
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(impl_->options.sqlite_busy_timeout_ms);
    do {
      rc = sqlite_api::sqlite3_backup_step(backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite_api::sqlite3_sleep(20);
    } while ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
             std::chrono::steady_clock::now() < deadline);
    sqlite_api::sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      error = sqlite_api::sqlite3_errstr(rc);
    } else if (sqlite_api::sqlite3_exec(dest, "PRAGMA journal_mode = DELETE", nullptr, nullptr,
                                        nullptr) != SQLITE_OK) {
      // A rollback-journal file is self-contained: no -wal file to forget when copying it.
      error = sqlite_api::sqlite3_errmsg(dest);
    }
  }
  if (dest != nullptr && sqlite_api::sqlite3_close(dest) != SQLITE_OK && error.empty()) {
    error = "closing the copy failed";
  }
  if (!error.empty()) {
    fs::remove(partial, ec);
    throw std::runtime_error("backup of " + impl_->redacted_url + " to " + target_path +
                             " failed: " + error);
  }
  fs::rename(partial, target, ec);
  if (ec) {
    fs::remove(partial, ec);
    throw std::runtime_error("backup to " + target_path + " failed: " + ec.message());
  }
  // The rename is durable only once the directory entry is on disk.
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace tp::storage
