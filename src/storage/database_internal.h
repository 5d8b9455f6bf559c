#pragma once
// Inside the storage layer only: the connection pool behind storage::Database, shared by
// database.cpp (pool, transactions), migrations.cpp and backup.cpp. Nothing outside src/storage
// includes this file.
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/errors.h"
#include "storage/database.h"

namespace tp::storage {
namespace detail {

using SqliteHandle = sqlite_api::sqlite3;

/// Any PostgreSQL advisory lock key will do as long as nothing else in the database uses it; this
/// one spells "tpmigr" in ASCII.
constexpr long long kMigrationLockKey = 0x74706d696772LL;

/// One line of an error text from libpq or SOCI (they span several), for logs and messages.
std::string OneLine(std::string_view text);
/// `text` with every occurrence of `secret` replaced by "***".
std::string Scrub(std::string text, const std::string& secret);
/// The password in a PostgreSQL URL's connection string, or "".
std::string PasswordOf(const DatabaseUrl& url);
/// Now as "2026-12-04T18:00:00Z".
std::string NowUtcIso8601();
SqliteHandle* SqliteOf(soci::session& sql);
PGconn* PgOf(soci::session& sql);
/// Adds the SQL functions the SQLite migrations use to a connection: tp_unbase64(text) gives
/// the bytes of standard base64 as a blob (NULL when it is not base64), as PostgreSQL's
/// decode(text, 'base64') does.
void AddSqliteFunctions(soci::session& sql);
/// Closes the session, ignoring errors (a broken connection may fail to close).
void CloseQuietly(soci::session& sql) noexcept;
/// libpq's notice processor: notices go to the structured log instead of stderr.
void LogPostgresNotice(void* unused, const char* message);

}  // namespace detail

using namespace detail;

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
    AddSqliteFunctions(sql);
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

}  // namespace tp::storage
