// What the database's errors mean: constraint violations, and the errors that say the database
// cannot work now (tp::Unavailable).
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <string_view>

#include "storage/database.h"

namespace tp::storage {

bool IsUniqueViolation(const std::exception& error) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    return pg->sqlstate() == "23505";
  }
  if (dynamic_cast<const soci::sqlite3_soci_error*>(&error) != nullptr) {
    // SOCI keeps only the primary result code (SQLITE_CONSTRAINT), shared by every kind of
    // constraint, so the message tells them apart.
    const std::string_view what = error.what();
    return what.find("UNIQUE constraint failed") != std::string_view::npos ||
           what.find("PRIMARY KEY constraint failed") != std::string_view::npos;
  }
  return false;
}

bool IsForeignKeyViolation(const std::exception& error) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    return pg->sqlstate() == "23503";
  }
  if (dynamic_cast<const soci::sqlite3_soci_error*>(&error) != nullptr) {
    return std::string_view(error.what()).find("FOREIGN KEY constraint failed") !=
           std::string_view::npos;
  }
  return false;
}

bool IsUnavailable(const std::exception& error) {
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = pg->sqlstate();
    // 08: connection exception; 53: insufficient resources (53100 disk full); 57P01-57P03:
    // shutting down or not accepting connections; 40001/40P01: serialization failure, deadlock.
    return state.starts_with("08") || state.starts_with("53") || state.starts_with("57P") ||
           state == "40001" || state == "40P01" ||
           pg->get_error_category() == soci::soci_error::connection_error;
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    switch (lite->result() & 0xff) {
      case SQLITE_FULL:
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
        return true;
      default:
        return false;
    }
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
    return soci_error->get_error_category() == soci::soci_error::connection_error;
  }
  return false;
}

}  // namespace tp::storage
