#include "web/accounts/routes.h"

#include <boost/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

#include "domain/accounts/rules.h"
#include "domain/dates.h"
#include "domain/errors.h"
#include "services/accounts/account_service.h"
#include "services/tokens.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/lists.h"
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

namespace {

namespace json = boost::json;
using domain::Role;
using services::AccountService;

// The browser's device cookie: a login from it is exempt from throttling for its account.
constexpr const char* kDeviceCookie = "tp_device";

const std::vector<Role> kAllRoles{Role::kSystemAdmin, Role::kOperatorAdmin, Role::kOperatorStaff,
                                  Role::kCoordinator, Role::kMentor,        Role::kSupervisor,
                                  Role::kTrainee,     Role::kApplicant};

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

Role RoleFromText(const std::string& text, const std::string& field = "role") {
  auto role = domain::ParseRole(text);
  if (!role) throw Invalid(std::vector<FieldError>{{field, "Choose a role."}});
  return *role;
}

std::string JsonString(const json::value& body, const char* key) {
  if (!body.is_object()) return "";
  auto* v = body.get_object().if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t JsonInt(const json::value& body, const char* key, std::int64_t fallback) {
  if (!body.is_object()) return fallback;
  auto* v = body.get_object().if_contains(key);
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return fallback;
}

// The string at values[field] of page data, or nullopt when the form did not send it.
std::optional<std::string> ChosenValue(const json::object& data, const char* field) {
  if (auto* v = data.if_contains("values"); v && v->is_object())
    if (auto* f = v->get_object().if_contains(field); f && f->is_string())
      return std::string(f->get_string());
  return std::nullopt;
}

constexpr const char* kScopeMismatch = "Choose a scope that fits the role.";

// The scope id of `role` from the form's "scope" select ("operator:3", "employer:12",
// "trainee:7", or empty for the unscoped roles). Invalid on "scope" when it does not fit.
std::int64_t ScopeFromForm(const Context& ctx, Role role) {
  auto id = domain::ScopeIdForRole(role, ctx.Field("scope"));
  if (!id) throw Invalid(std::vector<FieldError>{{"scope", kScopeMismatch}});
  return *id;
}

// The service names the scope "scope_id" (the API's field); the forms call it "scope".
std::vector<FieldError> OnScopeSelect(std::vector<FieldError> errors) {
  for (auto& fe : errors)
    if (fe.field == "scope_id") fe.field = "scope";
  return errors;
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

class AccountRoutes {
 public:
  AccountRoutes(Site& site, AccountService& accounts,
                std::vector<std::pair<std::string, std::string>> demo_logins,
                std::string demo_password)
      : site_(site),
        accounts_(accounts),
        demo_logins_(std::move(demo_logins)),
        demo_password_(std::move(demo_password)) {}

  /// Registers every route; the handlers share ownership of `self` (this object).
  void Register(const std::shared_ptr<AccountRoutes>& self);

 private:
  const Views& views() const { return site_.views(); }

  http::Response LoginPage(Context& ctx, json::object data, int status);
  http::Response AccountPage(Context& ctx, json::object data, int status);
  http::Response InvitePage(Context& ctx, std::int64_t operator_id, json::object data, int status);
  http::Response PersonPage(Context& ctx, std::int64_t person_id, json::object data, int status);
  http::Response TokensPage(Context& ctx, json::object data, int status);
  http::Response LinkInvalid(Context& ctx);

  Site& site_;
  AccountService& accounts_;
  std::vector<std::pair<std::string, std::string>> demo_logins_;
  std::string demo_password_;
};

http::Response AccountRoutes::LinkInvalid(Context& ctx) {
  return views().Page(ctx, "accounts/link_invalid", "Link not valid", json::object{}, 404);
}

http::Response AccountRoutes::LoginPage(Context& ctx, json::object data, int status) {
  // A newcomer who registers comes back to where the login was asked for.
  const auto* next = data.if_contains("next");
  data["register_link"] = next && next->is_string() && !next->get_string().empty()
                              ? "/register?next=" + http::UrlEncode(next->get_string())
                              : std::string("/register");
  if (views().demo_mode() && !demo_logins_.empty()) {
    json::array list;
    for (const auto& [label, email] : demo_logins_)
      list.push_back(json::object{{"role", ctx.T(label)}, {"email", email}});
    data["has_demo_logins"] = !list.empty();
    data["demo_logins"] = std::move(list);
    data["demo_password"] = demo_password_;
  }
  if (!data.contains("values")) data["values"] = json::object{};
  return views().Page(ctx, "accounts/login", "Log in", std::move(data), status);
}

http::Response AccountRoutes::AccountPage(Context& ctx, json::object data, int status) {
  ctx.RequireLogin();
  auto me = accounts_.GetPerson(ctx.actor, ctx.actor.person_id);
  data["person"] = PersonJson(me.person);
  data["created"] = Date(me.person.created_at);
  json::array grants;
  for (const auto& g : me.grants)
    grants.push_back(json::object{{"role", ctx.T(RoleLabel(g.role))},
                                  {"scope_kind", ctx.T(ScopeLabel(g.role))},
                                  {"scope_id", g.scope_id},
                                  {"scoped", g.scope_id != 0}});
  data["has_grants"] = !grants.empty();
  data["grants"] = std::move(grants);
  data["is_system_admin"] = ctx.actor.IsSystemAdmin();
  json::array langs;
  for (const auto& [code, label] :
       std::vector<std::pair<std::string, std::string>>{{"", "Follow the browser"},
                                                        {"nb", "Norwegian bokmål"},
                                                        {"nn", "Norwegian nynorsk"},
                                                        {"en", "English"}})
    langs.push_back(json::object{
        {"code", code}, {"label", ctx.T(label)}, {"selected", me.person.locale == code}});
  data["languages"] = std::move(langs);
  data["saved"] = ctx.request.Query("saved").has_value();
  return views().Page(ctx, "accounts/account", "My account", std::move(data), status);
}

http::Response AccountRoutes::TokensPage(Context& ctx, json::object data, int status) {
  ctx.RequireLogin();
  json::array items;
  for (const auto& t : accounts_.ListApiTokens(ctx.actor)) {
    json::object o{{"id", t.id},
                   {"name", t.name},
                   {"created", Date(t.created_at)},
                   {"last_used", t.last_used_at ? Date(*t.last_used_at) : std::string("–")},
                   {"revoked", t.revoked_at.has_value()}};
    items.push_back(std::move(o));
  }
  data["has_tokens"] = !items.empty();
  data["tokens"] = std::move(items);
  if (!data.contains("values")) data["values"] = json::object{};
  data["saved"] = ctx.request.Query("saved").has_value();
  return views().Page(ctx, "accounts/tokens", "API tokens", std::move(data), status);
}

http::Response AccountRoutes::InvitePage(Context& ctx, std::int64_t operator_id, json::object data,
                                         int status) {
  accounts_.CheckMayInvite(ctx.actor, operator_id);
  // Operator roles default to the operator whose people the page belongs to.
  AddScopeSelect(
      ctx, data, accounts_.ScopeChoices(ctx.actor),
      ChosenValue(data, "scope").value_or(domain::FormatScopeRef("operator", operator_id)), false);
  data["roles"] = RoleOptions(ctx,
                              {Role::kOperatorAdmin, Role::kOperatorStaff, Role::kCoordinator,
                               Role::kMentor, Role::kSupervisor, Role::kTrainee},
                              ChosenValue(data, "role").value_or("operator_staff"));
  data["operator_id"] = operator_id;
  if (!data.contains("values")) data["values"] = json::object{};
  return views().Page(ctx, "accounts/invite", "Invite a person", std::move(data), status);
}

http::Response AccountRoutes::PersonPage(Context& ctx, std::int64_t person_id, json::object data,
                                         int status) {
  ctx.RequireLogin();
  auto details = accounts_.GetPerson(ctx.actor, person_id);
  data["person"] = PersonJson(details.person);
  data["created"] = Date(details.person.created_at);
  const bool can_grant = ctx.actor.IsSystemAdmin() || domain::IsAnyOperatorAdmin(ctx.actor);
  services::GrantScopeChoices choices;
  if (can_grant) choices = accounts_.ScopeChoices(ctx.actor);
  // Scopes the actor may grant on are shown by name; any other by kind and number.
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
                     {"can_revoke", can_grant},
                     {"revoke_url", "/people/" + std::to_string(person_id) + "/grants/" +
                                        std::string(domain::RoleName(g.role)) + "/" +
                                        std::to_string(g.scope_id) + "/revoke"}});
  }
  data["has_grants"] = !grants.empty();
  data["grants"] = std::move(grants);
  data["can_grant"] = can_grant;
  if (can_grant) {
    std::vector<Role> roles;
    for (Role r : kAllRoles)
      if (ctx.actor.IsSystemAdmin() || (r != Role::kSystemAdmin && r != Role::kApplicant))
        roles.push_back(r);
    data["roles"] = RoleOptions(ctx, roles, ChosenValue(data, "role").value_or("operator_staff"));
    // With a single operator to choose, the operator roles need no further choice.
    std::string default_scope = choices.operators.size() == 1
                                    ? domain::FormatScopeRef("operator", choices.operators[0].id)
                                    : std::string();
    // Only system admins are offered the unscoped roles.
    AddScopeSelect(ctx, data, choices, ChosenValue(data, "scope").value_or(default_scope),
                   ctx.actor.IsSystemAdmin());
  }
  data["saved"] = ctx.request.Query("saved").has_value();
  if (!data.contains("values")) data["values"] = json::object{};
  return views().Page(ctx, "accounts/person", "Person", std::move(data), status);
}

