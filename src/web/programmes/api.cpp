#include "web/programmes/api.h"

#include <boost/json.hpp>

#include "domain/errors.h"
#include "services/programmes/programme_service.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/programmes/inputs.h"
#include "web/programmes/shared.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using namespace programme_inputs;

std::string OreText(long long ore);
json::object MunicipalityJson(const domain::Municipality& m);

// Runs an API write, renaming form field names to the API's (fee -> fee_ore).
template <class F>
auto WithApiFieldNames(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (Invalid& e) {
    for (auto& fe : e.errors)
      if (fe.field == "fee") fe.field = "fee_ore";
    throw;
  }
}

}  // namespace

void RegisterProgrammeApi(Site& site, services::ProgrammeService& svc) {
  site.Api("GET", "/api/v1/operators", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : svc.ListOperators(ctx.actor)) items.push_back(OperatorJson(o));
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("GET", "/api/v1/operators/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(OperatorJson(svc.GetOperator(ctx.actor, ctx.IdParam("id")).op));
  });
  site.Api("POST", "/api/v1/operators", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = svc.CreateOperator(ctx.actor, OperatorIn(ApiValues(body, kOperatorFields)));
    return Created(OperatorJson(svc.GetOperator(ctx.actor, id).op), "/api/v1/operators/" + Id(id));
  });
  site.Api("PUT", "/api/v1/operators/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateOperator(ctx.actor, id, OperatorIn(ApiValues(body, kOperatorFields)));
    return Site::JsonOk(OperatorJson(svc.GetOperator(ctx.actor, id).op));
  });

  site.Api("GET", "/api/v1/programmes", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    auto op = ctx.request.Query("operator_id");
    std::vector<std::int64_t> operators;
    if (op) {
      try {
        operators.push_back(std::stoll(*op));
      } catch (const std::exception&) {
        throw NotFound("operator");
      }
    } else {
      for (const auto& o : svc.ListOperators(ctx.actor)) operators.push_back(o.id);
    }
    for (auto id : operators)
      for (const auto& p : svc.ListProgrammes(ctx.actor, id)) items.push_back(ProgrammeJson(p));
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("GET", "/api/v1/programmes/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ProgrammeJson(svc.GetProgramme(ctx.actor, ctx.IdParam("id")).programme));
  });
  site.Api("POST", "/api/v1/programmes", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    std::int64_t operator_id = 0;
    try {
      operator_id = std::stoll(JsonText(body, "operator_id"));
    } catch (const std::exception&) {
      throw Invalid(std::vector<FieldError>{{"operator_id", "Choose an operator."}});
    }
    auto id =
        svc.CreateProgramme(ctx.actor, operator_id, ProgrammeIn(ApiValues(body, kProgrammeFields)));
    return Created(ProgrammeJson(svc.GetProgramme(ctx.actor, id).programme),
                   "/api/v1/programmes/" + Id(id));
  });
  site.Api("PUT", "/api/v1/programmes/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateProgramme(ctx.actor, id, ProgrammeIn(ApiValues(body, kProgrammeFields)));
    return Site::JsonOk(ProgrammeJson(svc.GetProgramme(ctx.actor, id).programme));
  });

  auto cohort_values = [](const json::value& body) {
    auto v = ApiValues(body,
                       {"name", "signup_deadline", "application_deadline", "starts_on", "ends_on"});
    const std::string fee = JsonText(body, "fee_ore");
    if (fee.empty()) {
      v["fee"] = "";
    } else {
      try {
        std::size_t used = 0;
        long long ore = std::stoll(fee, &used);
        v["fee"] = used == fee.size() ? OreText(ore) : std::string("x");
      } catch (const std::exception&) {
        v["fee"] = "x";  // not an integer: the service reports the fee field
      }
    }
    return v;
  };

  site.Api("GET", "/api/v1/cohorts", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    if (auto pid = ctx.request.Query("programme_id")) {
      std::int64_t id = 0;
      try {
        id = std::stoll(*pid);
      } catch (const std::exception&) {
        throw NotFound("programme");
      }
      for (const auto& c : svc.ListCohorts(ctx.actor, id)) items.push_back(CohortJson(c));
    } else {
      for (const auto& s : svc.ListMyCohorts(ctx.actor)) items.push_back(CohortJson(s.cohort));
    }
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("GET", "/api/v1/cohorts/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetCohort(ctx.actor, ctx.IdParam("id"));
    auto o = CohortJson(view.cohort);
    json::array goals;
    for (const auto& g : view.goals) goals.push_back(json::value(g.text));
    o["goals"] = std::move(goals);
    return Site::JsonOk(o);
  });
  site.Api("POST", "/api/v1/cohorts", [&svc, cohort_values](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    std::int64_t programme_id = 0;
    try {
      programme_id = std::stoll(JsonText(body, "programme_id"));
    } catch (const std::exception&) {
      throw Invalid(std::vector<FieldError>{{"programme_id", "Choose a programme."}});
    }
    auto id = WithApiFieldNames(
        [&] { return svc.CreateCohort(ctx.actor, programme_id, CohortIn(cohort_values(body))); });
    return Created(CohortJson(svc.GetCohort(ctx.actor, id).cohort), "/api/v1/cohorts/" + Id(id));
  });
  site.Api("PUT", "/api/v1/cohorts/{id}",
           [&svc, cohort_values](Context& ctx, const json::value& body) {
             ctx.RequireLogin();
             auto id = ctx.IdParam("id");
             WithApiFieldNames([&] {
               svc.UpdateCohort(ctx.actor, id, CohortIn(cohort_values(body)));
               return 0;
             });
             return Site::JsonOk(CohortJson(svc.GetCohort(ctx.actor, id).cohort));
           });

  site.Api("GET", "/api/v1/cohorts/{id}/goals", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& g : svc.GetCohort(ctx.actor, ctx.IdParam("id")).goals)
      items.push_back(json::object{{"position", g.position}, {"text", g.text}});
    return JsonListPage(ctx.request, std::move(items));
  });
  site.Api("PUT", "/api/v1/cohorts/{id}/goals", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    std::vector<std::string> texts;
    const json::value* list = body.is_object() ? body.get_object().if_contains("goals") : nullptr;
    // A body without a list of strings becomes an empty list, so the service checks the
    // caller's rights before it reports the missing goals.
    if (list && list->is_array()) {
      for (const auto& g : list->get_array())
        texts.emplace_back(g.is_string() ? std::string(g.get_string()) : std::string());
    }
    svc.ReplaceGoals(ctx.actor, id, texts);
    json::array items;
    for (const auto& g : svc.GetCohort(ctx.actor, id).goals)
      items.push_back(json::object{{"position", g.position}, {"text", g.text}});
    return JsonListPage(ctx.request, std::move(items));
  });

  site.Api("GET", "/api/v1/municipalities", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& m : svc.SearchMunicipalities(ctx.actor, ctx.request.Query("q").value_or(""),
                                                  ctx.request.Query("county").value_or("")))
      items.push_back(MunicipalityJson(m));
    return JsonListPage(ctx.request, std::move(items));
  });
}

namespace {

// øre from the API as text ParseNok reads back exactly ("6900000" -> "69000,00").
std::string OreText(long long ore) {
  const bool negative = ore < 0;
  unsigned long long abs =
      negative ? 0ULL - static_cast<unsigned long long>(ore) : static_cast<unsigned long long>(ore);
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(abs / 100) + "," + cents;
}

json::object MunicipalityJson(const domain::Municipality& m) {
  return {{"number", m.number},
          {"name", m.name},
          {"county_number", m.county_number},
          {"county_name", m.county_name},
          {"other_name", m.other_name}};
}

}  // namespace
}  // namespace tp::web
