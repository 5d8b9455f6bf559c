// An operator's people, inviting a person, and one person's roles.
//
//   GET  /operators/{id}/people                          the people (paged, sorted, searched)
//   GET  /operators/{id}/people.csv                      the same list, every page, as CSV
//   GET  /operators/{id}/people/invite                   the invitation form
//   POST /operators/{id}/people/invite                   invites with one role, to the person
//   GET  /people/{id}                                    one person with roles and the grant form
//   POST /people/{id}/grants                             grants a role
//   GET  /people/{id}/grants/{role}/{scope}/revoke       asks whether to remove the role
//   POST /people/{id}/grants/{role}/{scope}/revoke       removes it, back to the person
#include "domain/accounts/rules.h"
#include "web/accounts/routes.h"
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/views.h"

namespace tp::web::accounts {
namespace {

namespace json = boost::json;
using domain::Role;
using services::AccountService;

domain::PageRequest PeoplePage(const Context& ctx) {
  return ParsePageRequest(ctx.request, {"name", "email", "created"}, "name");
}

// The person's page after a change.
std::string SavedPersonUrl(std::int64_t person_id) {
  return "/people/" + std::to_string(person_id) + "?saved=1";
}

// The CSV link keeps the list's query (search and sort).
std::string CsvUrl(const Context& ctx, std::int64_t operator_id) {
  const auto& target = ctx.request.target;
  const auto query = target.find('?');
  return "/operators/" + std::to_string(operator_id) + "/people.csv" +
         (query == std::string::npos ? std::string() : target.substr(query));
}

http::Response PeopleList(const Site& site, AccountService& accounts, Context& ctx) {
  ctx.RequireLogin();
  const auto operator_id = ctx.IdParam("id");
  const auto page = PeoplePage(ctx);
  const auto result = accounts.ListPeople(ctx.actor, page, operator_id);
  json::array items;
  for (const auto& p : result.items)
    items.push_back(json::object{{"id", p.id},
                                 {"name", p.name},
                                 {"email", p.email},
                                 {"created", Date(p.created_at)},
                                 {"invited", !p.has_password}});
  const bool has_items = !items.empty();
  json::object data{{"has_items", has_items},
                    {"items", std::move(items)},
                    {"operator_id", operator_id},
                    {"q", page.q},
                    {"csv_url", CsvUrl(ctx, operator_id)},
                    {"can_invite", accounts.MayInvite(ctx.actor, operator_id)},
                    {"sort_name", SortUrl(ctx.request, page, "name")},
                    {"sort_email", SortUrl(ctx.request, page, "email")},
                    {"sort_created", SortUrl(ctx.request, page, "created")},
                    {"saved", ctx.request.Query("saved").has_value()}};
  auto pager = Pager(ctx.request, page, result.total);
  for (auto& [k, v] : pager) data[k] = v;
  return site.views().Page(ctx, "accounts/people", "People", std::move(data), 200);
}

// Every matching person, a page at a time so memory stays bounded.
http::Response PeopleCsv(AccountService& accounts, Context& ctx) {
  ctx.RequireLogin();
  const auto operator_id = ctx.IdParam("id");
  auto page = PeoplePage(ctx);
  std::vector<std::vector<std::string>> rows{
      {ctx.T("Name"), ctx.T("E-mail"), ctx.T("Created"), ctx.T("Status")}};
  page.page = 1;
  page.per_page = 200;
  for (;;) {
    auto result = accounts.ListPeople(ctx.actor, page, operator_id);
    for (const auto& p : result.items)
      rows.push_back({p.name, p.email, Date(p.created_at),
                      p.has_password ? ctx.T("Active") : ctx.T("Invited")});
    if (page.page * page.per_page >= result.total) break;
    ++page.page;
  }
  return CsvResponse("people.csv", rows);
}

// Invites the person of the form; Invalid with every problem of the form.
std::int64_t InviteFromForm(AccountService& accounts, const Context& ctx) {
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
  return accounts.Invite(ctx.actor, ctx.Field("email"), ctx.Field("name"), {{role, *scope}})
      .person_id;
}

http::Response InvitePost(const Site& site, AccountService& accounts, Context& ctx) {
  const auto operator_id = ctx.IdParam("id");
  accounts.CheckMayInvite(ctx.actor, operator_id);
  json::object values{{"email", ctx.Field("email")},
                      {"name", ctx.Field("name")},
                      {"role", ctx.Field("role")},
                      {"scope", ctx.Field("scope")}};
  try {
    return http::Response::Redirect(SavedPersonUrl(InviteFromForm(accounts, ctx)));
  } catch (const Invalid& e) {
    json::object data{{"values", std::move(values)}};
    AddErrors(ctx, data, OnScopeSelect(e.errors));
    return InvitePage(site, accounts, ctx, operator_id, std::move(data), 422);
  }
}

// The role and scope of a grant's path; NotFound when they are not one.
std::pair<Role, std::int64_t> GrantOfPath(const Context& ctx) {
  auto role = domain::ParseRole(ctx.request.params.at("role"));
  auto scope = ParseScope(ctx.request.params.at("scope"));
  if (!role || scope < 0) throw NotFound("grant");
  return {*role, scope};
}

http::Response RevokeQuestion(const Site& site, AccountService& accounts, Context& ctx) {
  ctx.RequireLogin();
  const auto person_id = ctx.IdParam("id");
  const auto [role, scope] = GrantOfPath(ctx);
  auto details = accounts.GetPerson(ctx.actor, person_id);
  bool held = false;
  for (const auto& g : details.grants) held = held || (g.role == role && g.scope_id == scope);
  if (!held) throw NotFound("grant");
  json::object data{{"person", PersonJson(details.person)},
                    {"role", ctx.T(RoleLabel(role))},
                    {"scope_kind", ctx.T(ScopeLabel(role))},
                    {"scope_id", scope},
                    {"action", ctx.request.path}};
  return site.views().Page(ctx, "accounts/grant_revoke", "Remove role", std::move(data), 200);
}

}  // namespace

void RegisterPeopleRoutes(Site& site, AccountService& accounts) {
  // ------------------------------------------------------------------ an operator's people
  site.Page("GET", "/operators/{id}/people",
            [&site, &accounts](Context& ctx) { return PeopleList(site, accounts, ctx); });
  site.Page("GET", "/operators/{id}/people.csv",
            [&accounts](Context& ctx) { return PeopleCsv(accounts, ctx); });
  site.Page("GET", "/operators/{id}/people/invite", [&site, &accounts](Context& ctx) {
    return InvitePage(site, accounts, ctx, ctx.IdParam("id"), {}, 200);
  });
  site.Page("POST", "/operators/{id}/people/invite",
            [&site, &accounts](Context& ctx) { return InvitePost(site, accounts, ctx); });

  // ------------------------------------------------------------------ one person
  site.Page("GET", "/people/{id}", [&site, &accounts](Context& ctx) {
    return PersonPage(site, accounts, ctx, ctx.IdParam("id"), {}, 200);
  });
  site.Page("POST", "/people/{id}/grants", [&site, &accounts](Context& ctx) {
    auto person_id = ctx.IdParam("id");
    // Only those who may grant anything get to hear what is wrong with the form.
    accounts.CheckMayGrantRoles(ctx.actor);
    json::object values{{"role", ctx.Field("role")}, {"scope", ctx.Field("scope")}};
    try {
      Role role = RoleFromText(ctx.Field("role"));
      accounts.Grant(ctx.actor, person_id, role, ScopeFromForm(ctx, role));
    } catch (const Invalid& e) {
      json::object data{{"values", std::move(values)}};
      AddErrors(ctx, data, OnScopeSelect(e.errors));
      return PersonPage(site, accounts, ctx, person_id, std::move(data), 422);
    }
    return http::Response::Redirect(SavedPersonUrl(person_id));
  });
  site.Page("GET", "/people/{id}/grants/{role}/{scope}/revoke",
            [&site, &accounts](Context& ctx) { return RevokeQuestion(site, accounts, ctx); });
  site.Page("POST", "/people/{id}/grants/{role}/{scope}/revoke", [&accounts](Context& ctx) {
    ctx.RequireLogin();
    const auto person_id = ctx.IdParam("id");
    const auto [role, scope] = GrantOfPath(ctx);
    accounts.Revoke(ctx.actor, person_id, role, scope);
    return http::Response::Redirect(SavedPersonUrl(person_id));
  });
}

}  // namespace tp::web::accounts
