// The JSON API of the applications area: an applicant's application, files and data, and the
// applicant account.
//
//   GET    /api/v1/applications                          my applications (paged)
//   GET    /api/v1/cohorts/{id}/application              my application to the cohort
//   PUT    /api/v1/cohorts/{id}/application              saves it as a draft (or changes it)
//   POST   /api/v1/cohorts/{id}/application/send         sends it (once)
//   POST   /api/v1/cohorts/{id}/application/withdraw     withdraws it
//   POST   /api/v1/cohorts/{id}/application/files        adds a PDF (base64)
//   GET    /api/v1/application-files/{id}                one of my files with its content
//   DELETE /api/v1/application-files/{id}                deletes it
//   GET    /api/v1/account/export                        everything stored about me
//   DELETE /api/v1/account                               deletes my account
//   POST   /api/v1/registrations                         signs up: sends the e-mail link
//   POST   /api/v1/registrations/verify                  the link's token: the account, logged in
#include "domain/accounts/rules.h"
#include "web/applications/routes_internal.h"
#include "web/forms.h"
#include "web/lists.h"

namespace tp::web::applications {
namespace {

namespace json = boost::json;
using services::ApplicationService;
using services::FileUpload;

// The application as the API shows it, with `key` (e.g. "open") added.
http::Response ApplicationAnswer(const services::ApplicationPageView& view, const char* key,
                                 bool value) {
  auto out = ApplicationJson(*view.application);
  out[key] = value;
  return Site::JsonOk(out);
}

FileUpload ApiUpload(const json::value& body) {
  FileUpload f{"content_base64", "", "", ""};
  if (body.is_object()) {
    const auto& o = body.get_object();
    f.kind = JsonText(o, "kind");
    f.filename = JsonText(o, "filename");
    f.data = Base64Field(body, "content_base64");
  }
  return f;
}

services::RegistrationInput ApiRegistration(const Context& ctx, const json::value& body) {
  services::RegistrationInput in;
  in.lang = ctx.lang;
  if (body.is_object()) {
    const auto& o = body.get_object();
    in.email = JsonText(o, "email");
    in.name = JsonText(o, "name");
    in.password = JsonText(o, "password");
    in.password_repeat = JsonText(o, "password_repeat");
    if (auto* v = o.if_contains("accept_terms"); v && v->is_bool()) in.accept_terms = v->get_bool();
  }
  return in;
}

}  // namespace

void RegisterApiRoutes(Site& site, ApplicationService& svc) {
  site.Api("GET", "/api/v1/applications", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& s : svc.ListMine(ctx.actor)) items.push_back(SummaryJson(s));
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("GET", "/api/v1/cohorts/{id}/application", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetApplication(ctx.actor, ctx.IdParam("id"));
    if (!view.application) throw NotFound("no application yet");
    return ApplicationAnswer(view, "open", view.open);
  });
  site.Api("PUT", "/api/v1/cohorts/{id}/application",
           [&svc](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             const auto id = ctx.IdParam("id");
             svc.Save(ctx.actor, id, ApiInput(body), {}, false);
             auto view = svc.GetApplication(ctx.actor, id);
             return ApplicationAnswer(view, "open", view.open);
           });
  site.Api("POST", "/api/v1/cohorts/{id}/application/send",
           [&svc](Context& ctx, const json::value&) {
             ctx.RequireLogin();
             const auto id = ctx.IdParam("id");
             auto result = svc.Send(ctx.actor, id);
             return ApplicationAnswer(svc.GetApplication(ctx.actor, id), "already_sent",
                                      result.already_sent);
           });
  site.Api("POST", "/api/v1/cohorts/{id}/application/withdraw",
           [&svc](Context& ctx, const json::value&) {
             ctx.RequireLogin();
             const auto id = ctx.IdParam("id");
             svc.Withdraw(ctx.actor, id);
             return Site::JsonOk(ApplicationJson(*svc.GetApplication(ctx.actor, id).application));
           });
  site.Api(
      "POST", "/api/v1/cohorts/{id}/application/files",
      [&svc](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        const auto id = ctx.IdParam("id");
        const auto f = ApiUpload(body);
        // Check the rights before the content, so strangers learn nothing.
        svc.GetApplication(ctx.actor, id);
        auto file_id = svc.AddFile(ctx.actor, id, f);
        auto d = svc.GetFile(ctx.actor, file_id);
        auto r = Site::JsonOk(FileJson(d.file), 201);
        r.Set("Location", "/api/v1/application-files/" + Id(file_id));
        return r;
      },
      kUploadBodyLimit);
  site.Api("GET", "/api/v1/application-files/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto d = svc.GetFile(ctx.actor, ctx.IdParam("id"));
    auto out = FileJson(d.file);
    out["content_base64"] = domain::Base64Encode(d.content);
    return Site::JsonOk(out);
  });
  site.Api("DELETE", "/api/v1/application-files/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteFile(ctx.actor, ctx.IdParam("id"));
    http::Response r;
    r.status = 204;
    return r;
  });
  site.Api("GET", "/api/v1/account/export", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ExportJson(svc.Export(ctx.actor)));
  });
  site.Api("DELETE", "/api/v1/account", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteAccount(ctx.actor);
    return http::Response::Text(204, "");
  });

  // An applicant account over the API: the same rules and the same e-mail link as the page.
  // The answer never tells whether the address already has an account.
  site.Api("POST", "/api/v1/registrations", [&svc](Context& ctx, const json::value& body) {
    const auto in = ApiRegistration(ctx, body);
    svc.Register(in);
    return Site::JsonOk(
        json::object{{"email", domain::NormalizeEmail(in.email)}, {"status", "verification_sent"}},
        202);
  });
  site.Api("POST", "/api/v1/registrations/verify",
           [&site, &svc](Context& ctx, const json::value& body) {
             // The address for the answer; Verify checks the link again in its transaction.
             std::string token;
             if (body.is_object()) token = JsonText(body.get_object(), "token");
             auto email = svc.PeekRegistration(token);
             if (!email) throw NotFound("registration");
             auto session = svc.VerifyRegistration(token, ctx.request.remote_address,
                                                   ctx.request.Header("user-agent"));
             auto response = Site::JsonOk(json::object{{"email", *email}, {"status", "verified"}});
             response.Add("Set-Cookie",
                          site.SessionCookie(session, svc.settings().session_lifetime_hours));
             return response;
           });
}

}  // namespace tp::web::applications
