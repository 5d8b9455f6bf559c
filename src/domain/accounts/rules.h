#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/errors.h"

/// Pure rules for accounts: what a valid e-mail address, password, name and language are, and
/// who may grant which role.
namespace tp::domain {

/// Shortest password accepted.
inline constexpr std::size_t kMinPasswordLength = 10;
/// Longest e-mail address accepted (RFC 5321 path limit).
inline constexpr std::size_t kMaxEmailLength = 254;

/// Trims surrounding whitespace and lower-cases ASCII letters; the stored form of an address.
std::string NormalizeEmail(std::string_view email);

/// Trims surrounding whitespace; the stored form of a person's or token's name.
std::string NormalizeName(std::string_view name);

/// nullopt when acceptable; otherwise the msgid of the problem. Checks: not empty, exactly one
/// '@' with text on both sides, a dot inside the domain part (not first or last), no whitespace,
/// at most 254 characters.
std::optional<std::string> CheckEmail(std::string_view email);
/// nullopt when acceptable; otherwise the msgid: at least 10 characters (bytes of UTF-8 are
/// counted as characters) and not made of digits only.
std::optional<std::string> CheckPassword(std::string_view password);
/// Seconds a further login attempt for one account from one address must wait after the latest
/// of `failures` failed attempts: none for the first `free_failures`, then `first_delay_seconds`,
/// doubling with each further failure up to `max_delay_seconds`. A growing delay, never a wall
/// that an attacker could keep up.
long LoginDelaySeconds(long failures, long free_failures, long first_delay_seconds,
                       long max_delay_seconds);
/// nullopt when acceptable; otherwise the msgid: a name is required and at most 200 characters.
std::optional<std::string> CheckPersonName(std::string_view name);
/// True for the selectable interface languages "nb", "nn", "en" and "" (follow the browser).
bool IsSupportedLanguage(std::string_view lang);

/// Appends a FieldError for each failed check; used by services before throwing Invalid.
void AppendFieldProblem(std::vector<FieldError>& errors, const std::string& field,
                        const std::optional<std::string>& problem);

/// Where a grant's scope sits, as looked up by the service before asking MayGrant.
struct ScopeFacts {
  bool exists = false;                      ///< the operator/employer/trainee exists
  std::optional<std::int64_t> operator_id;  ///< the operator the scope belongs to, when known
};

/// Whether `actor` may grant or revoke `role` on a scope described by `facts`:
///  - system admin: any role on an existing scope;
///  - operator admin of O: operator_admin/operator_staff with scope O; coordinator for any
///    existing employer; mentor/supervisor/trainee for a trainee in one of O's cohorts;
///  - nobody else, and system_admin/applicant only by a system admin.
bool MayGrant(const Actor& actor, Role role, const ScopeFacts& facts);

/// True when the actor is operator admin somewhere (admin-like operators may invite).
bool IsAnyOperatorAdmin(const Actor& actor);

/// A grant scope as chosen on a web form, written "operator:3", "employer:12" or "trainee:7".
struct ScopeRef {
  std::string kind;  ///< "operator", "employer" or "trainee" (see RoleScopeKind)
  std::int64_t id = 0;
};

/// Parses "<kind>:<id>" with a known kind and a positive decimal id; nullopt for anything else.
std::optional<ScopeRef> ParseScopeRef(std::string_view text);
/// The form value of a scope: "<kind>:<id>".
std::string FormatScopeRef(std::string_view kind, std::int64_t id);
/// The scope id of `role` from a form value: 0 for an unscoped role with an empty value, the id
/// when the value's kind is the role's scope kind, nullopt when the value does not fit the role.
std::optional<std::int64_t> ScopeIdForRole(Role role, std::string_view text);

/// An operator to choose as the scope of an operator role.
struct OperatorChoice {
  std::int64_t id = 0;
  std::string name;
};

/// A trainee to choose as the scope of a mentor, supervisor or trainee grant.
struct TraineeChoice {
  std::int64_t id = 0;  ///< trainees.id, the scope id
  std::string person_name;
  std::string employer_name;
  std::string cohort_name;
};

}  // namespace tp::domain
