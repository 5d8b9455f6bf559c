// Applicant sign-up: an account for applying, opened by the link in the e-mail.
//
//   GET  /register                  the sign-up form ("next" carries where to continue)
//   POST /register                  checks the form, sends the e-mail link (the same page whether
//                                   or not the address has an account)
//   GET  /register/verify/{token}   the confirmation page of the e-mail link
//   POST /register/verify/{token}   creates the account, logs in, continues to "next" or to
//                                   /applications
#include "domain/accounts/rules.h"
#include "web/applications/routes_internal.h"
#include "web/forms.h"
#include "web/views.h"

namespace tp::web::applications {
namespace {

namespace json = boost::json;
using services::ApplicationService;

http::Response RegisterForm(const Site& site, Context& ctx, json::object values,
                            const std::vector<FieldError>& errors, int status) {
  json::object data{{"values", std::move(values)}};
  AddReturnPath(data, ReturnPath(ctx));
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return AreaPage(site, ctx, "register", "Create an applicant account", std::move(data), status);
}

services::RegistrationInput ReadRegistration(const Context& ctx) {
  services::RegistrationInput in{ctx.Field("email"),
                                 ctx.Field("name"),
                                 Raw(ctx, "password"),
                                 Raw(ctx, "password_repeat"),
                                 !Raw(ctx, "accept_terms").empty(),
                                 ctx.lang,
                                 ""};
  if (const auto next = ReturnPath(ctx); !next.empty())
    in.link_query = "?next=" + http::UrlEncode(next);
  return in;
}

http::Response LinkInvalid(const Site& site, Context& ctx, int status) {
  return AreaPage(site, ctx, "link_invalid", "Link not valid", json::object{}, status);
}

}  // namespace

void RegisterSignupRoutes(Site& site, ApplicationService& svc) {
  site.Page("GET", "/register", [&site](Context& ctx) {
    return RegisterForm(site, ctx, json::object{{"email", ""}, {"name", ""}}, {}, 200);
  });
  site.Page("POST", "/register", [&site, &svc](Context& ctx) {
    const auto in = ReadRegistration(ctx);
    try {
      svc.Register(in);
    } catch (const Invalid& e) {
      return RegisterForm(
          site, ctx,
          json::object{{"email", in.email}, {"name", in.name}, {"accept_terms", in.accept_terms}},
          e.errors, 422);
    }
    return AreaPage(site, ctx, "register_sent", "Check your e-mail",
                    json::object{{"email", domain::NormalizeEmail(in.email)}});
  });

  site.Page("GET", "/register/verify/{token}", [&site, &svc](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto email = svc.PeekRegistration(token);
    if (!email) return LinkInvalid(site, ctx, 404);
    json::object data{{"token", token}, {"email", *email}};
    AddReturnPath(data, ReturnPath(ctx));
    return AreaPage(site, ctx, "verify", "Confirm your e-mail address", std::move(data));
  });
  site.Page("POST", "/register/verify/{token}", [&site, &svc](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    std::string session;
    try {
      session = svc.VerifyRegistration(token, ctx.request.remote_address,
                                       ctx.request.Header("user-agent"));
    } catch (const NotFound&) {
      return LinkInvalid(site, ctx, 404);
    } catch (const Conflict&) {
      return LinkInvalid(site, ctx, 409);
    }
    const auto next = ReturnPath(ctx);
    auto response = http::Response::Redirect(next.empty() ? "/applications?welcome=1" : next);
    response.Add("Set-Cookie", site.SessionCookie(session, svc.settings().session_lifetime_hours));
    return response;
  });
}

}  // namespace tp::web::applications