void AccountRoutes::Register(const std::shared_ptr<AccountRoutes>& self) {
  // ------------------------------------------------------------------ login / logout
  site_.Page("GET", "/login", [this, self](Context& ctx) {
    std::string next = ctx.request.Query("next").value_or("");
    if (!http::IsLocalReturnPath(next)) next = "";
    if (!ctx.actor.IsAnonymous()) return http::Response::Redirect(next.empty() ? "/" : next);
    json::object data{{"next", next},
                      {"reset", ctx.request.Query("reset").has_value()},
                      {"logged_out", ctx.request.Query("logged_out").has_value()}};
    return LoginPage(ctx, std::move(data), 200);
  });

  site_.Page("POST", "/login", [this, self](Context& ctx) {
    std::string email = ctx.Field("email");
    std::string next = ctx.Field("next");
    if (!http::IsLocalReturnPath(next)) next = "";
    auto result = accounts_.Login(
        email, Raw(ctx, "password"), ctx.request.remote_address, ctx.request.Header("user-agent"),
        ctx.request.Cookie(kDeviceCookie).value_or(""), ctx.session_token);
    if (result.status == services::LoginStatus::kOk) {
      auto response = http::Response::Redirect(next.empty() ? "/" : next);
      response.Add("Set-Cookie", site_.SessionCookie(result.session_token,
                                                     accounts_.settings().session_lifetime_hours));
      response.Add("Set-Cookie", site_.Cookie(kDeviceCookie, result.device_token,
                                              accounts_.settings().device_lifetime_days * 86400));
      return response;
    }
    json::object data{{"next", next}, {"values", json::object{{"email", email}}}};
    const bool throttled = result.status == services::LoginStatus::kThrottled;
    AddErrors(ctx, data,
              {{"email", throttled ? "Too many attempts. Wait a while and try again."
                                   : "Wrong e-mail address or password."}});
    return LoginPage(ctx, std::move(data), throttled ? 429 : 422);
  });

  site_.Page("POST", "/logout", [this, self](Context& ctx) {
    accounts_.Logout(ctx.session_token);
    auto response = http::Response::Redirect("/login?logged_out=1");
    response.Add("Set-Cookie", site_.SessionCookie("", 0));
    return response;
  });

  // ------------------------------------------------------------------ own account
  site_.Page("GET", "/account", [this, self](Context& ctx) { return AccountPage(ctx, {}, 200); });

  site_.Page("POST", "/account/language", [this, self](Context& ctx) {
    ctx.RequireLogin();
    std::string lang = ctx.Field("lang");
    try {
      accounts_.SetLanguage(ctx.actor, lang);
    } catch (const Invalid& e) {
      json::object data;
      AddErrors(ctx, data, e.errors);
      return AccountPage(ctx, std::move(data), 422);
    }
    return http::Response::Redirect("/account?saved=1");
  });

  site_.Page("GET", "/account/password", [this, self](Context& ctx) {
    ctx.RequireLogin();
    return views().Page(ctx, "accounts/password", "Change password", json::object{}, 200);
  });

  site_.Page("POST", "/account/password", [this, self](Context& ctx) {
    ctx.RequireLogin();
    try {
      if (Raw(ctx, "new_password") != Raw(ctx, "new_password_confirm"))
        throw Invalid(
            std::vector<FieldError>{{"new_password_confirm", "The passwords do not match."}});
      accounts_.ChangePassword(ctx.actor, Raw(ctx, "current_password"), Raw(ctx, "new_password"),
                               ctx.session_token);
    } catch (const Invalid& e) {
      json::object data;
      AddErrors(ctx, data, e.errors);
      return views().Page(ctx, "accounts/password", "Change password", std::move(data), 422);
    }
    return http::Response::Redirect("/account?saved=1");
  });

  // ------------------------------------------------------------------ forgotten password
  site_.Page("GET", "/password/forgot", [this, self](Context& ctx) {
    json::object data{{"sent", ctx.request.Query("sent").has_value()}, {"values", json::object{}}};
    return views().Page(ctx, "accounts/forgot", "Forgotten password", std::move(data), 200);
  });

  site_.Page("POST", "/password/forgot", [this, self](Context& ctx) {
    std::string email = ctx.Field("email");
    if (auto problem = domain::CheckEmail(domain::NormalizeEmail(email))) {
      json::object data{{"values", json::object{{"email", email}}}};
      AddErrors(ctx, data, {{"email", *problem}});
      return views().Page(ctx, "accounts/forgot", "Forgotten password", std::move(data), 422);
    }
    accounts_.RequestPasswordReset(email);
    return http::Response::Redirect("/password/forgot?sent=1");
  });

  site_.Page("GET", "/password/reset/{token}", [this, self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    if (!accounts_.IsResetTokenValid(token)) return LinkInvalid(ctx);
    return views().Page(ctx, "accounts/reset", "Choose a new password",
                        json::object{{"token", token}}, 200);
  });

  site_.Page("POST", "/password/reset/{token}", [this, self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    try {
      if (Raw(ctx, "new_password") != Raw(ctx, "new_password_confirm"))
        throw Invalid(
            std::vector<FieldError>{{"new_password_confirm", "The passwords do not match."}});
      if (!accounts_.ResetPassword(token, Raw(ctx, "new_password"))) return LinkInvalid(ctx);
    } catch (const Invalid& e) {
      json::object data{{"token", token}};
      AddErrors(ctx, data, e.errors);
      return views().Page(ctx, "accounts/reset", "Choose a new password", std::move(data), 422);
    }
    return http::Response::Redirect("/login?reset=1");
  });

  // ------------------------------------------------------------------ invitations
  site_.Page("GET", "/invitation/{token}", [this, self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto info = accounts_.PeekInvitation(token);
    if (!info) return LinkInvalid(ctx);
    json::object data{
        {"token", token}, {"email", info->email}, {"values", json::object{{"name", info->name}}}};
    return views().Page(ctx, "accounts/invitation", "Accept the invitation", std::move(data), 200);
  });

  site_.Page("POST", "/invitation/{token}", [this, self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto info = accounts_.PeekInvitation(token);
    if (!info) return LinkInvalid(ctx);
    std::string name = ctx.Field("name");
    std::string session;
    try {
      if (Raw(ctx, "password") != Raw(ctx, "password_confirm"))
        throw Invalid(std::vector<FieldError>{{"password_confirm", "The passwords do not match."}});
      session =
          accounts_.AcceptInvitation(token, name, Raw(ctx, "password"), ctx.request.remote_address,
                                     ctx.request.Header("user-agent"));
    } catch (const Invalid& e) {
      json::object data{
          {"token", token}, {"email", info->email}, {"values", json::object{{"name", name}}}};
      AddErrors(ctx, data, e.errors);
      return views().Page(ctx, "accounts/invitation", "Accept the invitation", std::move(data),
                          422);
    }
    auto response = http::Response::Redirect("/account?welcome=1");
    response.Add("Set-Cookie",
                 site_.SessionCookie(session, accounts_.settings().session_lifetime_hours));
    return response;
  });

  // ------------------------------------------------------------------ API tokens (pages)
  site_.Page("GET", "/account/tokens",
             [this, self](Context& ctx) { return TokensPage(ctx, {}, 200); });

  site_.Page("POST", "/account/tokens", [this, self](Context& ctx) {
    ctx.RequireLogin();
    std::string name = ctx.Field("name");
    try {
      auto created = accounts_.CreateApiToken(ctx.actor, name);
      // Rendered directly instead of redirecting: the raw token exists only in this response.
      return TokensPage(
          ctx, json::object{{"new_token", created.raw_token}, {"new_token_name", name}}, 201);
    } catch (const Invalid& e) {
      json::object data{{"values", json::object{{"name", name}}}};
      AddErrors(ctx, data, e.errors);
      return TokensPage(ctx, std::move(data), 422);
    }
  });

  site_.Page("GET", "/account/tokens/{id}/revoke", [this, self](Context& ctx) {
    auto token = accounts_.GetApiToken(ctx.actor, ctx.IdParam("id"));
    if (token.revoked_at) throw NotFound("already revoked");
    return views().Page(ctx, "accounts/token_revoke", "Revoke API token",
                        json::object{{"token", TokenJson(token)}}, 200);
  });

  site_.Page("POST", "/account/tokens/{id}/revoke", [this, self](Context& ctx) {
    accounts_.RevokeApiToken(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/account/tokens?saved=1");
  });

  // ------------------------------------------------------------------ an operator's people
  auto list_people = [this, self](Context& ctx) {
    ctx.RequireLogin();
    auto operator_id = ctx.IdParam("id");
    auto page = ParsePageRequest(ctx.request, {"name", "email", "created"}, "name");
    return std::make_pair(operator_id,
                          std::make_pair(page, accounts_.ListPeople(ctx.actor, page, operator_id)));
  };

  site_.Page("GET", "/operators/{id}/people", [this, self, list_people](Context& ctx) {
    auto [operator_id, listed] = list_people(ctx);
    auto& [page, result] = listed;
    json::array items;
    for (const auto& p : result.items)
      items.push_back(json::object{{"id", p.id},
                                   {"name", p.name},
                                   {"email", p.email},
                                   {"created", Date(p.created_at)},
                                   {"invited", !p.has_password}});
    const bool has_items = !items.empty();
    json::object data{
        {"has_items", has_items},
        {"items", std::move(items)},
        {"operator_id", operator_id},
        {"q", page.q},
        {"csv_url", "/operators/" + std::to_string(operator_id) + "/people.csv" +
                        (ctx.request.target.find('?') == std::string::npos
                             ? std::string()
                             : ctx.request.target.substr(ctx.request.target.find('?')))},
        {"can_invite", ctx.actor.CanAdministerOperator(operator_id)},
        {"sort_name", SortUrl(ctx.request, page, "name")},
        {"sort_email", SortUrl(ctx.request, page, "email")},
        {"sort_created", SortUrl(ctx.request, page, "created")},
        {"saved", ctx.request.Query("saved").has_value()}};
    auto pager = Pager(ctx.request, page, result.total);
    for (auto& [k, v] : pager) data[k] = v;
    return views().Page(ctx, "accounts/people", "People", std::move(data), 200);
  });

  site_.Page("GET", "/operators/{id}/people.csv", [this, self](Context& ctx) {
    ctx.RequireLogin();
    auto operator_id = ctx.IdParam("id");
    auto page = ParsePageRequest(ctx.request, {"name", "email", "created"}, "name");
    std::vector<std::vector<std::string>> rows{
        {ctx.T("Name"), ctx.T("E-mail"), ctx.T("Created"), ctx.T("Status")}};
    // The export holds every matching row, a page at a time so memory stays bounded.
    page.page = 1;
    page.per_page = 200;
    for (;;) {
      auto result = accounts_.ListPeople(ctx.actor, page, operator_id);
      for (const auto& p : result.items)
        rows.push_back({p.name, p.email, Date(p.created_at),
                        p.has_password ? ctx.T("Active") : ctx.T("Invited")});
      if (page.page * page.per_page >= result.total) break;
      ++page.page;
    }
    return CsvResponse("people.csv", rows);
  });

  site_.Page("GET", "/operators/{id}/people/invite",
             [this, self](Context& ctx) { return InvitePage(ctx, ctx.IdParam("id"), {}, 200); });

  site_.Page("POST", "/operators/{id}/people/invite", [this, self](Context& ctx) {
    auto operator_id = ctx.IdParam("id");
    accounts_.CheckMayInvite(ctx.actor, operator_id);
    json::object values{{"email", ctx.Field("email")},
                        {"name", ctx.Field("name")},
                        {"role", ctx.Field("role")},
                        {"scope", ctx.Field("scope")}};
    try {
      Role role = RoleFromText(ctx.Field("role"));
      auto scope = domain::ScopeIdForRole(role, ctx.Field("scope"));
      if (!scope) {
        // Reported together with what the service would say about the rest of the form.
        std::vector<FieldError> errors;
        domain::AppendFieldProblem(errors, "email",
                                   domain::CheckEmail(domain::NormalizeEmail(ctx.Field("email"))));
        domain::AppendFieldProblem(errors, "name", domain::CheckPersonName(ctx.Field("name")));
        errors.push_back({"scope", kScopeMismatch});
        throw Invalid(errors);
      }
      auto result =
          accounts_.Invite(ctx.actor, ctx.Field("email"), ctx.Field("name"), {{role, *scope}});
      return http::Response::Redirect("/people/" + std::to_string(result.person_id) + "?saved=1");
    } catch (const Invalid& e) {
      json::object data{{"values", std::move(values)}};
      AddErrors(ctx, data, OnScopeSelect(e.errors));
      return InvitePage(ctx, operator_id, std::move(data), 422);
    }
  });

  // ------------------------------------------------------------------ one person
  site_.Page("GET", "/people/{id}",
             [this, self](Context& ctx) { return PersonPage(ctx, ctx.IdParam("id"), {}, 200); });

  site_.Page("POST", "/people/{id}/grants", [this, self](Context& ctx) {
    auto person_id = ctx.IdParam("id");
    // Only those who may grant anything get to hear what is wrong with the form.
    accounts_.CheckMayGrantRoles(ctx.actor);
    json::object values{{"role", ctx.Field("role")}, {"scope", ctx.Field("scope")}};
    try {
      Role role = RoleFromText(ctx.Field("role"));
      accounts_.Grant(ctx.actor, person_id, role, ScopeFromForm(ctx, role));
    } catch (const Invalid& e) {
      json::object data{{"values", std::move(values)}};
      AddErrors(ctx, data, OnScopeSelect(e.errors));
      return PersonPage(ctx, person_id, std::move(data), 422);
    }
    return http::Response::Redirect("/people/" + std::to_string(person_id) + "?saved=1");
  });

  site_.Page("GET", "/people/{id}/grants/{role}/{scope}/revoke", [this, self](Context& ctx) {
    ctx.RequireLogin();
    auto person_id = ctx.IdParam("id");
    auto role = domain::ParseRole(ctx.request.params.at("role"));
    auto scope = ParseScope(ctx.request.params.at("scope"));
    if (!role || scope < 0) throw NotFound("grant");
    auto details = accounts_.GetPerson(ctx.actor, person_id);
    bool held = false;
    for (const auto& g : details.grants) held = held || (g.role == *role && g.scope_id == scope);
    if (!held) throw NotFound("grant");
    json::object data{{"person", PersonJson(details.person)},
                      {"role", ctx.T(RoleLabel(*role))},
                      {"scope_kind", ctx.T(ScopeLabel(*role))},
                      {"scope_id", scope},
                      {"action", ctx.request.path}};
    return views().Page(ctx, "accounts/grant_revoke", "Remove role", std::move(data), 200);
  });

  site_.Page("POST", "/people/{id}/grants/{role}/{scope}/revoke", [this, self](Context& ctx) {
    ctx.RequireLogin();
    auto person_id = ctx.IdParam("id");
    auto role = domain::ParseRole(ctx.request.params.at("role"));
    auto scope = ParseScope(ctx.request.params.at("scope"));
    if (!role || scope < 0) throw NotFound("grant");
    accounts_.Revoke(ctx.actor, person_id, *role, scope);
    return http::Response::Redirect("/people/" + std::to_string(person_id) + "?saved=1");
  });

  // ------------------------------------------------------------------ JSON API
  site_.Api("GET", "/api/v1/me", [this, self](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto me = accounts_.GetPerson(ctx.actor, ctx.actor.person_id);
    auto o = PersonJson(me.person);
    o["grants"] = GrantsJson(me.grants);
    return Site::JsonOk(o);
  });

  site_.Api("GET", "/api/v1/tokens", [this, self](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& t : accounts_.ListApiTokens(ctx.actor)) items.push_back(TokenJson(t));
    return JsonListPage(ctx.request, std::move(items));
  });

  site_.Api("POST", "/api/v1/tokens", [this, self](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto created = accounts_.CreateApiToken(ctx.actor, JsonString(body, "name"));
    auto o = TokenJson(accounts_.GetApiToken(ctx.actor, created.id));
    o["token"] = created.raw_token;
    auto response = Site::JsonOk(o, 201);
    response.Set("Location", "/api/v1/tokens/" + std::to_string(created.id));
    return response;
  });

  site_.Api("DELETE", "/api/v1/tokens/{id}", [this, self](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    accounts_.RevokeApiToken(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });

  site_.Api("GET", "/api/v1/operators/{id}/people", [this, self](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"name", "email", "created"}, "name");
    auto result = accounts_.ListPeople(ctx.actor, page, ctx.IdParam("id"));
    json::array items;
    for (const auto& p : result.items) items.push_back(PersonJson(p));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });

  site_.Api(
      "POST", "/api/v1/operators/{id}/invitations",
      [this, self](Context& ctx, const json::value& body) {
        auto operator_id = ctx.IdParam("id");
        accounts_.CheckMayInvite(ctx.actor, operator_id);
        std::vector<domain::Grant> grants;
        auto add = [&](const json::value& g) {
          Role role = RoleFromText(JsonString(g, "role"));
          std::int64_t scope = domain::RoleScopeKind(role) == "operator"
                                   ? JsonInt(g, "scope_id", operator_id)
                                   : JsonInt(g, "scope_id", -1);
          if (scope < 0)
            throw Invalid(
                std::vector<FieldError>{{"scope_id", "Choose an existing scope for the role."}});
          grants.push_back({role, scope});
        };
        const json::array* list = nullptr;
        if (body.is_object())
          if (auto* g = body.get_object().if_contains("grants"); g && g->is_array())
            list = &g->get_array();
        if (list)
          for (const auto& g : *list) add(g);
        else
          add(body);
        auto result = accounts_.Invite(ctx.actor, JsonString(body, "email"),
                                       JsonString(body, "name"), grants);
        auto response = Site::JsonOk(
            json::object{{"person_id", result.person_id}, {"new_person", result.new_person}}, 201);
        response.Set("Location", "/api/v1/people/" + std::to_string(result.person_id));
        return response;
      });

  site_.Api("GET", "/api/v1/people/{id}", [this, self](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto details = accounts_.GetPerson(ctx.actor, ctx.IdParam("id"));
    auto o = PersonJson(details.person);
    o["grants"] = GrantsJson(details.grants);
    return Site::JsonOk(o);
  });

  site_.Api(
      "POST", "/api/v1/people/{id}/grants", [this, self](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        auto person_id = ctx.IdParam("id");
        // Whether the caller may see the person at all comes before what is wrong with the body.
        accounts_.GetPerson(ctx.actor, person_id);
        Role role = RoleFromText(JsonString(body, "role"));
        auto scope = JsonInt(body, "scope_id", domain::RoleScopeKind(role).empty() ? 0 : -1);
        if (scope < 0)
          throw Invalid(
              std::vector<FieldError>{{"scope_id", "Choose an existing scope for the role."}});
        bool added = accounts_.Grant(ctx.actor, person_id, role, scope);
        auto response = Site::JsonOk(
            json::object{{"role", domain::RoleName(role)}, {"scope_id", scope}}, added ? 201 : 200);
        response.Set("Location", "/api/v1/people/" + std::to_string(person_id));
        return response;
      });

  site_.Api("DELETE", "/api/v1/people/{id}/grants/{role}/{scope}",
            [this, self](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              auto role = domain::ParseRole(ctx.request.params.at("role"));
              auto scope = ParseScope(ctx.request.params.at("scope"));
              if (!role || scope < 0) throw NotFound("grant");
              accounts_.Revoke(ctx.actor, ctx.IdParam("id"), *role, scope);
              return http::Response::Text(204, "");
            });
}

}  // namespace

void RegisterAccountRoutes(Site& site, services::AccountService& accounts,
                           const std::vector<std::pair<std::string, std::string>>& demo_logins,
                           const std::string& demo_password) {
  // The handlers share ownership of the routes object, so it lives exactly as long as they do.
  auto routes = std::make_shared<AccountRoutes>(site, accounts, demo_logins, demo_password);
  routes->Register(routes);
}

}  // namespace tp::web
