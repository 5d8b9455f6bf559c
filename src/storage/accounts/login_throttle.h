#pragma once
#include <cstdint>
#include <string>

#include "storage/database.h"

namespace tp::storage {

/// The login_failures table, for throttling.
class LoginFailureRepository {
 public:
  explicit LoginFailureRepository(Tx& tx) : tx_(tx) {}
  void Record(const std::string& subject, std::int64_t at);
  /// Failures of `subject` at or after `since`.
  long CountSince(const std::string& subject, std::int64_t since);
  /// The time of the latest failure of `subject`, or 0 when none.
  std::int64_t Latest(const std::string& subject);
  /// Forgets the failures of a subject (after a successful login).
  void Clear(const std::string& subject);
  /// Forgets the failures of every subject that starts with `prefix`.
  void ClearPrefix(const std::string& prefix);
  /// Forgets failures older than `before`.
  void Prune(std::int64_t before);

 private:
  Tx& tx_;
};

/// The login_devices table: browsers that logged in to an account, known by the hash of the
/// device cookie they carry. Works inside the caller's transaction; no rights checks.
class LoginDeviceRepository {
 public:
  explicit LoginDeviceRepository(Tx& tx) : tx_(tx) {}
  void Insert(const std::string& token_hash, std::int64_t person_id, std::int64_t now);
  /// True when the hash belongs to a device of that person used at or after `since`.
  bool IsKnown(const std::string& token_hash, std::int64_t person_id, std::int64_t since);
  /// Records a login from the device.
  void Touch(const std::string& token_hash, std::int64_t now);
  /// Forgets devices not used since before `before`.
  void Prune(std::int64_t before);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
