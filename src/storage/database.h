#pragma once
#include <cstddef>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

/// The SOCI session pool, connection set-up and migrations, for SQLite and PostgreSQL.
namespace tp::storage {

enum class Backend { kSqlite, kPostgresql };

/// Parsed form of a database URL: "sqlite:PATH" (PATH may be relative; ":memory:" is refused
/// because a pool needs a shared file) or "postgresql://user:pw@host:port/db".
struct DatabaseUrl {
  Backend backend;
  std::string sqlite_path;        ///< for SQLite
  std::string connection_string;  ///< SOCI connect string for PostgreSQL
  /// Throws std::invalid_argument with a one-line message naming the problem.
  static DatabaseUrl Parse(const std::string& url);
  /// `url` with any password replaced by "***", for logs and error messages.
  static std::string Redact(const std::string& url);
};

struct DatabaseOptions {
  std::size_t pool_size = 8;
  /// SQLite only: "FULL" (default, an acknowledged write survives a power cut) or "NORMAL".
  std::string sqlite_synchronous = "FULL";
  int sqlite_busy_timeout_ms = 10000;
  /// How long Transact/Read wait for a free connection before throwing std::runtime_error.
  int lease_timeout_ms = 30000;
  /// SQLite only: create the database file when it does not exist (migrate, serve --migrate).
  /// Without it a missing file is refused, so a mistyped path never becomes an empty database.
  /// A missing folder is refused either way.
  bool create_sqlite_file = false;
};

/// One embedded migration file.
struct Migration {
  int version;           ///< NNNN from the file name
  std::string name;      ///< the file name, e.g. "0001_accounts.sql"
  std::string path;      ///< the embedded path, e.g. "migrations/sqlite/0001_accounts.sql"
  std::string_view sql;  ///< the file's text (several statements)
};

/// The migrations embedded for `backend`, sorted by version. Throws std::logic_error when a file
/// name is not NNNN_name.sql or the versions are not 1, 2, 3, ... without gaps or repeats.
std::vector<Migration> EmbeddedMigrations(Backend backend);

/// True when `error` is a UNIQUE or PRIMARY KEY violation reported by either backend. On
/// PostgreSQL the transaction is aborted after it: map it to tp::Conflict and let it end the
/// transaction, or avoid it with INSERT ... ON CONFLICT DO NOTHING.
bool IsUniqueViolation(const std::exception& error);
/// True when `error` is a FOREIGN KEY violation reported by either backend (same caveat).
bool IsForeignKeyViolation(const std::exception& error);
/// True when `error` says the database cannot work now rather than that the request is wrong:
/// SQLite out of space, busy/locked past the timeout, an I/O error or a file it cannot open
/// (not a write refused inside Read, which is a programming error);
/// PostgreSQL unreachable, shutting down, out of resources, or a serialization failure.
/// Database::Transact and Read turn such errors into tp::Unavailable.
bool IsUnavailable(const std::exception& error);

/// A transaction in progress. Repositories are constructed on it; the service that opened it
/// decides commit (return normally) or rollback (throw).
class Tx {
 public:
  explicit Tx(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  soci::session& sql() const { return sql_; }
  Backend backend() const { return backend_; }

 private:
  soci::session& sql_;
  Backend backend_;
};

/// A pool of connections to one database. Thread-safe.
class Database {
 public:
  /// Opens `pool_size` connections. SQLite: WAL, foreign_keys=ON, busy_timeout, synchronous as
  /// configured; the file must exist unless `create_sqlite_file`, and its folder must exist.
  /// Throws std::runtime_error with one line naming the problem and the path.
  static std::unique_ptr<Database> Open(const std::string& url, DatabaseOptions options = {});
  ~Database();

  Backend backend() const;
  const std::string& url() const;

  /// Runs `work` inside one transaction on a leased connection: commits when it returns,
  /// rolls back when it throws (and rethrows). SQLite write transactions use BEGIN IMMEDIATE
  /// so concurrent writers wait on the busy timeout instead of failing on upgrade.
  void Transact(const std::function<void(Tx&)>& work);
  /// Same, for read-only work (no write lock taken on SQLite).
  /// A write inside fails on both backends (PostgreSQL READ ONLY, SQLite query_only).
  void Read(const std::function<void(Tx&)>& work);

  /// Highest migration version applied (0 on an empty database).
  int CurrentVersion();
  /// Highest migration version embedded in the binary for this backend.
  int LatestVersion() const;
  /// Applies every pending migration (up to version `up_to`, for tests of a migration), each in
  /// its own transaction, recorded in schema_version. Returns the number applied.
  int Migrate(int up_to = std::numeric_limits<int>::max());
  /// True when the database answers a trivial query.
  bool Ping();

  /// Pool figures for /metrics.
  std::size_t pool_size() const;
  std::size_t pool_in_use() const;

  /// SQLite online backup into `target_path` (throws for PostgreSQL).
  void BackupSqlite(const std::string& target_path);

 private:
  Database();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tp::storage
