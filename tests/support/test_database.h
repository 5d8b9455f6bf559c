#pragma once
#include <memory>
#include <string>

#include "storage/database.h"

/// Throwaway databases for tests, on the backend chosen by the environment:
///   TP_TEST_DATABASE      "sqlite" (default) or "postgresql"
///   TP_TEST_POSTGRES_URL  for postgresql: the admin URL of a running server, set by
///                         scripts/with-postgres.sh (which `make test` uses)
namespace tp::test {

/// "sqlite" or "postgresql" from TP_TEST_DATABASE ("sqlite" when unset). Throws
/// std::runtime_error for any other value.
std::string BackendName();

/// A new, empty database that nothing has opened yet: an SQLite file in a new temporary
/// directory, or a new database (tp_t_<pid>_<n>) on the test PostgreSQL server. Removed (the
/// directory deleted, or the database dropped) when the object is destroyed. Use it for code
/// that opens the database itself, such as the App; keep it alive longer than that code.
class TempDatabase {
 public:
  /// Creates the database. Throws std::runtime_error when TP_TEST_DATABASE=postgresql and
  /// TP_TEST_POSTGRES_URL is not set, or when the server refuses.
  TempDatabase();
  ~TempDatabase();
  TempDatabase(TempDatabase&&) noexcept;
  TempDatabase& operator=(TempDatabase&&) noexcept;

  /// The URL to open it with ("sqlite:/tmp/tp-test-.../test.db" or "postgresql://...").
  const std::string& url() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// A TempDatabase opened as a storage::Database. The pool is closed before the database is
/// removed. Use it like a pointer: `db->Transact(...)`, `*db`.
class TestDatabase {
 public:
  /// Creates and opens a temporary database; runs the migrations when `migrate`.
  explicit TestDatabase(bool migrate = true, storage::DatabaseOptions options = {});
  ~TestDatabase();
  TestDatabase(TestDatabase&&) noexcept;
  TestDatabase& operator=(TestDatabase&&) noexcept;

  /// The open database.
  storage::Database& get() const { return *db_; }
  /// The open database.
  storage::Database& operator*() const { return *db_; }
  /// The open database.
  storage::Database* operator->() const { return db_.get(); }
  /// The URL the database was opened with (another pool may open it too).
  const std::string& url() const { return temp_.url(); }

 private:
  // Declared first so that it is destroyed last, after the pool that uses it.
  TempDatabase temp_;
  std::unique_ptr<storage::Database> db_;
};

/// A fresh database for one test, opened and (by default) migrated to the latest version.
TestDatabase FreshDatabase(bool migrate = true, storage::DatabaseOptions options = {});

}  // namespace tp::test
