// The own account: roles, language, password, and personal API tokens.
//
//   GET  /account                       my account: roles, language ("saved", "welcome")
//   POST /account/language              sets the interface language
//   GET  /account/password              the change-password form
//   POST /account/password              changes the password (other sessions end)
//   GET  /account/tokens                my API tokens and the form for a new one
//   POST /account/tokens                creates a token, shown once on the page (201)
//   GET  /account/tokens/{id}/revoke    asks whether to revoke the token
//   POST /account/tokens/{id}/revoke    revokes it, back to the tokens
#include "web/accounts/routes.h"
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::accounts {
namespace {

namespace json = boost::json;
using services::AccountService;

http::Response AccountPage(const Site& site, AccountService& accounts, Context& ctx,
                           json::object data, int status) {
  ctx.RequireLogin();
  auto me = accounts.GetPerson(ctx.actor, ctx.actor.person_id);
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
  return site.views().Page(ctx, "accounts/account", "My account", std::move(data), status);
}

http::Response TokensPage(const Site& site, AccountService& accounts, Context& ctx,
                          json::object data, int status) {
  ctx.RequireLogin();
  json::array items;
  for (const auto& t : accounts.ListApiTokens(ctx.actor)) {
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
  return site.views().Page(ctx, "accounts/tokens", "API tokens", std::move(data), status);
}

http::Response PasswordForm(const Site& site, Context& ctx, json::object data, int status) {
  return site.views().Page(ctx, "accounts/password", "Change password", std::move(data), status);
}

}  // namespace

void RegisterAccountPageRoutes(Site& site, AccountService& accounts) {
  site.Page("GET", "/account",
            [&site, &accounts](Context& ctx) { return AccountPage(site, accounts, ctx, {}, 200); });

  site.Page("POST", "/account/language", [&site, &accounts](Context& ctx) {
    ctx.RequireLogin();
    std::string lang = ctx.Field("lang");
    try {
      accounts.SetLanguage(ctx.actor, lang);
    } catch (const Invalid& e) {
      json::object data;
      AddErrors(ctx, data, e.errors);
      return AccountPage(site, accounts, ctx, std::move(data), 422);
    }
    return http::Response::Redirect("/account?saved=1");
  });

  site.Page("GET", "/account/password", [&site](Context& ctx) {
    ctx.RequireLogin();
    return PasswordForm(site, ctx, json::object{}, 200);
  });

  site.Page("POST", "/account/password", [&site, &accounts](Context& ctx) {
    ctx.RequireLogin();
    try {
      RequireRepeatedPassword(ctx);
      accounts.ChangePassword(ctx.actor, Raw(ctx, "current_password"), Raw(ctx, "new_password"),
                              ctx.session_token);
    } catch (const Invalid& e) {
      json::object data;
      AddErrors(ctx, data, e.errors);
      return PasswordForm(site, ctx, std::move(data), 422);
    }
    return http::Response::Redirect("/account?saved=1");
  });

  site.Page("GET", "/account/tokens",
            [&site, &accounts](Context& ctx) { return TokensPage(site, accounts, ctx, {}, 200); });

  site.Page("POST", "/account/tokens", [&site, &accounts](Context& ctx) {
    ctx.RequireLogin();
    std::string name = ctx.Field("name");
    try {
      auto created = accounts.CreateApiToken(ctx.actor, name);
      // Rendered directly instead of redirecting: the raw token exists only in this response.
      return TokensPage(site, accounts, ctx,
                        json::object{{"new_token", created.raw_token}, {"new_token_name", name}},
                        201);
    } catch (const Invalid& e) {
      json::object data{{"values", json::object{{"name", name}}}};
      AddErrors(ctx, data, e.errors);
      return TokensPage(site, accounts, ctx, std::move(data), 422);
    }
  });

  site.Page("GET", "/account/tokens/{id}/revoke", [&site, &accounts](Context& ctx) {
    auto token = accounts.GetApiToken(ctx.actor, ctx.IdParam("id"));
    if (token.revoked_at) throw NotFound("already revoked");
    return site.views().Page(ctx, "accounts/token_revoke", "Revoke API token",
                             json::object{{"token", TokenJson(token)}}, 200);
  });

  site.Page("POST", "/account/tokens/{id}/revoke", [&accounts](Context& ctx) {
    accounts.RevokeApiToken(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/account/tokens?saved=1");
  });
}

}  // namespace tp::web::accounts
