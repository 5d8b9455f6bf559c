#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/mail/outbox.h"

/// Plain records of the accounts area, shared by storage, services and web.
namespace tp::domain {

/// A person who can (or, before accepting an invitation, will) log in.
struct Person {
  std::int64_t id = 0;
  std::string email;  ///< stored lower-cased
  std::string name;
  std::string locale;  ///< "nb", "nn", "en" or "" (follow the browser)
  bool disabled = false;
  bool has_password = false;    ///< false until an invitation is accepted
  std::int64_t created_at = 0;  ///< unix seconds UTC
};

/// A grant as stored, with who gave it.
struct GrantRecord {
  Role role = Role::kApplicant;
  std::int64_t scope_id = 0;
  std::optional<std::int64_t> granted_by;
  std::int64_t created_at = 0;
};

/// A person and their grants, as shown on the person page and /api/v1/me.
struct PersonDetails {
  Person person;
  std::vector<GrantRecord> grants;
};

/// A personal API token as listed (the raw value is never stored).
struct ApiTokenInfo {
  std::int64_t id = 0;
  std::string name;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  std::optional<std::int64_t> revoked_at;
};

/// An employer to choose from when naming a coordinator.
struct EmployerChoice {
  std::int64_t id = 0;
  std::string name;
};

}  // namespace tp::domain
