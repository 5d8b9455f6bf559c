#include "web/publiclist/routes.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "services/publiclist/publiclist_service.h"
#include "services/publiclist/table_pdf.h"
#include "web/forms.h"
#include "web/json.h"
#include "web/lists.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using services::PublicListService;

std::string Id(std::int64_t id) { return std::to_string(id); }

// An optional id from the query string or a form field (employer_id, cohort_id): 0 when absent
// (for employer_id: the cohort-wide list); NotFound when it is not a positive number.
std::int64_t OptionalId(const std::optional<std::string>& text) {
  if (!text || text->empty()) return 0;
  if (text->size() > 18 || text->find_first_not_of("0123456789") != std::string::npos)
    throw NotFound("employer_id");
  const auto id = std::stoll(*text);
  if (id <= 0) throw NotFound("employer_id");
  return id;
}

std::string ListUrl(std::int64_t cohort_id, std::int64_t employer_id, const std::string& suffix) {
  std::string url = "/cohorts/" + Id(cohort_id) + "/applicant-list" + suffix;
  if (employer_id != 0) url += "?employer_id=" + Id(employer_id);
  return url;
}

std::string AgeText(const std::optional<int>& age) { return age ? std::to_string(*age) : ""; }

json::object GenderJson(const domain::GenderSplit& g) {
  return {{"female", g.female}, {"male", g.male}, {"other", g.other}, {"unknown", g.unknown}};
}

json::object ListLineJson(const domain::ApplicantListLine& l) {
  return {{"application_id", l.application_id},
          {"name", l.name},
          {"age", l.age ? json::value(*l.age) : json::value(nullptr)},
          {"occupation", l.occupation},
          {"municipality", l.municipality_name}};
}

json::object OptOutJson(const services::OptOutRequest& r) {
  return {{"application_id", r.application_id},
          {"name", r.name},
          {"reason", r.reason},
          {"decision", domain::OptOutDecisionName(r.decision)}};
}

json::object SettingsJson(const storage::RetentionSettings& s) {
  return {{"cohort_id", s.cohort_id},
          {"hiring_closes_on",
           s.hiring_closes_on.empty() ? json::value(nullptr) : json::value(s.hiring_closes_on)},
          {"retention_months", s.retention_months}};
}

json::object DueJson(const services::DueApplication& d) {
  const auto& c = d.candidate;
  return {{"application_id", c.application_id},
          {"status", c.status},
          {"due_on", domain::FormatIso(d.due_on)},
          {"due", d.due},
          {"files", c.file_count}};
}

json::object LogJson(const storage::RetentionLogEntry& e) {
  return {{"id", e.id},
          {"cohort_id", e.cohort_id},
          {"application_id", e.application_id},
          {"deleted_at", json_io::Instant(e.deleted_at)},
          {"status", e.status},
          {"due_on", e.due_on},
          {"education_entries", e.education_count},
          {"preferences", e.preference_count},
          {"files", e.file_count},
          {"file_bytes", e.file_bytes}};
}

std::string StatusLabel(const std::string& status) {
  if (status == "sent") return "Sent";
  if (status == "withdrawn") return "Withdrawn";
  return "Draft";
}

// The list as a PDF, every text translated into the request's language.
std::string ListPdf(Context& ctx, const services::ApplicantListView& v) {
  services::TableDocument doc;
  doc.title =
      ctx.T("Applicant list") + " – " + (v.employer_id ? v.employer_name : ctx.T("All employers"));
  doc.intro.push_back(v.programme_name + " · " + v.cohort.name);
  doc.intro.push_back(ctx.T("Application deadline") + ": " +
                      domain::FormatNorwegian(v.cohort.application_deadline));
  const auto& l = v.list;
  doc.intro.push_back(ctx.T("Number of applicants") + ": " + std::to_string(l.applicants) + " (" +
                      ctx.T("women") + " " + std::to_string(l.genders.female) + ", " +
                      ctx.T("men") + " " + std::to_string(l.genders.male) + ", " + ctx.T("other") +
                      " " + std::to_string(l.genders.other) + ", " + ctx.T("not given") + " " +
                      std::to_string(l.genders.unknown) + ")");
  if (l.kept_off > 0)
    doc.intro.push_back(std::to_string(l.kept_off) + " " +
                        ctx.T("applicants are kept off the list at their own request."));
  if (l.awaiting_decision > 0)
    doc.intro.push_back(std::to_string(l.awaiting_decision) + " " +
                        ctx.T("requests to be kept off the list await a decision."));
  doc.headers = {ctx.T("Name"), ctx.T("Age"), ctx.T("Occupation"), ctx.T("Home municipality")};
  doc.column_shares = {3.0, 1.0, 3.0, 2.8};
  for (const auto& line : l.lines)
    doc.rows.push_back({line.name, AgeText(line.age), line.occupation, line.municipality_name});
  doc.empty_text = ctx.T("Nobody is listed.");
  doc.footer = ctx.T("Printed") + " " + domain::FormatNorwegian(v.today);
  doc.page_label = ctx.T("Page {page} of {pages}");
  return services::TablePdf(doc);
}

