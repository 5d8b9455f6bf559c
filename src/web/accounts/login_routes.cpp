// Logging in and out with e-mail and password.
//
//   GET  /login    the login form ("next": where to continue; already logged in: go there)
//   POST /login    checks the password (throttled), opens the session, continues to "next"
//   POST /logout   ends the session, back to the login form
#include <memory>

#include "web/accounts/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::accounts {
namespace {

namespace json = boost::json;
using services::AccountService;

// The browser's device cookie: a login from it is exempt from throttling for its account.
constexpr const char* kDeviceCookie = "tp_device";

http::Response LoginPage(const Site& site, const DemoLogins& demo, Context& ctx, json::object data,
                         int status) {
  // A newcomer who registers comes back to where the login was asked for.
  const auto* next = data.if_contains("next");
  data["register_link"] = next && next->is_string() && !next->get_string().empty()
                              ? "/register?next=" + http::UrlEncode(next->get_string())
                              : std::string("/register");
  if (site.views().demo_mode() && !demo.logins.empty()) {
    json::array list;
    for (const auto& [label, email] : demo.logins)
      list.push_back(json::object{{"role", ctx.T(label)}, {"email", email}});
    data["has_demo_logins"] = !list.empty();
    data["demo_logins"] = std::move(list);
    data["demo_password"] = demo.password;
  }
  if (!data.contains("values")) data["values"] = json::object{};
  return site.views().Page(ctx, "accounts/login", "Log in", std::move(data), status);
}

// "next" from the form or the query when it is a local path, else "".
std::string LocalNext(std::string next) { return http::IsLocalReturnPath(next) ? next : ""; }

// The redirect after a successful login, with the session and device cookies.
http::Response LoggedIn(const Site& site, const AccountService& accounts,
                        const services::LoginResult& result, const std::string& next) {
  auto response = http::Response::Redirect(next.empty() ? "/" : next);
  response.Add("Set-Cookie", site.SessionCookie(result.session_token,
                                                accounts.settings().session_lifetime_hours));
  response.Add("Set-Cookie", site.Cookie(kDeviceCookie, result.device_token,
                                         accounts.settings().device_lifetime_days * 86400));
  return response;
}

}  // namespace

void RegisterLoginRoutes(Site& site, AccountService& accounts, DemoLogins demo_logins) {
  auto demo = std::make_shared<const DemoLogins>(std::move(demo_logins));

  site.Page("GET", "/login", [&site, demo](Context& ctx) {
    const auto next = LocalNext(ctx.request.Query("next").value_or(""));
    if (!ctx.actor.IsAnonymous()) return http::Response::Redirect(next.empty() ? "/" : next);
    json::object data{{"next", next},
                      {"reset", ctx.request.Query("reset").has_value()},
                      {"logged_out", ctx.request.Query("logged_out").has_value()}};
    return LoginPage(site, *demo, ctx, std::move(data), 200);
  });

  site.Page("POST", "/login", [&site, &accounts, demo](Context& ctx) {
    std::string email = ctx.Field("email");
    const auto next = LocalNext(ctx.Field("next"));
    auto result = accounts.Login(email, Raw(ctx, "password"), ctx.request.remote_address,
                                 ctx.request.Header("user-agent"),
                                 ctx.request.Cookie(kDeviceCookie).value_or(""), ctx.session_token);
    if (result.status == services::LoginStatus::kOk) return LoggedIn(site, accounts, result, next);
    json::object data{{"next", next}, {"values", json::object{{"email", email}}}};
    const bool throttled = result.status == services::LoginStatus::kThrottled;
    AddErrors(ctx, data,
              {{"email", throttled ? "Too many attempts. Wait a while and try again."
                                   : "Wrong e-mail address or password."}});
    return LoginPage(site, *demo, ctx, std::move(data), throttled ? 429 : 422);
  });

  site.Page("POST", "/logout", [&site, &accounts](Context& ctx) {
    accounts.Logout(ctx.session_token);
    auto response = http::Response::Redirect("/login?logged_out=1");
    response.Add("Set-Cookie", site.SessionCookie("", 0));
    return response;
  });
}

}  // namespace tp::web::accounts
