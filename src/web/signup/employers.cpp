#include <boost/json.hpp>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/signup/rules.h"
#include "http/text.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/programmes/shared.h"
#include "web/signup/parts.h"
#include "web/signup/records.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using namespace signup_records;
using services::ProgrammeService;
using services::SignupService;

// The pages' forms; the handlers keep it alive through shared_ptr captures.
class SignupPages {
 public:
  SignupPages(Site& site, SignupService& signup, ProgrammeService& programmes)
      : site_(site), svc_(signup), programmes_(programmes) {}

  const Views& views() const { return site_.views(); }
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) {
    return AreaPage(views(), ctx, "signup/" + page, title, std::move(data), status);
  }
  http::Response EmployerForm(Context& ctx, const std::string& title, const std::string& action,
                              const std::string& cancel, json::object values,
                              const std::vector<FieldError>& errors, int status);

  Site& site_;
  SignupService& svc_;
  ProgrammeService& programmes_;
};

}  // namespace

void RegisterEmployerPages(Site& site, SignupService& signup, ProgrammeService& programmes) {
  auto self = std::make_shared<SignupPages>(site, signup, programmes);
  const std::vector<std::string> sorts{"name", "kind", "municipality", "created"};

  site.Page("GET", "/employers", [self, sorts](Context& ctx) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, sorts, "name");
    auto result = self->svc_.ListEmployers(ctx.actor, page);
    json::array items;
    for (const auto& e : result.items)
      items.push_back(json::object{{"id", e.id},
                                   {"name", e.name},
                                   {"kind", ctx.T(domain::EmployerKindLabel(e.kind))},
                                   {"org_number", e.org_number},
                                   {"municipality", e.municipality_name},
                                   {"created", NbDate(domain::OsloDateAt(e.created_at))}});
    json::object data = Pager(ctx.request, page, result.total);
    data["employers"] = std::move(items);
    data["has_employers"] = result.total > 0;
    data["q"] = page.q;
    json::object sort_urls;
    for (const auto& s : sorts) sort_urls[s] = SortUrl(ctx.request, page, s);
    data["sort"] = std::move(sort_urls);
    std::string csv = "/employers.csv";
    if (!page.q.empty()) csv += "?q=" + http::UrlEncode(page.q);
    data["csv_url"] = csv;
    return self->Page(ctx, "employers", "Employers", std::move(data));
  });

  site.Page("GET", "/employers.csv", [self, sorts](Context& ctx) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, sorts, "name");
    page.page = 1;
    page.per_page = 1000000;  // the export holds every matching row
    auto result = self->svc_.ListEmployers(ctx.actor, page);
    std::vector<std::vector<std::string>> rows{
        {ctx.T("Name"), ctx.T("Kind"), ctx.T("Organisation number"), ctx.T("Municipality number"),
         ctx.T("Municipality"), ctx.T("Address"), ctx.T("Postal code"), ctx.T("City"),
         ctx.T("Invoice contact"), ctx.T("Invoice e-mail")}};
    for (const auto& e : result.items)
      rows.push_back({e.name, ctx.T(domain::EmployerKindLabel(e.kind)), e.org_number,
                      e.municipality_number, e.municipality_name, e.address, e.postal_code, e.city,
                      e.invoice_contact_name, e.invoice_contact_email});
    return CsvResponse("employers.csv", rows);
  });

  site.Page("GET", "/employers/new", [self](Context& ctx) {
    ctx.RequireLogin();
    self->svc_.ListEmployers(ctx.actor, domain::PageRequest{1, 1, "", false, ""});  // rights
    return self->EmployerForm(ctx, "New employer", "/employers/new", "/employers",
                              json::object{{"kind", "municipality"}}, {}, 200);
  });
  site.Page("POST", "/employers/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto values = FormValues(ctx, kEmployerFields);
    try {
      auto id = self->svc_.CreateEmployer(ctx.actor, EmployerIn(values));
      return http::Response::Redirect("/employers/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->EmployerForm(ctx, "New employer", "/employers/new", "/employers",
                                std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/employers/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetEmployer(ctx.actor, ctx.IdParam("id"));
    const auto& e = view.employer;
    json::array cohorts;
    for (const auto& s : view.cohorts)
      cohorts.push_back(json::object{{"id", s.cohort.id},
                                     {"name", s.cohort.name},
                                     {"programme", s.programme_name},
                                     {"operator", s.operator_name}});
    auto employer = EmployerJson(e);
    employer["kind_label"] = ctx.T(domain::EmployerKindLabel(e.kind));
    json::object data{{"employer", std::move(employer)},
                      {"has_cohorts", !cohorts.empty()},
                      {"cohorts", std::move(cohorts)},
                      {"can_edit", view.can_edit}};
    if (view.can_edit) {  // the change log, for those who may edit
      auto page = ParsePageRequest(ctx.request, {"changed"}, "changed");
      auto changes = self->svc_.ListEmployerChanges(ctx.actor, e.id, page);
      json::array items;
      for (const auto& c : changes.items) items.push_back(EmployerChangeJson(c));
      data["changes"] = std::move(items);
      data["has_changes"] = changes.total > 0;
      data["pager"] = Pager(ctx.request, page, changes.total)["pager"];
    }
    return self->Page(ctx, "employer", "Employer", std::move(data));
  });

  site.Page("GET", "/employers/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetEmployer(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit employer");
    return self->EmployerForm(ctx, "Edit employer", "/employers/" + Id(id) + "/edit",
                              "/employers/" + Id(id), EmployerValues(view.employer), {}, 200);
  });
  site.Page("POST", "/employers/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kEmployerFields);
    try {
      self->svc_.UpdateEmployer(ctx.actor, id, EmployerIn(values));
      return http::Response::Redirect("/employers/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->EmployerForm(ctx, "Edit employer", "/employers/" + Id(id) + "/edit",
                                "/employers/" + Id(id), std::move(values), e.errors, 422);
    }
  });
}

namespace {

std::vector<std::pair<std::string, std::string>> EmployerKindChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto k : domain::AllEmployerKinds())
    out.emplace_back(std::string(domain::EmployerKindName(k)), domain::EmployerKindLabel(k));
  return out;
}

http::Response SignupPages::EmployerForm(Context& ctx, const std::string& title,
                                         const std::string& action, const std::string& cancel,
                                         json::object values, const std::vector<FieldError>& errors,
                                         int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["kinds"] = Options(ctx, EmployerKindChoices(), ValueOf(values, "kind"));
  // The municipality list grouped by county for <optgroup>.
  const std::string chosen = ValueOf(values, "municipality_number");
  json::array counties;
  std::string current_county;
  json::object group;
  json::array options;
  auto flush = [&] {
    if (!current_county.empty()) {
      group["options"] = std::move(options);
      counties.push_back(std::move(group));
      group = json::object{};
      options = json::array{};
    }
  };
  for (const auto& m : programmes_.AllMunicipalities()) {
    if (m.county_number != current_county) {
      flush();
      current_county = m.county_number;
      group["county"] = m.county_name;
    }
    std::string label = m.name;
    if (!m.other_name.empty()) label += " (" + m.other_name + ")";
    options.push_back(
        json::object{{"value", m.number}, {"label", label}, {"selected", m.number == chosen}});
  }
  flush();
  data["counties"] = std::move(counties);
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "employer_form", title, std::move(data), status);
}

}  // namespace
}  // namespace tp::web
