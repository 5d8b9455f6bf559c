// The invitation link: an invited person chooses a name and a password and is logged in.
//
//   GET  /invitation/{token}   the form of a valid invitation (the address, the proposed name)
//   POST /invitation/{token}   sets name and password, logs in, continues to /account
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::accounts {
namespace {

namespace json = boost::json;

http::Response InvitationForm(const Site& site, Context& ctx, const std::string& token,
                              const std::string& email, const std::string& name,
                              const std::vector<FieldError>& errors, int status) {
  json::object data{{"token", token}, {"email", email}, {"values", json::object{{"name", name}}}};
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return site.views().Page(ctx, "accounts/invitation", "Accept the invitation", std::move(data),
                           status);
}

// The session of the accepted invitation; Invalid when the form is not acceptable.
std::string Accept(services::AccountService& accounts, const Context& ctx, const std::string& token,
                   const std::string& name) {
  if (Raw(ctx, "password") != Raw(ctx, "password_confirm"))
    throw Invalid(std::vector<FieldError>{{"password_confirm", "The passwords do not match."}});
  return accounts.AcceptInvitation(token, name, Raw(ctx, "password"), ctx.request.remote_address,
                                   ctx.request.Header("user-agent"));
}

}  // namespace

void RegisterInvitationRoutes(Site& site, services::AccountService& accounts) {
  site.Page("GET", "/invitation/{token}", [&site, &accounts](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto info = accounts.PeekInvitation(token);
    if (!info) return LinkInvalid(site, ctx);
    return InvitationForm(site, ctx, token, info->email, info->name, {}, 200);
  });

  site.Page("POST", "/invitation/{token}", [&site, &accounts](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto info = accounts.PeekInvitation(token);
    if (!info) return LinkInvalid(site, ctx);
    const std::string name = ctx.Field("name");
    std::string session;
    try {
      session = Accept(accounts, ctx, token, name);
    } catch (const Invalid& e) {
      return InvitationForm(site, ctx, token, info->email, name, e.errors, 422);
    }
    auto response = http::Response::Redirect("/account?welcome=1");
    response.Add("Set-Cookie",
                 site.SessionCookie(session, accounts.settings().session_lifetime_hours));
    return response;
  });
}

}  // namespace tp::web::accounts
