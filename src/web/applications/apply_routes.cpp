// The application to one cohort, as the applicant writes, sends and withdraws it.
//
//   GET  /apply/cohorts/{id}            the application form (closed after the deadline)
//   POST /apply/cohorts/{id}            saves the draft with uploads; with action=send also sends
//                                       it and continues to the receipt
//   GET  /apply/cohorts/{id}/receipt    the receipt of the sent application
//   GET  /apply/cohorts/{id}/withdraw   asks whether to withdraw the sent application
//   POST /apply/cohorts/{id}/withdraw   withdraws it, back to /applications
#include "domain/dates.h"
#include "web/applications/routes_internal.h"

namespace tp::web::applications {
namespace {

using services::ApplicationService;

constexpr const char* kDeadlinePassed =
    "The application deadline has passed. The application can no longer be changed.";

// The form as stored, after a save the application's state refused.
http::Response RefusedSave(const Site& site, ApplicationService& svc, Context& ctx,
                           std::int64_t id) {
  auto view = svc.GetApplication(ctx.actor, id);
  return ApplicationFormPage(
      site, svc, ctx, id, FromApplication(view.application), {}, 409,
      view.open ? "The application is withdrawn and can no longer be changed." : kDeadlinePassed);
}

http::Response SaveForm(const Site& site, ApplicationService& svc, Context& ctx) {
  ctx.RequireLogin();
  const auto id = ctx.IdParam("id");
  auto typed = ReadForm(ctx);
  const bool send = ctx.Field("action") == "send";
  services::SaveResult result;
  try {
    result = svc.Save(ctx.actor, id, typed.input, Uploads(ctx), send);
  } catch (const Invalid& e) {
    return ApplicationFormPage(site, svc, ctx, id, typed, e.errors, 422);
  } catch (const Conflict&) {
    return RefusedSave(site, svc, ctx, id);
  }
  if (!result.file_errors.empty())
    return ApplicationFormPage(site, svc, ctx, id, typed, result.file_errors, 422);
  if (send) return http::Response::Redirect("/apply/cohorts/" + Id(id) + "/receipt");
  return http::Response::Redirect("/apply/cohorts/" + Id(id) + "?saved=1");
}

}  // namespace

void RegisterApplyRoutes(Site& site, ApplicationService& svc) {
  site.Page("GET", "/apply/cohorts/{id}", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto view = svc.GetApplication(ctx.actor, id);
    const std::string notice = view.open ? "" : kDeadlinePassed;
    return ApplicationFormPage(site, svc, ctx, id, FromApplication(view.application), {}, 200,
                               notice);
  });
  site.Page(
      "POST", "/apply/cohorts/{id}",
      [&site, &svc](Context& ctx) { return SaveForm(site, svc, ctx); },
      PageOptions{.uploads = true, .body_limit = kUploadBodyLimit});

  site.Page("GET", "/apply/cohorts/{id}/receipt", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto data = ReceiptData(ctx, id, svc.GetApplication(ctx.actor, id));
    return AreaPage(site, ctx, "receipt", "Receipt", std::move(data));
  });

  site.Page("GET", "/apply/cohorts/{id}/withdraw", [&site, &svc](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto view = svc.GetApplication(ctx.actor, id);
    if (!view.application || view.application->status != domain::ApplicationStatus::kSent)
      throw NotFound("nothing to withdraw");
    return ConfirmPage(site, ctx, "Withdraw the application",
                       "Do you want to withdraw your application? It will no longer be "
                       "considered.",
                       view.programme_name + " – " + view.cohort.name, "Yes, withdraw",
                       "/apply/cohorts/" + Id(id) + "/withdraw",
                       "/apply/cohorts/" + Id(id) + "/receipt");
  });
  site.Page("POST", "/apply/cohorts/{id}/withdraw", [&svc](Context& ctx) {
    ctx.RequireLogin();
    svc.Withdraw(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/applications?withdrawn=1");
  });
}

}  // namespace tp::web::applications
