#include <boost/json.hpp>

#include "domain/errors.h"
#include "domain/signup/rules.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/programmes/shared.h"
#include "web/signup/parts.h"
#include "web/signup/records.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using namespace signup_records;

}  // namespace

void RegisterSignupApi(Site& site, services::SignupService& svc,
                       services::ProgrammeService& programmes) {
  site.Api("GET", "/api/v1/signup/cohorts", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetSignupOverview(ctx.actor);
    json::array items;
    for (const auto& c : view.open_cohorts) {
      auto o = CohortJson(c.cohort);
      o["programme_name"] = c.programme_name;
      o["operator_id"] = c.operator_id;
      o["operator_name"] = c.operator_name;
      items.push_back(std::move(o));
    }
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("POST", "/api/v1/participations/{id}/decision",
           [&svc](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             auto id = ctx.IdParam("id");
             svc.DecideParticipation(ctx.actor, id,
                                     {JsonText(body, "decision"), JsonText(body, "reason")});
             return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
           });
  site.Api("GET", "/api/v1/operators/{id}/backgrounds", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& b : svc.ListBackgrounds(ctx.actor, ctx.IdParam("id"), true))
      items.push_back(BackgroundJson(b));
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("POST", "/api/v1/operators/{id}/backgrounds",
           [&svc](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             auto bid = svc.AddBackground(ctx.actor, ctx.IdParam("id"), {JsonText(body, "name")});
             return Created(BackgroundJson(svc.GetBackground(ctx.actor, bid)),
                            "/api/v1/backgrounds/" + Id(bid));
           });
  site.Api("PUT", "/api/v1/backgrounds/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.RenameBackground(ctx.actor, id, {JsonText(body, "name")});
    if (body.is_object()) {
      if (auto* a = body.get_object().if_contains("archived"); a && a->is_bool())
        svc.SetBackgroundArchived(ctx.actor, id, a->get_bool());
    }
    return Site::JsonOk(BackgroundJson(svc.GetBackground(ctx.actor, id)));
  });

  site.Api("GET", "/api/v1/cohorts/{id}/participations",
           [&programmes](Context& ctx, const json::value&) {
             ctx.RequireLogin();
             auto view = programmes.GetCohort(ctx.actor, ctx.IdParam("id"));
             if (!view.can_see_participations) throw NotFound("participations");
             json::array items;
             for (const auto& p : view.participations) items.push_back(ParticipationJson(p));
             return JsonListPage(ctx.request, std::move(items));
           });
  site.Api("POST", "/api/v1/cohorts/{id}/participations",
           [&svc](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             auto pid = svc.SignUpEmployer(ctx.actor, ctx.IdParam("id"),
                                           ParticipationIn(ApiValues(body, kParticipationFields),
                                                           JsonIdList(body, "background_ids")));
             return Created(ParticipationJson(svc.GetParticipation(ctx.actor, pid)),
                            "/api/v1/participations/" + Id(pid));
           });
  site.Api("GET", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, ctx.IdParam("id"))));
  });
  site.Api("PUT", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateParticipation(
        ctx.actor, id,
        ParticipationIn(ApiValues(body, kParticipationFields), JsonIdList(body, "background_ids")));
    return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
  });
  site.Api("DELETE", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.RemoveParticipation(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });
  // The employer's logo for the advert: a PNG, JPEG or WebP image as base64 in "content_base64".
  site.Api(
      "PUT", "/api/v1/participations/{id}/logo",
      [&svc](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        auto id = ctx.IdParam("id");
        svc.SetParticipationLogo(ctx.actor, id, Base64Field(body, "content_base64"));
        return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
      },
      domain::kMaxLogoBytes / 3 * 4 + 64 * 1024);
  site.Api("DELETE", "/api/v1/participations/{id}/logo", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.RemoveParticipationLogo(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });

  site.Api("GET", "/api/v1/employers", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"name", "kind", "municipality", "created"}, "name");
    auto result = svc.ListEmployers(ctx.actor, page);
    json::array items;
    for (const auto& e : result.items) items.push_back(EmployerJson(e));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
  site.Api("GET", "/api/v1/employers/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(EmployerJson(svc.GetEmployer(ctx.actor, ctx.IdParam("id")).employer));
  });
  site.Api("GET", "/api/v1/employers/{id}/changes", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"changed"}, "changed");
    auto result = svc.ListEmployerChanges(ctx.actor, ctx.IdParam("id"), page);
    json::array items;
    for (const auto& c : result.items) items.push_back(EmployerChangeJson(c));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
  site.Api("POST", "/api/v1/employers", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = svc.CreateEmployer(ctx.actor, EmployerIn(ApiValues(body, kEmployerFields)));
    return Created(EmployerJson(svc.GetEmployer(ctx.actor, id).employer),
                   "/api/v1/employers/" + Id(id));
  });
  site.Api("PUT", "/api/v1/employers/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateEmployer(ctx.actor, id, EmployerIn(ApiValues(body, kEmployerFields)));
    return Site::JsonOk(EmployerJson(svc.GetEmployer(ctx.actor, id).employer));
  });
}

}  // namespace tp::web
