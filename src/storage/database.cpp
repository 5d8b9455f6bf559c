// storage::Database: opening the connection pool, transactions, and the shared helpers.
#include "storage/database.h"

#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "domain/applications/rules.h"
#include "domain/errors.h"
#include "storage/database_internal.h"

namespace tp::storage {
namespace {

namespace fs = std::filesystem;

}  // namespace

namespace detail {

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

namespace {

void Unbase64(sqlite_api::sqlite3_context* context, int, sqlite_api::sqlite3_value** argv) {
  const auto* text = sqlite_api::sqlite3_value_text(argv[0]);
  const int size = sqlite_api::sqlite3_value_bytes(argv[0]);
  auto bytes = text ? domain::Base64Decode(std::string_view(reinterpret_cast<const char*>(text),
                                                            static_cast<std::size_t>(size)))
                    : std::nullopt;
  if (!bytes) return sqlite_api::sqlite3_result_null(context);
  sqlite_api::sqlite3_result_blob(context, bytes->data(), static_cast<int>(bytes->size()),
                                  reinterpret_cast<sqlite_api::sqlite3_destructor_type>(-1));
}

}  // namespace

void AddSqliteFunctions(soci::session& sql) {
  const int rc = sqlite_api::sqlite3_create_function_v2(SqliteOf(sql), "tp_unbase64", 1,
                                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                                                        &Unbase64, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw std::runtime_error("cannot add the SQLite function tp_unbase64");
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

}  // namespace detail

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

}  // namespace tp::storage
