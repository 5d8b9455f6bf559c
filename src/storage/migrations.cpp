// The embedded migrations and applying them (storage::Database::Migrate).
#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "resources/resources.h"
#include "storage/database_internal.h"

namespace tp::storage {
namespace {

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

int Database::Migrate(int up_to) {
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
    if (migration.version <= current || migration.version > up_to) continue;
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

}  // namespace tp::storage
