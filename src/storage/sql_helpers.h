#pragma once
#include <soci/soci.h>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

/// Small helpers for hand-written SQL with bound parameters and typed columns, so that each
/// repository method states its SQL and its column types and nothing else.
namespace tp::storage::sqlx {

/// Named parameters bound as `:name`. Values are owned here so they outlive the statement.
class Params {
 public:
  Params& Int(const std::string& name, long long value);
  Params& Text(const std::string& name, std::string value);
  /// NULL when `value` is nullopt.
  Params& OptionalText(const std::string& name, const std::optional<std::string>& value);
  /// Bytes (a file) for a BLOB (SQLite) or BYTEA (PostgreSQL) column.
  Params& Bytes(const std::string& name, std::string value);
  /// Binds every parameter on `st` (before prepare).
  void Bind(soci::statement& st, Tx& tx);

 private:
  enum class Kind { kInt, kText, kBytes };
  struct Entry {
    std::string name;
    Kind kind;
  };
  std::vector<Entry> entries_;
  std::deque<long long> ints_;
  std::deque<std::string> texts_;
  std::deque<soci::indicator> indicators_;
  std::deque<std::string> bytes_;
  std::deque<std::shared_ptr<soci::blob>> blobs_;  // made by Bind
};

/// Runs a statement returning no rows; returns the number of affected rows.
long long Exec(Tx& tx, const std::string& query, Params params = {});

/// A query returning rows whose columns are read as integers ('I'), text ('T') or bytes ('B',
/// a BLOB or BYTEA column), as given by `types` (e.g. "ITTI"). NULLs read as 0 / "".
class Cursor {
 public:
  Cursor(Tx& tx, const std::string& query, Params params, const std::string& types);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  /// Fetches the next row; false at the end.
  bool Next();
  long long Int(std::size_t column) const;
  const std::string& Text(std::size_t column) const;
  /// A 'B' column's bytes.
  const std::string& Bytes(std::size_t column) const;

 private:
  struct Impl;
  Impl* impl_;
};

/// The single integer of a one-row, one-column query (COUNT(*), RETURNING id).
long long Scalar(Tx& tx, const std::string& query, Params params = {});

/// "%q%" with LIKE wildcards escaped by backslash (use `ESCAPE '\'`), lower-cased for ASCII.
std::string ContainsPattern(const std::string& q);

}  // namespace tp::storage::sqlx
