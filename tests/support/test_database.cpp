#include "support/test_database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <utility>

namespace tp::test {
namespace {

namespace fs = std::filesystem;

std::string AdminUrl() {
  const char* url = std::getenv("TP_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') {
    throw std::runtime_error(
        "TP_TEST_POSTGRES_URL is not set: run the tests through `make test` (or "
        "scripts/with-postgres.sh)");
  }
  return url;
}

// "postgresql://u@h:p/postgres?x=y" with the database name swapped, keeping user, host and
// parameters of the admin URL.
std::string WithDatabaseName(const std::string& url, const std::string& name) {
  const auto authority_start = url.find("://");
  if (authority_start == std::string::npos) {
    throw std::runtime_error("TP_TEST_POSTGRES_URL is not a postgresql:// URL");
  }
  const auto path_start = url.find_first_of("/?", authority_start + 3);
  if (path_start == std::string::npos) return url + "/" + name;
  if (url[path_start] == '?')
    return url.substr(0, path_start) + "/" + name + url.substr(path_start);
  const auto query = url.find('?', path_start);
  return url.substr(0, path_start + 1) + name +
         (query == std::string::npos ? std::string() : url.substr(query));
}

void AdminExecute(const std::string& statement) {
  soci::session admin(soci::postgresql, storage::DatabaseUrl::Parse(AdminUrl()).connection_string);
  // Keeps "database ... does not exist, skipping" notices out of the test output.
  admin << "SET client_min_messages = warning";
  admin << statement;
}

}  // namespace

std::string BackendName() {
  const char* value = std::getenv("TP_TEST_DATABASE");
  const std::string name = value == nullptr || *value == '\0' ? "sqlite" : value;
  if (name != "sqlite" && name != "postgresql") {
    throw std::runtime_error("TP_TEST_DATABASE=\"" + name +
                             "\" is not supported: use sqlite or postgresql");
  }
  return name;
}

struct TempDatabase::Impl {
  std::string url;
  fs::path directory;         // SQLite: removed with everything in it
  std::string postgres_name;  // PostgreSQL: dropped

  ~Impl() {
    if (!directory.empty()) {
      std::error_code ec;
      fs::remove_all(directory, ec);
    }
    if (!postgres_name.empty()) {
      try {
        // FORCE ends connections a failed test may have left open, instead of failing the drop.
        AdminExecute("DROP DATABASE IF EXISTS " + postgres_name + " WITH (FORCE)");
      } catch (...) {
        // A destructor must not throw; the throwaway server is deleted after the run anyway.
      }
    }
  }
};

TempDatabase::TempDatabase() : impl_(std::make_unique<Impl>()) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  if (BackendName() == "sqlite") {
    const char* tmpdir = std::getenv("TMPDIR");
    std::string pattern =
        std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") + "/tp-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp " + pattern);
    }
    impl_->directory = pattern;
    impl_->url = "sqlite:" + (impl_->directory / "test.db").string();
    return;
  }
  const std::string admin_url = AdminUrl();
  const std::string name = "tp_t_" + std::to_string(::getpid()) + "_" + std::to_string(n);
  // A database left over by an earlier run whose process id was the same.
  AdminExecute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  // template0 with explicit UTF8 so that the tests see the same encoding whatever the server's
  // defaults are.
  AdminExecute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
  impl_->postgres_name = name;
  impl_->url = WithDatabaseName(admin_url, name);
}

TempDatabase::~TempDatabase() = default;
TempDatabase::TempDatabase(TempDatabase&&) noexcept = default;
TempDatabase& TempDatabase::operator=(TempDatabase&&) noexcept = default;

const std::string& TempDatabase::url() const { return impl_->url; }

namespace {

storage::DatabaseOptions WithCreate(storage::DatabaseOptions options) {
  options.create_sqlite_file = true;
  return options;
}

}  // namespace

TestDatabase::TestDatabase(bool migrate, storage::DatabaseOptions options)
    : db_(storage::Database::Open(temp_.url(), WithCreate(std::move(options)))) {
  if (migrate) db_->Migrate();
}

TestDatabase::~TestDatabase() = default;
TestDatabase::TestDatabase(TestDatabase&&) noexcept = default;

TestDatabase& TestDatabase::operator=(TestDatabase&& other) noexcept {
  if (this != &other) {
    // The pool goes before the database it is connected to.
    db_.reset();
    temp_ = std::move(other.temp_);
    db_ = std::move(other.db_);
  }
  return *this;
}

TestDatabase FreshDatabase(bool migrate, storage::DatabaseOptions options) {
  return TestDatabase(migrate, std::move(options));
}

}  // namespace tp::test
