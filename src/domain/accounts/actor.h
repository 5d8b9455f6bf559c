#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Who is acting, and the scoped grants that decide what they may do.
namespace tp::domain {

/// Roles are always granted with a scope: the id of the operator, employer or trainee they apply
/// to (0 for the unscoped roles system_admin and applicant).
enum class Role {
  kSystemAdmin,    ///< everything; scope 0
  kOperatorAdmin,  ///< scope: operator id; manages the operator's programmes and people
  kOperatorStaff,  ///< scope: operator id; works on the operator's programmes
  kCoordinator,    ///< scope: employer id (traineekoordinator)
  kMentor,         ///< scope: trainee id
  kSupervisor,     ///< scope: trainee id (faglig veileder)
  kTrainee,        ///< scope: trainee id (the person's own trainee record)
  kApplicant,      ///< scope 0
};

/// Stable text form stored in the database and used in the API: "system_admin",
/// "operator_admin", "operator_staff", "coordinator", "mentor", "supervisor", "trainee",
/// "applicant".
std::string_view RoleName(Role role);
/// Inverse of RoleName; nullopt for unknown text.
std::optional<Role> ParseRole(std::string_view name);
/// What the role's scope id refers to: "operator", "employer", "trainee" or "" (unscoped).
std::string_view RoleScopeKind(Role role);

struct Grant {
  Role role;
  std::int64_t scope_id = 0;
};

/// The person behind a request. Anonymous when person_id == 0.
struct Actor {
  std::int64_t person_id = 0;
  std::string name;
  std::string email;
  std::string locale;  ///< user setting ("nb", "nn", "en") or empty for Accept-Language
  std::vector<Grant> grants;

  bool IsAnonymous() const { return person_id == 0; }
  bool IsSystemAdmin() const;
  /// Holds `role` for exactly this scope.
  bool Has(Role role, std::int64_t scope_id) const;
  /// Holds `role` for any scope.
  bool HasAny(Role role) const;
  /// Operator admin or staff of that operator, or system admin.
  bool CanWorkForOperator(std::int64_t operator_id) const;
  /// Operator admin of that operator, or system admin.
  bool CanAdministerOperator(std::int64_t operator_id) const;
  /// Operator admin or staff of any operator, or system admin: the operator side of the system.
  bool WorksForAnyOperator() const;
  /// Scope ids for which the actor holds `role`.
  std::vector<std::int64_t> ScopesOf(Role role) const;
};

/// Throws tp::Unauthenticated when the actor is anonymous: the first check of every use case
/// that needs a logged-in person.
void RequireLogin(const Actor& actor);

}  // namespace tp::domain
