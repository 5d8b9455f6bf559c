// The JSON API of the accounts area: the caller, personal tokens, an operator's people,
// invitations and grants.
//
//   GET    /api/v1/me                                  the caller with their roles
//   GET    /api/v1/tokens                              my API tokens (paged)
//   POST   /api/v1/tokens                              creates one; the token is in this answer
//   only DELETE /api/v1/tokens/{id}                         revokes one GET
//   /api/v1/operators/{id}/people               the operator's people (paged, sorted) POST
//   /api/v1/operators/{id}/invitations          invites a person with one or more roles GET
//   /api/v1/people/{id}                         one person with their roles POST
//   /api/v1/people/{id}/grants                  grants a role (201 new, 200 held already) DELETE
//   /api/v1/people/{id}/grants/{role}/{scope}   removes a role
#include "domain/accounts/rules.h"
#include "web/accounts/routes_internal.h"
#include "web/lists.h"

namespace tp::web::accounts {
namespace {

namespace json = boost::json;
using domain::Role;
using services::AccountService;

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

void RequireScope(std::int64_t scope) {
  if (scope < 0)
    throw Invalid(std::vector<FieldError>{{"scope_id", "Choose an existing scope for the role."}});
}

// The grants of an invitation: the body's "grants" array, or the body itself as one grant. An
// operator role's scope defaults to the operator.
std::vector<domain::Grant> InvitationGrants(const json::value& body, std::int64_t operator_id) {
  std::vector<domain::Grant> grants;
  auto add = [&](const json::value& g) {
    Role role = RoleFromText(JsonString(g, "role"));
    std::int64_t scope = domain::RoleScopeKind(role) == "operator"
                             ? JsonInt(g, "scope_id", operator_id)
                             : JsonInt(g, "scope_id", -1);
    RequireScope(scope);
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
  return grants;
}

// The person with their grants.
http::Response PersonAnswer(const domain::PersonDetails& details) {
  auto o = PersonJson(details.person);
  o["grants"] = GrantsJson(details.grants);
  return Site::JsonOk(o);
}

http::Response Created(json::object body, const std::string& location) {
  auto response = Site::JsonOk(body, 201);
  response.Set("Location", location);
  return response;
}

}  // namespace

void RegisterApiRoutes(Site& site, AccountService& accounts) {
  site.Api("GET", "/api/v1/me", [&accounts](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return PersonAnswer(accounts.GetPerson(ctx.actor, ctx.actor.person_id));
  });

  site.Api("GET", "/api/v1/tokens", [&accounts](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& t : accounts.ListApiTokens(ctx.actor)) items.push_back(TokenJson(t));
    return JsonListPage(ctx.request, std::move(items));
  });

  site.Api("POST", "/api/v1/tokens", [&accounts](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto created = accounts.CreateApiToken(ctx.actor, JsonString(body, "name"));
    auto o = TokenJson(accounts.GetApiToken(ctx.actor, created.id));
    o["token"] = created.raw_token;
    return Created(std::move(o), "/api/v1/tokens/" + std::to_string(created.id));
  });

  site.Api("DELETE", "/api/v1/tokens/{id}", [&accounts](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    accounts.RevokeApiToken(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });

  site.Api("GET", "/api/v1/operators/{id}/people", [&accounts](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"name", "email", "created"}, "name");
    auto result = accounts.ListPeople(ctx.actor, page, ctx.IdParam("id"));
    json::array items;
    for (const auto& p : result.items) items.push_back(PersonJson(p));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });

  site.Api("POST", "/api/v1/operators/{id}/invitations",
           [&accounts](Context& ctx, const json::value& body) {
             auto operator_id = ctx.IdParam("id");
             accounts.CheckMayInvite(ctx.actor, operator_id);
             auto result =
                 accounts.Invite(ctx.actor, JsonString(body, "email"), JsonString(body, "name"),
                                 InvitationGrants(body, operator_id));
             return Created(
                 json::object{{"person_id", result.person_id}, {"new_person", result.new_person}},
                 "/api/v1/people/" + std::to_string(result.person_id));
           });

  site.Api("GET", "/api/v1/people/{id}", [&accounts](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return PersonAnswer(accounts.GetPerson(ctx.actor, ctx.IdParam("id")));
  });

  site.Api(
      "POST", "/api/v1/people/{id}/grants", [&accounts](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        auto person_id = ctx.IdParam("id");
        // Whether the caller may see the person at all comes before what is wrong with the body.
        accounts.GetPerson(ctx.actor, person_id);
        Role role = RoleFromText(JsonString(body, "role"));
        auto scope = JsonInt(body, "scope_id", domain::RoleScopeKind(role).empty() ? 0 : -1);
        RequireScope(scope);
        bool added = accounts.Grant(ctx.actor, person_id, role, scope);
        auto response = Site::JsonOk(
            json::object{{"role", domain::RoleName(role)}, {"scope_id", scope}}, added ? 201 : 200);
        response.Set("Location", "/api/v1/people/" + std::to_string(person_id));
        return response;
      });

  site.Api("DELETE", "/api/v1/people/{id}/grants/{role}/{scope}",
           [&accounts](Context& ctx, const json::value&) {
             ctx.RequireLogin();
             auto role = domain::ParseRole(ctx.request.params.at("role"));
             auto scope = ParseScope(ctx.request.params.at("scope"));
             if (!role || scope < 0) throw NotFound("grant");
             accounts.Revoke(ctx.actor, ctx.IdParam("id"), *role, scope);
             return http::Response::Text(204, "");
           });
}

}  // namespace tp::web::accounts