http::Response PdfResponse(const std::string& filename, std::string body) {
  http::Response r;
  r.status = 200;
  r.body = std::move(body);
  r.Set("Content-Type", "application/pdf");
  r.Set("Content-Disposition", http::ContentDisposition("inline", filename));
  r.Set("Cache-Control", "no-store");
  return r;
}

class PublicListRoutes : public std::enable_shared_from_this<PublicListRoutes> {
 public:
  PublicListRoutes(Site& site, PublicListService& svc) : site_(site), svc_(svc) {}
  void Register();

 private:
  http::Response ListPage(Context& ctx, std::int64_t cohort_id, std::int64_t employer_id,
                          const std::vector<FieldError>& errors, int status);
  http::Response RetentionPage(Context& ctx, std::int64_t cohort_id, json::object values,
                               const std::vector<FieldError>& errors, int status);
  void RegisterApi();

  Site& site_;
  PublicListService& svc_;
};

http::Response PublicListRoutes::ListPage(Context& ctx, std::int64_t cohort_id,
                                          std::int64_t employer_id,
                                          const std::vector<FieldError>& errors, int status) {
  auto v = svc_.GetApplicantList(ctx.actor, cohort_id, employer_id);
  json::array employers;
  if (v.staff)
    employers.push_back(json::object{{"name", ctx.T("All employers")},
                                     {"url", ListUrl(cohort_id, 0, "")},
                                     {"current", employer_id == 0}});
  for (const auto& [id, name] : v.employers)
    employers.push_back(json::object{
        {"name", name}, {"url", ListUrl(cohort_id, id, "")}, {"current", id == employer_id}});
  json::array lines;
  for (const auto& l : v.list.lines)
    lines.push_back(json::object{{"name", l.name},
                                 {"age", AgeText(l.age)},
                                 {"occupation", l.occupation},
                                 {"municipality", l.municipality_name}});
  json::array opt_outs;
  for (const auto& r : v.opt_outs)
    opt_outs.push_back(
        json::object{{"application_id", r.application_id},
                     {"name", r.name},
                     {"reason", r.reason},
                     {"decision", ctx.T(domain::OptOutDecisionLabel(r.decision))},
                     {"granted", r.decision == domain::OptOutDecision::kGranted},
                     {"refused", r.decision == domain::OptOutDecision::kRefused},
                     {"action", "/applications/" + Id(r.application_id) + "/opt-out-decision"}});
  const auto& l = v.list;
  json::object data{
      {"cohort", json::object{{"id", cohort_id},
                              {"name", v.cohort.name},
                              {"application_deadline",
                               domain::FormatNorwegian(v.cohort.application_deadline)}}},
      {"programme_name", v.programme_name},
      {"employer_id", employer_id},
      {"has_employer", employer_id != 0},
      {"employer_name", employer_id ? v.employer_name : ctx.T("All employers")},
      {"has_choices", employers.size() > 1},
      {"employers", std::move(employers)},
      {"available", v.available},
      {"today", domain::FormatNorwegian(v.today)},
      {"applicants", l.applicants},
      {"genders", GenderJson(l.genders)},
      {"kept_off", l.kept_off},
      {"has_kept_off", l.kept_off > 0},
      {"awaiting", l.awaiting_decision},
      {"has_awaiting", l.awaiting_decision > 0},
      {"has_lines", !lines.empty()},
      {"lines", std::move(lines)},
      {"has_opt_outs", !opt_outs.empty()},
      {"opt_outs", std::move(opt_outs)},
      {"pdf_url", ListUrl(cohort_id, employer_id, ".pdf")},
      {"staff", v.staff}};
  if (ctx.request.Query("saved")) data["saved"] = true;
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return site_.views().Page(ctx, "publiclist/applicant_list", "Applicant list", std::move(data),
                            status);
}

