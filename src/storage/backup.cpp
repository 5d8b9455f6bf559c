// storage::Database::BackupSqlite: SQLite's online backup into another file.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

#include "storage/database_internal.h"

namespace tp::storage {
namespace {

namespace fs = std::filesystem;

}  // namespace

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
