// The forgotten password: a reset link by e-mail, and the new password chosen with it.
//
//   GET  /password/forgot          asks for the e-mail address ("sent": the link is on its way)
//   POST /password/forgot          sends a reset link (the same answer for unknown addresses)
//   GET  /password/reset/{token}   the new-password form of a valid link
//   POST /password/reset/{token}   sets the password, back to the login form
#include "domain/accounts/rules.h"
#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::accounts {
namespace json = boost::json;

void RegisterPasswordResetRoutes(Site& site, services::AccountService& accounts) {
  site.Page("GET", "/password/forgot", [&site](Context& ctx) {
    json::object data{{"sent", ctx.request.Query("sent").has_value()}, {"values", json::object{}}};
    return site.views().Page(ctx, "accounts/forgot", "Forgotten password", std::move(data), 200);
  });

  site.Page("POST", "/password/forgot", [&site, &accounts](Context& ctx) {
    std::string email = ctx.Field("email");
    if (auto problem = domain::CheckEmail(domain::NormalizeEmail(email))) {
      json::object data{{"values", json::object{{"email", email}}}};
      AddErrors(ctx, data, {{"email", *problem}});
      return site.views().Page(ctx, "accounts/forgot", "Forgotten password", std::move(data), 422);
    }
    accounts.RequestPasswordReset(email);
    return http::Response::Redirect("/password/forgot?sent=1");
  });

  site.Page("GET", "/password/reset/{token}", [&site, &accounts](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    if (!accounts.IsResetTokenValid(token)) return LinkInvalid(site, ctx);
    return site.views().Page(ctx, "accounts/reset", "Choose a new password",
                             json::object{{"token", token}}, 200);
  });

  site.Page("POST", "/password/reset/{token}", [&site, &accounts](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    try {
      RequireRepeatedPassword(ctx);
      if (!accounts.ResetPassword(token, Raw(ctx, "new_password"))) return LinkInvalid(site, ctx);
    } catch (const Invalid& e) {
      json::object data{{"token", token}};
      AddErrors(ctx, data, e.errors);
      return site.views().Page(ctx, "accounts/reset", "Choose a new password", std::move(data),
                               422);
    }
    return http::Response::Redirect("/login?reset=1");
  });
}

}  // namespace tp::web::accounts
