#include "web/gatherings/routes.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/gatherings/rules.h"
#include "services/gatherings/gathering_service.h"
#include "services/programmes/programme_service.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/programmes/shared.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using services::GatheringService;
using services::ProgrammeService;

const std::vector<std::string> kGatheringFields{"title", "kind", "starts_on", "ends_on",
                                                "location"};

// The gathering form; the handlers keep it alive through shared_ptr captures.
class GatheringPages {
 public:
  GatheringPages(Site& site, GatheringService& gatherings, ProgrammeService& programmes)
      : site_(site), svc_(gatherings), programmes_(programmes) {}

  http::Response GatheringForm(Context& ctx, const std::string& title, const std::string& action,
                               const std::string& cancel, json::object values,
                               const std::vector<FieldError>& errors, int status);

  Site& site_;
  GatheringService& svc_;
  ProgrammeService& programmes_;
};

services::GatheringInput GatheringIn(const json::object& v);
json::object GatheringJson(const domain::Gathering& g);

}  // namespace

void RegisterGatheringRoutes(Site& site, GatheringService& gatherings,
                             ProgrammeService& programmes) {
  auto self = std::make_shared<GatheringPages>(site, gatherings, programmes);
  auto& svc = gatherings;

  // ------------------------------------------------------------------ pages
  site.Page("GET", "/cohorts/{id}/gatherings/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    if (!self->programmes_.GetCohort(ctx.actor, id).can_edit) throw Forbidden("cannot edit cohort");
    return self->GatheringForm(ctx, "New gathering", "/cohorts/" + Id(id) + "/gatherings/new",
                               "/cohorts/" + Id(id), json::object{{"kind", "gathering"}}, {}, 200);
  });
  site.Page("POST", "/cohorts/{id}/gatherings/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kGatheringFields);
    try {
      self->svc_.AddGathering(ctx.actor, id, GatheringIn(values));
      return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->GatheringForm(ctx, "New gathering", "/cohorts/" + Id(id) + "/gatherings/new",
                                 "/cohorts/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/gatherings/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    if (!self->programmes_.GetCohort(ctx.actor, g.cohort_id).can_edit)
      throw Forbidden("cannot edit");
    json::object values{{"title", g.title},
                        {"kind", domain::GatheringKindName(g.kind)},
                        {"starts_on", NbDate(g.starts_on)},
                        {"ends_on", NbDate(g.ends_on)},
                        {"location", g.location}};
    return self->GatheringForm(ctx, "Edit gathering", "/gatherings/" + Id(id) + "/edit",
                               "/cohorts/" + Id(g.cohort_id), std::move(values), {}, 200);
  });
  site.Page("POST", "/gatherings/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    auto values = FormValues(ctx, kGatheringFields);
    try {
      self->svc_.UpdateGathering(ctx.actor, id, GatheringIn(values));
      return http::Response::Redirect("/cohorts/" + Id(g.cohort_id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->GatheringForm(ctx, "Edit gathering", "/gatherings/" + Id(id) + "/edit",
                                 "/cohorts/" + Id(g.cohort_id), std::move(values), e.errors, 422);
    }
  });
  site.Page("GET", "/gatherings/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    if (!self->programmes_.GetCohort(ctx.actor, g.cohort_id).can_edit)
      throw Forbidden("cannot edit");
    return ConfirmPage(self->site_.views(), ctx, "Delete gathering",
                       "Are you sure you want to delete this gathering?",
                       g.title + " (" + NbDate(g.starts_on) + ")",
                       "/gatherings/" + Id(id) + "/delete", "/cohorts/" + Id(g.cohort_id));
  });
  site.Page("POST", "/gatherings/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    self->svc_.DeleteGathering(ctx.actor, id);
    return http::Response::Redirect("/cohorts/" + Id(g.cohort_id) + "?saved=1");
  });

  // ------------------------------------------------------------------ API
  site.Api("GET", "/api/v1/cohorts/{id}/gatherings",
           [&programmes](Context& ctx, const json::value&) {
             ctx.RequireLogin();
             json::array items;
             for (const auto& g : programmes.GetCohort(ctx.actor, ctx.IdParam("id")).gatherings)
               items.push_back(GatheringJson(g));
             return JsonListPage(ctx.request, std::move(items));
           });
  site.Api("POST", "/api/v1/cohorts/{id}/gatherings",
           [&svc](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             auto gid = svc.AddGathering(ctx.actor, ctx.IdParam("id"),
                                         GatheringIn(ApiValues(body, kGatheringFields)));
             return Created(GatheringJson(svc.GetGathering(ctx.actor, gid)),
                            "/api/v1/gatherings/" + Id(gid));
           });
  site.Api("GET", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(GatheringJson(svc.GetGathering(ctx.actor, ctx.IdParam("id"))));
  });
  site.Api("PUT", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateGathering(ctx.actor, id, GatheringIn(ApiValues(body, kGatheringFields)));
    return Site::JsonOk(GatheringJson(svc.GetGathering(ctx.actor, id)));
  });
  site.Api("DELETE", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteGathering(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });
}

namespace {

std::vector<std::pair<std::string, std::string>> GatheringKindChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto k : domain::AllGatheringKinds())
    out.emplace_back(std::string(domain::GatheringKindName(k)), domain::GatheringKindLabel(k));
  return out;
}

services::GatheringInput GatheringIn(const json::object& v) {
  return {ValueOf(v, "title"), ValueOf(v, "kind"), ValueOf(v, "starts_on"), ValueOf(v, "ends_on"),
          ValueOf(v, "location")};
}

json::object GatheringJson(const domain::Gathering& g) {
  return {{"id", g.id},
          {"cohort_id", g.cohort_id},
          {"title", g.title},
          {"kind", domain::GatheringKindName(g.kind)},
          {"starts_on", domain::FormatIso(g.starts_on)},
          {"ends_on", domain::FormatIso(g.ends_on)},
          {"location", g.location}};
}

http::Response GatheringPages::GatheringForm(Context& ctx, const std::string& title,
                                             const std::string& action, const std::string& cancel,
                                             json::object values,
                                             const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["kinds"] = Options(ctx, GatheringKindChoices(), ValueOf(values, "kind"));
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return AreaPage(site_.views(), ctx, "gatherings/gathering_form", title, std::move(data), status);
}

}  // namespace
}  // namespace tp::web
