#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/person.h"
#include "domain/accounts/rules.h"
#include "domain/paging.h"
#include "storage/database.h"
#include "storage/mail/outbox_repository.h"

/// Repositories of the accounts area. Each works inside the caller's transaction and does no
/// rights checking: the services decide who may call what.
namespace tp::storage {

/// The people table.
class PersonRepository {
 public:
  explicit PersonRepository(Tx& tx) : tx_(tx) {}
  /// Inserts a person; `email` must already be normalised. Throws tp::Conflict when the e-mail
  /// is taken. Returns the new id.
  std::int64_t Insert(const std::string& email, const std::string& name,
                      const std::optional<std::string>& password_hash, std::int64_t now);
  std::optional<domain::Person> FindById(std::int64_t id);
  /// Looks up by the normalised e-mail.
  std::optional<domain::Person> FindByEmail(const std::string& email);
  /// The stored argon2id hash, or nullopt when none is set (invited, not accepted).
  std::optional<std::string> PasswordHash(std::int64_t id);
  void SetPasswordHash(std::int64_t id, const std::string& hash);
  void SetName(std::int64_t id, const std::string& name);
  void SetLocale(std::int64_t id, const std::string& locale);
  void SetDisabled(std::int64_t id, bool disabled);
  /// People visible to the staff of an operator: a grant scoped to the operator, a coordinator
  /// grant for an employer participating in one of its cohorts, or a mentor/supervisor/trainee
  /// grant for a trainee of one of its cohorts. Sorts by "name" (default), "email" or "created";
  /// `q` matches name or e-mail case-insensitively.
  domain::PageResult<domain::Person> ListForOperator(std::int64_t operator_id,
                                                     const domain::PageRequest& page);
  /// True when ListForOperator would include the person.
  bool VisibleToOperator(std::int64_t person_id, std::int64_t operator_id);

 private:
  Tx& tx_;
};

/// The grants table.
class GrantRepository {
 public:
  explicit GrantRepository(Tx& tx) : tx_(tx) {}
  std::vector<domain::GrantRecord> ForPerson(std::int64_t person_id);
  /// Adds a grant; false when the person already held it. Add and Remove are the one way grants
  /// change: when they do, every session of the person is marked for rotation (see
  /// SessionRecord::rotate), so no session id outlives a change of privileges.
  bool Add(std::int64_t person_id, domain::Role role, std::int64_t scope_id,
           std::optional<std::int64_t> granted_by, std::int64_t now);
  /// Removes a grant; false when there was none.
  bool Remove(std::int64_t person_id, domain::Role role, std::int64_t scope_id);
  /// How many grants of `role` the person holds (any scope).
  long CountRole(std::int64_t person_id, domain::Role role);

 private:
  Tx& tx_;
};

/// Lookups in the programme tables that grant scopes refer to (operators, employers, trainees).
class ScopeRepository {
 public:
  explicit ScopeRepository(Tx& tx) : tx_(tx) {}
  bool OperatorExists(std::int64_t id);
  bool EmployerExists(std::int64_t id);
  /// The operator running the trainee's cohort, or nullopt when the trainee does not exist.
  std::optional<std::int64_t> OperatorOfTrainee(std::int64_t trainee_id);
  /// All employers, ordered by name, for the coordinator choice.
  std::vector<domain::EmployerChoice> Employers();
  /// Operators ordered by name: those with the given ids, or every operator when `ids` is
  /// nullopt. For the choice of an operator role's scope.
  std::vector<domain::OperatorChoice> Operators(
      const std::optional<std::vector<std::int64_t>>& ids);
  /// Trainees in cohorts of programmes run by the given operators (every trainee when
  /// `operator_ids` is nullopt), ordered by the trainee's name, employer and cohort. For the
  /// choice of a mentor, supervisor or trainee grant's scope.
  std::vector<domain::TraineeChoice> Trainees(
      const std::optional<std::vector<std::int64_t>>& operator_ids);

 private:
  Tx& tx_;
};

/// A session as stored.
struct SessionRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::int64_t expires_at = 0;
  bool rotate = false;  ///< the person's roles changed since: replace the id on next use
};

/// The sessions table. Tokens are looked up by their hash only.
class SessionRepository {
 public:
  explicit SessionRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const std::string& token_hash, std::int64_t person_id, std::int64_t now,
                      std::int64_t expires_at, const std::string& ip,
                      const std::string& user_agent);
  std::optional<SessionRecord> FindByHash(const std::string& token_hash);
  /// Records activity and moves the expiry (sliding sessions).
  void Touch(std::int64_t id, std::int64_t now, std::int64_t expires_at);
  void DeleteByHash(const std::string& token_hash);
  /// Ends every session of the person except the one with `keep_hash` (may be empty).
  void DeleteForPerson(std::int64_t person_id, const std::string& keep_hash);
  /// Removes sessions that expired before `now`.
  void DeleteExpired(std::int64_t now);
  /// Marks every session of the person for rotation (their privileges changed).
  void MarkRotateForPerson(std::int64_t person_id);

 private:
  Tx& tx_;
};

/// The api_tokens table.
class ApiTokenRepository {
 public:
  explicit ApiTokenRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(std::int64_t person_id, const std::string& name,
                      const std::string& token_hash, std::int64_t now);
  /// The owner of a token that is not revoked: {token id, person id}.
  std::optional<std::pair<std::int64_t, std::int64_t>> FindActiveByHash(const std::string& hash);
  void MarkUsed(std::int64_t id, std::int64_t now);
  /// The person's tokens, newest first, including revoked ones.
  std::vector<domain::ApiTokenInfo> ForPerson(std::int64_t person_id);
  std::optional<domain::ApiTokenInfo> Find(std::int64_t id, std::int64_t person_id);
  /// Revokes a token of that person; false when not theirs or already revoked.
  bool Revoke(std::int64_t id, std::int64_t person_id, std::int64_t now);

 private:
  Tx& tx_;
};

/// A one-time token (password reset or invitation) as stored.
struct OneTimeTokenRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string purpose;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

/// The one_time_tokens table.
class OneTimeTokenRepository {
 public:
  explicit OneTimeTokenRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(std::int64_t person_id, const std::string& purpose,
                      const std::string& token_hash, std::int64_t expires_at);
  std::optional<OneTimeTokenRecord> FindByHash(const std::string& token_hash);
  /// Marks the token used; false when it was used already (a concurrent second use loses).
  bool MarkUsed(std::int64_t id, std::int64_t now);
  /// Marks every unused token of the person with that purpose used (one reset link ends all).
  void RetireForPerson(std::int64_t person_id, const std::string& purpose, std::int64_t now);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
