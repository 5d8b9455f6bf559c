#include "domain/accounts/actor.h"

#include <algorithm>
#include <array>
#include <utility>

#include "domain/errors.h"

namespace tp::domain {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 8> kNames{{
    {Role::kSystemAdmin, "system_admin"},
    {Role::kOperatorAdmin, "operator_admin"},
    {Role::kOperatorStaff, "operator_staff"},
    {Role::kCoordinator, "coordinator"},
    {Role::kMentor, "mentor"},
    {Role::kSupervisor, "supervisor"},
    {Role::kTrainee, "trainee"},
    {Role::kApplicant, "applicant"},
}};
}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, n] : kNames)
    if (r == role) return n;
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kNames)
    if (n == name) return r;
  return std::nullopt;
}

std::string_view RoleScopeKind(Role role) {
  switch (role) {
    case Role::kOperatorAdmin:
    case Role::kOperatorStaff:
      return "operator";
    case Role::kCoordinator:
      return "employer";
    case Role::kMentor:
    case Role::kSupervisor:
    case Role::kTrainee:
      return "trainee";
    case Role::kSystemAdmin:
    case Role::kApplicant:
      return "";
  }
  return "";
}

bool Actor::IsSystemAdmin() const { return HasAny(Role::kSystemAdmin); }

bool Actor::Has(Role role, std::int64_t scope_id) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const Grant& g) { return g.role == role && g.scope_id == scope_id; });
}

bool Actor::HasAny(Role role) const {
  return std::any_of(grants.begin(), grants.end(), [&](const Grant& g) { return g.role == role; });
}

bool Actor::CanWorkForOperator(std::int64_t operator_id) const {
  return IsSystemAdmin() || Has(Role::kOperatorAdmin, operator_id) ||
         Has(Role::kOperatorStaff, operator_id);
}

bool Actor::CanAdministerOperator(std::int64_t operator_id) const {
  return IsSystemAdmin() || Has(Role::kOperatorAdmin, operator_id);
}

bool Actor::WorksForAnyOperator() const {
  return IsSystemAdmin() || HasAny(Role::kOperatorAdmin) || HasAny(Role::kOperatorStaff);
}

std::vector<std::int64_t> Actor::ScopesOf(Role role) const {
  std::vector<std::int64_t> out;
  for (const auto& g : grants)
    if (g.role == role) out.push_back(g.scope_id);
  return out;
}

void RequireLogin(const Actor& actor) {
  if (actor.IsAnonymous()) throw Unauthenticated("login required");
}

}  // namespace tp::domain
