// The pages with role and scope selects: inviting a person to an operator, and one person's
// roles. Which roles and scopes are offered comes from the service, which decides the rights.
#include <algorithm>
#include <map>
#include <string_view>

#include "domain/accounts/rules.h"
#include "web/accounts/routes.h"
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::accounts {

namespace json = boost::json;
using domain::Role;
using services::AccountService;

namespace {

// The string at values[field] of page data, or nullopt when the form did not send it.
std::optional<std::string> ChosenValue(const json::object& data, const char* field) {
  if (auto* v = data.if_contains("values"); v && v->is_object())
    if (auto* f = v->get_object().if_contains(field); f && f->is_string())
      return std::string(f->get_string());
  return std::nullopt;
}

std::string TraineeLabel(const domain::TraineeChoice& t) {
  return t.person_name + " – " + t.employer_name + " – " + t.cohort_name;
}

// The options of the scope <select>: a first option with the empty value, then one optgroup per
// kind of scope with values "operator:3", "employer:12", "trainee:7"; `chosen` is selected.
// `offers_unscoped` tells whether the role select offers system_admin and applicant, for which
// the empty value is the answer rather than a prompt.
void AddScopeSelect(const Context& ctx, json::object& data,
                    const services::GrantScopeChoices& choices, const std::string& chosen,
                    bool offers_unscoped) {
  json::array groups;
  auto group = [&](const char* label, json::array options) {
    if (!options.empty())
      groups.push_back(json::object{{"label", ctx.T(label)}, {"options", std::move(options)}});
  };
  auto option = [&](std::string_view kind, std::int64_t id, const std::string& label) {
    auto value = domain::FormatScopeRef(kind, id);
    const bool selected = value == chosen;
    return json::object{{"value", std::move(value)}, {"label", label}, {"selected", selected}};
  };
  json::array operators, employers, trainees;
  for (const auto& o : choices.operators) operators.push_back(option("operator", o.id, o.name));
  for (const auto& e : choices.employers) employers.push_back(option("employer", e.id, e.name));
  for (const auto& t : choices.trainees)
    trainees.push_back(option("trainee", t.id, TraineeLabel(t)));
  group("Operators", std::move(operators));
  group("Employers", std::move(employers));
  group("Trainees", std::move(trainees));
  data["scope_groups"] = std::move(groups);
  data["scope_none"] =
      ctx.T(offers_unscoped ? "None (system administrator or applicant)" : "Choose…");
}

// The role <select>; `chosen` is selected.
json::array RoleOptions(const Context& ctx, const std::vector<Role>& roles,
                        const std::string& chosen) {
  json::array out;
  for (Role r : roles)
    out.push_back(json::object{{"value", domain::RoleName(r)},
                               {"label", ctx.T(RoleLabel(r))},
                               {"selected", domain::RoleName(r) == chosen}});
  return out;
}

}  // namespace

std::int64_t ScopeFromForm(const Context& ctx, Role role) {
  auto id = domain::ScopeIdForRole(role, ctx.Field("scope"));
  if (!id) throw Invalid(std::vector<FieldError>{{"scope", kScopeMismatch}});
  return *id;
}

std::vector<FieldError> OnScopeSelect(std::vector<FieldError> errors) {
  for (auto& fe : errors)
    if (fe.field == "scope_id") fe.field = "scope";
  return errors;
}

http::Response InvitePage(const Site& site, AccountService& accounts, Context& ctx,
                          std::int64_t operator_id, json::object data, int status) {
  accounts.CheckMayInvite(ctx.actor, operator_id);
  // Operator roles default to the operator whose people the page belongs to.
  AddScopeSelect(
      ctx, data, accounts.ScopeChoices(ctx.actor),
      ChosenValue(data, "scope").value_or(domain::FormatScopeRef("operator", operator_id)), false);
  data["roles"] = RoleOptions(ctx,
                              {Role::kOperatorAdmin, Role::kOperatorStaff, Role::kCoordinator,
                               Role::kMentor, Role::kSupervisor, Role::kTrainee},
                              ChosenValue(data, "role").value_or("operator_staff"));
  data["operator_id"] = operator_id;
  if (!data.contains("values")) data["values"] = json::object{};
  return site.views().Page(ctx, "accounts/invite", "Invite a person", std::move(data), status);
}

namespace {

// The rows of a person's roles; scopes the actor may grant on are shown by name, any other by
// kind and number.
json::array GrantRows(const Context& ctx, const domain::PersonDetails& details,
                      const services::GrantScopeChoices& choices, bool can_revoke) {
  std::map<std::string, std::string> names;
  for (const auto& o : choices.operators) names[domain::FormatScopeRef("operator", o.id)] = o.name;
  for (const auto& e : choices.employers) names[domain::FormatScopeRef("employer", e.id)] = e.name;
  for (const auto& t : choices.trainees)
    names[domain::FormatScopeRef("trainee", t.id)] = TraineeLabel(t);
  json::array grants;
  for (const auto& g : details.grants) {
    const auto kind = domain::RoleScopeKind(g.role);
    std::string scope = "–";
    if (!kind.empty()) {
      auto name = names.find(domain::FormatScopeRef(kind, g.scope_id));
      scope = ctx.T(ScopeLabel(g.role)) +
              (name != names.end() ? ": " + name->second : " " + std::to_string(g.scope_id));
    }
    grants.push_back(
        json::object{{"role", ctx.T(RoleLabel(g.role))},
                     {"role_name", domain::RoleName(g.role)},
                     {"scope", scope},
                     {"can_revoke", can_revoke},
                     {"revoke_url", "/people/" + std::to_string(details.person.id) + "/grants/" +
                                        std::string(domain::RoleName(g.role)) + "/" +
                                        std::to_string(g.scope_id) + "/revoke"}});
  }
  return grants;
}

// The form to grant a role: the roles the service offers the actor and the scopes to choose.
void AddGrantForm(const Context& ctx, json::object& data, const std::vector<Role>& roles,
                  const services::GrantScopeChoices& choices) {
  data["roles"] = RoleOptions(ctx, roles, ChosenValue(data, "role").value_or("operator_staff"));
  // With a single operator to choose, the operator roles need no further choice.
  std::string default_scope = choices.operators.size() == 1
                                  ? domain::FormatScopeRef("operator", choices.operators[0].id)
                                  : std::string();
  // The unscoped roles come with the roles only system admins are offered.
  const bool offers_unscoped =
      std::find(roles.begin(), roles.end(), Role::kSystemAdmin) != roles.end();
  AddScopeSelect(ctx, data, choices, ChosenValue(data, "scope").value_or(default_scope),
                 offers_unscoped);
}

}  // namespace

http::Response PersonPage(const Site& site, AccountService& accounts, Context& ctx,
                          std::int64_t person_id, json::object data, int status) {
  ctx.RequireLogin();
  auto details = accounts.GetPerson(ctx.actor, person_id);
  data["person"] = PersonJson(details.person);
  data["created"] = Date(details.person.created_at);
  const bool can_grant = accounts.MayGrantRoles(ctx.actor);
  services::GrantScopeChoices choices;
  if (can_grant) choices = accounts.ScopeChoices(ctx.actor);
  auto grants = GrantRows(ctx, details, choices, can_grant);
  data["has_grants"] = !grants.empty();
  data["grants"] = std::move(grants);
  data["can_grant"] = can_grant;
  if (can_grant) AddGrantForm(ctx, data, accounts.GrantableRoles(ctx.actor), choices);
  data["saved"] = ctx.request.Query("saved").has_value();
  if (!data.contains("values")) data["values"] = json::object{};
  return site.views().Page(ctx, "accounts/person", "Person", std::move(data), status);
}

}  // namespace tp::web::accounts
