// The applicant's own pages: the applications, their files, and the data stored about them.
//
//   GET  /applications                      my applications (after sign-up: a welcome)
//   GET  /applications/files/{id}           downloads one of my PDF files
//   GET  /applications/files/{id}/delete    asks whether to delete the file
//   POST /applications/files/{id}/delete    deletes it, back to the application
//   GET  /account/export.json               everything stored about me, as a JSON download
//   GET  /account/delete                    asks whether to delete my account (409 once sent)
//   POST /account/delete                    deletes the account and logs out
#include "domain/dates.h"
#include "web/applications/routes_internal.h"

namespace tp::web::applications {
namespace {

namespace json = boost::json;
using services::ApplicationService;

json::object SummaryView(Context& ctx, const domain::ApplicationSummary& s) {
  return {{"cohort_id", s.cohort_id},
          {"cohort_name", s.cohort_name},
          {"programme_name", s.programme_name},
          {"deadline", IsoToNorwegian(s.application_deadline)},
          {"status", ctx.T(domain::ApplicationStatusLabel(s.status))},
          {"sent", s.status == domain::ApplicationStatus::kSent},
          {"reference", domain::ApplicationReference(s.cohort_id, s.id)},
          {"updated", domain::FormatOsloDateTime(s.updated_at)}};
}

http::Response PdfDownload(services::FileDownload d) {
  http::Response r;
  r.status = 200;
  r.body = std::move(d.content);
  r.Set("Content-Type", "application/pdf");
  r.Set("Content-Disposition", http::ContentDisposition("attachment", d.file.filename));
  r.Set("Cache-Control", "private, no-store");
  return r;
}

// The application page the file belongs to, or the list when it is not found among mine.
std::string PageOfFile(ApplicationService& svc, const Context& ctx, std::int64_t application_id) {
  std::string back = "/applications";
  for (const auto& s : svc.ListMine(ctx.actor))
    if (s.id == application_id) back = "/apply/cohorts/" + Id(s.cohort_id);
  return back;
}

http::Response DeleteRefused(const Site& site, Context& ctx) {
  return AreaPage(site, ctx, "account_delete_refused", "Delete account", json::object{}, 409);
}

}  // namespace

void RegisterMyRoutes(Site& site, ApplicationService& svc) {
  site.Page("GET", "/applications", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& s : svc.ListMine(ctx.actor)) items.push_back(SummaryView(ctx, s));
    json::object data{{"has_items", !items.empty()}, {"items", std::move(items)}};
    if (ctx.request.Query("welcome")) data["welcome"] = true;
    if (ctx.request.Query("withdrawn")) data["withdrawn"] = true;
    return AreaPage(site, ctx, "mine", "My applications", std::move(data));
  });

  // ------------------------------------------------------------------ files
  site.Page("GET", "/applications/files/{id}", [&svc](Context& ctx) {
    ctx.RequireLogin();
    return PdfDownload(svc.GetFile(ctx.actor, ctx.IdParam("id")));
  });
  site.Page("GET", "/applications/files/{id}/delete", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    const auto file_id = ctx.IdParam("id");
    auto d = svc.GetFile(ctx.actor, file_id);
    return ConfirmPage(site, ctx, "Delete file", "Do you want to delete this file?",
                       d.file.filename, "Yes, delete",
                       "/applications/files/" + Id(file_id) + "/delete",
                       PageOfFile(svc, ctx, d.file.application_id));
  });
  site.Page("POST", "/applications/files/{id}/delete", [&svc](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = svc.DeleteFile(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/apply/cohorts/" + Id(cohort_id) + "?saved=1");
  });

  // ------------------------------------------------------------------ the person's data
  site.Page("GET", "/account/export.json", [&svc](Context& ctx) {
    ctx.RequireLogin();
    auto r = http::Response::Json(200, json::serialize(ExportJson(svc.Export(ctx.actor))));
    r.Set("Content-Disposition", http::ContentDisposition("attachment", "traineeportal-data.json"));
    r.Set("Cache-Control", "private, no-store");
    return r;
  });
  site.Page("GET", "/account/delete", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    try {
      svc.CheckMayDeleteAccount(ctx.actor);
    } catch (const Conflict&) {
      return DeleteRefused(site, ctx);
    }
    return ConfirmPage(site, ctx, "Delete account",
                       "Do you want to delete your account with all drafts and files? This "
                       "cannot be undone.",
                       ctx.actor.email, "Yes, delete", "/account/delete", "/applications");
  });
  site.Page("POST", "/account/delete", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    try {
      svc.DeleteAccount(ctx.actor);
    } catch (const Conflict&) {
      return DeleteRefused(site, ctx);
    }
    auto response = http::Response::Redirect("/?deleted=1");
    response.Add("Set-Cookie", site.SessionCookie("", 0));
    return response;
  });
}

}  // namespace tp::web::applications