http::Response PublicListRoutes::RetentionPage(Context& ctx, std::int64_t cohort_id,
                                               json::object values,
                                               const std::vector<FieldError>& errors, int status) {
  auto v = svc_.GetRetention(ctx.actor, cohort_id);
  if (values.empty()) {
    auto closes = domain::ParseIsoDate(v.settings.hiring_closes_on);
    values = json::object{{"hiring_closes_on", closes ? domain::FormatNorwegian(*closes) : ""},
                          {"retention_months", std::to_string(v.settings.retention_months)}};
  }
  json::array due;
  for (const auto& d : v.not_hired) {
    const auto& c = d.candidate;
    std::string name = c.given_name;
    if (!c.family_name.empty()) name += (name.empty() ? "" : " ") + c.family_name;
    due.push_back(json::object{{"application_id", c.application_id},
                               {"name", name},
                               {"status", ctx.T(StatusLabel(c.status))},
                               {"due_on", domain::FormatNorwegian(d.due_on)},
                               {"due", d.due},
                               {"files", c.file_count}});
  }
  auto page = ParsePageRequest(ctx.request, {}, "");
  auto log = svc_.RetentionLog(ctx.actor, cohort_id, page);
  json::array entries;
  for (const auto& e : log.items) {
    auto due_on = domain::ParseIsoDate(e.due_on);
    entries.push_back(json::object{{"when", domain::FormatOsloDateTime(e.deleted_at)},
                                   {"application_id", e.application_id},
                                   {"status", ctx.T(StatusLabel(e.status))},
                                   {"due_on", due_on ? domain::FormatNorwegian(*due_on) : ""},
                                   {"education", e.education_count},
                                   {"preferences", e.preference_count},
                                   {"files", e.file_count}});
  }
  json::object data{{"cohort", json::object{{"id", cohort_id}, {"name", v.cohort.name}}},
                    {"programme_name", v.programme_name},
                    {"hiring_set", !v.settings.hiring_closes_on.empty()},
                    {"values", std::move(values)},
                    {"has_not_hired", !due.empty()},
                    {"not_hired", std::move(due)},
                    {"due_now", v.due_now},
                    {"has_log", !entries.empty()},
                    {"log", std::move(entries)}};
  auto pager = Pager(ctx.request, page, log.total);
  for (auto& [k, val] : pager) data[k] = val;
  if (ctx.request.Query("saved")) data["saved"] = true;
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return site_.views().Page(ctx, "publiclist/retention", "Retention of applications",
                            std::move(data), status);
}

void PublicListRoutes::Register() {
  auto self = shared_from_this();

  site_.Page("GET", "/cohorts/{id}/applicant-list", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->ListPage(ctx, ctx.IdParam("id"), OptionalId(ctx.request.Query("employer_id")), {},
                          200);
  });

  site_.Page("GET", "/cohorts/{id}/applicant-list.pdf", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto cohort_id = ctx.IdParam("id");
    const auto employer_id = OptionalId(ctx.request.Query("employer_id"));
    auto v = self->svc_.GetApplicantList(ctx.actor, cohort_id, employer_id);
    // Before the deadline there is no list: the page says so.
    if (!v.available) return self->ListPage(ctx, cohort_id, employer_id, {}, 409);
    return PdfResponse("soekerliste-" + Id(cohort_id) +
                           (employer_id ? "-" + Id(employer_id) : std::string()) + ".pdf",
                       ListPdf(ctx, v));
  });

  site_.Page("POST", "/applications/{id}/opt-out-decision", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto application_id = ctx.IdParam("id");
    const auto cohort_id = OptionalId(ctx.Field("cohort_id"));
    const auto employer_id = OptionalId(ctx.Field("employer_id"));
    try {
      self->svc_.DecideOptOut(ctx.actor, application_id, ctx.Field("decision"));
    } catch (const Invalid& e) {
      if (cohort_id == 0) throw;
      return self->ListPage(ctx, cohort_id, employer_id, e.errors, 422);
    }
    if (cohort_id == 0) return http::Response::Redirect("/");
    std::string url = ListUrl(cohort_id, employer_id, "");
    url += (employer_id ? "&" : "?") + std::string("saved=1#opt-outs");
    return http::Response::Redirect(url);
  });

  site_.Page("GET", "/cohorts/{id}/retention", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->RetentionPage(ctx, ctx.IdParam("id"), {}, {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/retention", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    json::object values{{"hiring_closes_on", ctx.Field("hiring_closes_on")},
                        {"retention_months", ctx.Field("retention_months")}};
    try {
      self->svc_.UpdateRetention(ctx.actor, id,
                                 {ctx.Field("hiring_closes_on"), ctx.Field("retention_months")});
      return http::Response::Redirect("/cohorts/" + Id(id) + "/retention?saved=1");
    } catch (const Invalid& e) {
      return self->RetentionPage(ctx, id, std::move(values), e.errors, 422);
    }
  });

  RegisterApi();
}

