// What the accounts pages and API share: role and scope labels, dates, the JSON of people,
// grants and tokens, and the page of a spent e-mail link.
#include "domain/accounts/rules.h"
#include "domain/dates.h"
#include "web/accounts/routes.h"
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web {

std::string RoleLabel(domain::Role role) {
  switch (role) {
    case domain::Role::kSystemAdmin:
      return "System administrator";
    case domain::Role::kOperatorAdmin:
      return "Operator administrator";
    case domain::Role::kOperatorStaff:
      return "Operator staff";
    case domain::Role::kCoordinator:
      return "Trainee coordinator";
    case domain::Role::kMentor:
      return "Mentor";
    case domain::Role::kSupervisor:
      return "Professional supervisor";
    case domain::Role::kTrainee:
      return "Trainee";
    case domain::Role::kApplicant:
      return "Applicant";
  }
  return "";
}

namespace accounts {

namespace json = boost::json;
using domain::Role;

std::string ScopeLabel(Role role) {
  auto kind = domain::RoleScopeKind(role);
  if (kind == "operator") return "Operator";
  if (kind == "employer") return "Employer";
  if (kind == "trainee") return "Trainee";
  return "";
}

std::string Date(std::int64_t unix_seconds) {
  return domain::FormatNorwegian(domain::OsloDateAt(unix_seconds));
}

json::object PersonJson(const domain::Person& p) {
  return json::object{{"id", p.id},
                      {"email", p.email},
                      {"name", p.name},
                      {"locale", p.locale},
                      {"disabled", p.disabled},
                      {"has_password", p.has_password},
                      {"created_at", domain::FormatIso(domain::OsloDateAt(p.created_at))}};
}

json::array GrantsJson(const std::vector<domain::GrantRecord>& grants) {
  json::array out;
  for (const auto& g : grants)
    out.push_back(json::object{{"role", domain::RoleName(g.role)}, {"scope_id", g.scope_id}});
  return out;
}

json::object TokenJson(const domain::ApiTokenInfo& t) {
  json::object o{{"id", t.id}, {"name", t.name}, {"created_at", t.created_at}};
  o["last_used_at"] = t.last_used_at ? json::value(*t.last_used_at) : json::value(nullptr);
  o["revoked_at"] = t.revoked_at ? json::value(*t.revoked_at) : json::value(nullptr);
  return o;
}

// Scope ids come from text; anything that is not a plain non-negative number is "no scope".
std::int64_t ParseScope(const std::string& text) {
  if (text.empty() || text.size() > 18) return -1;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

Role RoleFromText(const std::string& text, const std::string& field) {
  auto role = domain::ParseRole(text);
  if (!role) throw Invalid(std::vector<FieldError>{{field, "Choose a role."}});
  return *role;
}

void RequireRepeatedPassword(const Context& ctx) {
  if (Raw(ctx, "new_password") != Raw(ctx, "new_password_confirm"))
    throw Invalid(std::vector<FieldError>{{"new_password_confirm", "The passwords do not match."}});
}

http::Response LinkInvalid(const Site& site, Context& ctx) {
  return site.views().Page(ctx, "accounts/link_invalid", "Link not valid", json::object{}, 404);
}

}  // namespace accounts
}  // namespace tp::web