void PublicListRoutes::RegisterApi() {
  auto& svc = svc_;

  site_.Api("GET", "/api/v1/cohorts/{id}/applicant-list", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    const auto employer_id = OptionalId(ctx.request.Query("employer_id"));
    auto v = svc.GetApplicantList(ctx.actor, ctx.IdParam("id"), employer_id);
    auto page = ParsePageRequest(ctx.request, {}, "");
    const auto& l = v.list;
    json::array items;
    const long total = static_cast<long>(l.lines.size());
    for (long i = page.Offset(); i < total && i < page.Offset() + page.per_page; ++i)
      items.push_back(ListLineJson(l.lines[static_cast<std::size_t>(i)]));
    json::object o{{"cohort_id", v.cohort.id},
                   {"employer_id", employer_id ? json::value(employer_id) : json::value(nullptr)},
                   {"application_deadline", domain::FormatIso(v.cohort.application_deadline)},
                   {"available", v.available},
                   {"applicants", l.applicants},
                   {"genders", GenderJson(l.genders)},
                   {"kept_off", l.kept_off},
                   {"awaiting_decision", l.awaiting_decision},
                   {"items", std::move(items)},
                   {"page", page.page},
                   {"per_page", page.per_page},
                   {"total", total}};
    return Site::JsonOk(o);
  });

  site_.Api("GET", "/api/v1/cohorts/{id}/applicant-list.pdf",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              const auto cohort_id = ctx.IdParam("id");
              const auto employer_id = OptionalId(ctx.request.Query("employer_id"));
              auto v = svc.GetApplicantList(ctx.actor, cohort_id, employer_id);
              if (!v.available) throw Conflict("the application deadline has not passed");
              return PdfResponse("soekerliste-" + Id(cohort_id) + ".pdf", ListPdf(ctx, v));
            });

  site_.Api("GET", "/api/v1/cohorts/{id}/opt-out-requests",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              auto v = svc.GetApplicantList(ctx.actor, ctx.IdParam("id"),
                                            OptionalId(ctx.request.Query("employer_id")));
              json::array items;
              for (const auto& r : v.opt_outs) items.push_back(OptOutJson(r));
              return JsonListPage(ctx.request, std::move(items));
            });

  site_.Api("POST", "/api/v1/applications/{id}/opt-out-decision",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              const auto id = ctx.IdParam("id");
              const auto decision = json_io::Text(body, "decision");
              svc.DecideOptOut(ctx.actor, id, decision);
              return Site::JsonOk(json::object{{"application_id", id}, {"decision", decision}});
            });

  site_.Api("GET", "/api/v1/cohorts/{id}/retention", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto v = svc.GetRetention(ctx.actor, ctx.IdParam("id"));
    auto o = SettingsJson(v.settings);
    o["due_now"] = v.due_now;
    return Site::JsonOk(o);
  });
  site_.Api("PUT", "/api/v1/cohorts/{id}/retention", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    svc.UpdateRetention(
        ctx.actor, id,
        {json_io::Text(body, "hiring_closes_on"), json_io::Text(body, "retention_months")});
    auto v = svc.GetRetention(ctx.actor, id);
    auto o = SettingsJson(v.settings);
    o["due_now"] = v.due_now;
    return Site::JsonOk(o);
  });
  site_.Api("GET", "/api/v1/cohorts/{id}/retention/due", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& d : svc.GetRetention(ctx.actor, ctx.IdParam("id")).not_hired)
      items.push_back(DueJson(d));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("GET", "/api/v1/cohorts/{id}/retention/log", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {}, "");
    auto log = svc.RetentionLog(ctx.actor, ctx.IdParam("id"), page);
    json::array items;
    for (const auto& e : log.items) items.push_back(LogJson(e));
    return Site::JsonPage(std::move(items), page.page, page.per_page, log.total);
  });
}

}  // namespace

void RegisterPublicListRoutes(Site& site, services::PublicListService& svc) {
  // Handlers keep the routes object alive through shared_ptr captures.
  std::make_shared<PublicListRoutes>(site, svc)->Register();
}

}  // namespace tp::web
