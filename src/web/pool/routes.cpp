#include "web/pool/routes.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "services/pool/pool_service.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/lists.h"
#include "web/pool/xlsx.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using domain::pool::ApplicationRow;
using services::PoolService;

std::string Id(std::int64_t id) { return std::to_string(id); }

std::string NbIso(const std::string& iso) {
  auto d = domain::ParseIsoDate(iso);
  return d ? domain::FormatNorwegian(*d) : iso;
}

std::string When(std::int64_t unix_seconds) {
  return unix_seconds ? domain::FormatOsloDateTime(unix_seconds) : std::string();
}

std::string DegreeLabel(const std::string& degree) {
  if (degree == "bachelor") return "Bachelor's degree";
  if (degree == "master") return "Master's degree";
  if (degree == "phd") return "PhD";
  if (degree == "vocational") return "Vocational education";
  if (degree == "other") return "Other education";
  return "";
}

std::string StatusLabel(const std::string& status) {
  if (status == "withdrawn") return "Withdrawn";
  if (status == "sent") return "Sent";
  return "Draft";
}

long long NumberOr0(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 15 ||
      text->find_first_not_of("0123456789") != std::string::npos)
    return 0;
  return std::stoll(*text);
}

// Filters from the query string (q comes through the page request).
domain::pool::Filter FilterFrom(const http::Request& r, const domain::PageRequest& page) {
  domain::pool::Filter f;
  f.q = page.q;
  f.background_id = NumberOr0(r.Query("background"));
  f.degree = r.Query("degree").value_or("");
  if (DegreeLabel(f.degree).empty()) f.degree.clear();
  f.year = static_cast<int>(NumberOr0(r.Query("year")));
  f.county = r.Query("county").value_or("");
  if (f.county.size() > 4) f.county.clear();
  f.preferred_participation_id = NumberOr0(r.Query("employer"));
  f.status = r.Query("status").value_or("");
  if (f.status != "sent" && f.status != "withdrawn") f.status.clear();
  f.qualification = r.Query("qualification").value_or("");
  if (!domain::pool::IsQualification(f.qualification)) f.qualification.clear();
  f.tag = domain::pool::NormaliseTag(r.Query("tag").value_or("")).value_or("");
  return f;
}

// The filters as a query string for the export links and the pager ("" or "?...").
std::string FilterQuery(const domain::pool::Filter& f, const domain::PageRequest& page) {
  std::string q;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty() || v == "0") return;
    q += (q.empty() ? "?" : "&") + k + "=" + http::UrlEncode(v);
  };
  add("q", f.q);
  add("background", Id(f.background_id));
  add("degree", f.degree);
  add("year", std::to_string(f.year));
  add("county", f.county);
  add("employer", Id(f.preferred_participation_id));
  add("status", f.status);
  add("qualification", f.qualification);
  add("tag", f.tag);
  add("sort", page.sort);
  if (page.descending) add("dir", "desc");
  return q;
}

json::array Choices(const std::vector<services::PoolChoice>& choices, const std::string& selected) {
  json::array out;
  for (const auto& c : choices)
    out.push_back(
        json::object{{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

json::array TranslatedChoices(Context& ctx,
                              const std::vector<std::pair<std::string, std::string>>& choices,
                              const std::string& selected) {
  json::array out;
  for (const auto& [value, label] : choices)
    out.push_back(
        json::object{{"value", value}, {"label", ctx.T(label)}, {"selected", value == selected}});
  return out;
}

std::vector<std::pair<std::string, std::string>> DegreeChoices() {
  std::vector<std::pair<std::string, std::string>> out{{"", "Any degree"}};
  for (const char* d : {"bachelor", "master", "phd", "vocational", "other"})
    out.emplace_back(d, DegreeLabel(d));
  return out;
}

// The filter controls the operator's list and the employer's pool have in common.
void AddCommonFilters(Context& ctx, json::object& data, const domain::pool::Filter& filter,
                      std::vector<services::PoolChoice> backgrounds,
                      std::vector<services::PoolChoice> counties) {
  backgrounds.insert(backgrounds.begin(), {"", ctx.T("Any field")});
  data["backgrounds"] =
      Choices(backgrounds, filter.background_id ? std::to_string(filter.background_id) : "");
  counties.insert(counties.begin(), {"", ctx.T("Any county")});
  data["counties"] = Choices(counties, filter.county);
  data["degrees"] = TranslatedChoices(ctx, DegreeChoices(), filter.degree);
  data["year"] = filter.year ? std::to_string(filter.year) : "";
  data["county"] = filter.county;
}

std::vector<std::pair<std::string, std::string>> InterviewChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const char* s : {"none", "invited", "interviewed", "rejected"})
    out.emplace_back(s, domain::pool::InterviewLabel(s));
  return out;
}

json::object RowJson(Context& ctx, const ApplicationRow& r) {
  json::array duplicates;
  for (auto id : r.duplicate_ids) duplicates.push_back(json::value(id));
  return {{"id", r.id},
          {"name", r.given_name + " " + r.family_name},
          {"given_name", r.given_name},
          {"family_name", r.family_name},
          {"email", r.email},
          {"phone", r.phone},
          {"birth_date", NbIso(r.birth_date)},
          {"status", r.status},
          {"status_label", ctx.T(StatusLabel(r.status))},
          {"qualification", r.qualification},
          {"qualification_label", ctx.T(domain::pool::QualificationLabel(r.qualification))},
          {"county", r.county},
          {"sent", When(r.sent_at)},
          {"year", r.year ? json::value(r.year) : json::value(nullptr)},
          {"degree", ctx.T(DegreeLabel(r.degree))},
          {"field", r.field},
          {"fits", r.fits},
          {"first_choice", r.first_choice},
          {"priority", r.priority},
          {"prioritised", r.priority > 0},
          {"tags", r.tags},
          {"duplicate_ids", std::move(duplicates)},
          {"has_duplicates", !r.duplicate_ids.empty()}};
}

json::object ApplicationJson(Context& ctx, const domain::pool::Application& a) {
  json::object o = RowJson(ctx, a.row);
  o["cohort_id"] = a.cohort_id;
  o["gender"] = a.gender;
  o["address"] = a.address;
  o["postal_code"] = a.postal_code;
  o["city"] = a.city;
  o["municipality"] = a.municipality;
  o["occupation"] = a.occupation;
  o["experience"] = a.experience;
  o["motivation"] = a.motivation;
  o["qualification_reason"] = a.qualification_reason;
  o["has_reason"] = !a.qualification_reason.empty();
  json::array education;
  for (const auto& e : a.education)
    education.push_back(json::object{{"degree", e.degree},
                                     {"degree_label", ctx.T(DegreeLabel(e.degree))},
                                     {"background", e.background},
                                     {"has_background", !e.background.empty()},
                                     {"field", e.field},
                                     {"institution", e.institution},
                                     {"year", e.year}});
  o["education"] = std::move(education);
  json::array preferences;
  for (const auto& p : a.preferences)
    preferences.push_back(json::object{{"position", p.position},
                                       {"participation_id", p.participation_id},
                                       {"employer", p.employer_name}});
  o["preferences"] = std::move(preferences);
  json::array files;
  for (const auto& f : a.files)
    files.push_back(json::object{{"id", f.id},
                                 {"kind", f.kind},
                                 {"filename", f.filename},
                                 {"size_bytes", f.size_bytes},
                                 {"url", "/cohorts/" + Id(a.cohort_id) + "/applications/" +
                                             Id(a.row.id) + "/files/" + Id(f.id)}});
  o["files"] = std::move(files);
  json::array tags;
  for (const auto& t : a.tags) tags.push_back(json::value(t));
  o["tag_list"] = std::move(tags);
  return o;
}

json::object OfferJson(Context& ctx, const domain::pool::Offer& o) {
  return {{"id", o.id},
          {"application_id", o.application_id},
          {"participation_id", o.participation_id},
          {"cohort_id", o.cohort_id},
          {"cohort", o.cohort_name},
          {"employer_id", o.employer_id},
          {"employer", o.employer_name},
          {"candidate", o.candidate_name},
          {"employment", o.employment},
          {"employment_label", ctx.T(domain::pool::EmploymentLabel(o.employment))},
          {"probation_months", o.probation_months},
          {"starts_on", o.starts_on},
          {"starts_on_label", NbIso(o.starts_on)},
          {"salary_chapter", o.salary_chapter},
          {"status", o.status},
          {"status_label", ctx.T(domain::pool::OfferStatusLabel(o.status))},
          {"open", o.status == "open"},
          {"created", When(o.created_at)}};
}

std::string JsonText(const json::value& body, const char* key) {
  if (!body.is_object()) return "";
  auto* v = body.get_object().if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return "\x01";  // any other type: something no parser accepts, so the field gets its error
}

const std::vector<std::string> kListSorts{"name", "sent", "year", "status"};
const std::vector<std::string> kPoolSorts{"name", "sent", "year"};
const std::vector<std::string> kOfferFields{"employment", "probation_months", "starts_on",
                                            "salary_chapter"};

class PoolRoutes : public std::enable_shared_from_this<PoolRoutes> {
 public:
  PoolRoutes(Site& site, PoolService& pool) : site_(site), svc_(pool) {}
  void Register() {
    RegisterOperator();
    RegisterEmployer();
    RegisterOffers();
    RegisterApi();
  }

 private:
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) {
    if (ctx.request.Query("saved")) data["saved"] = true;
    return site_.views().Page(ctx, "pool/" + page, title, std::move(data), status);
  }

  http::Response ApplicationPage(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                                 const std::vector<FieldError>& errors, json::object values,
                                 int status);
  http::Response CandidatePage(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                               const std::vector<FieldError>& errors, json::object values,
                               int status);
  http::Response OfferForm(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                           json::object values, const std::vector<FieldError>& errors, int status);
  http::Response EnrolForm(Context& ctx, std::int64_t cohort_id, json::object values,
                           const std::vector<FieldError>& errors, int status);
  std::vector<std::vector<std::string>> ExportRows(Context& ctx, std::int64_t cohort_id);

  void RegisterOperator();
  void RegisterEmployer();
  void RegisterOffers();
  void RegisterApi();

  Site& site_;
  PoolService& svc_;
};

// --- operator -------------------------------------------------------------------------------

http::Response PoolRoutes::ApplicationPage(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                                           const std::vector<FieldError>& errors,
                                           json::object values, int status) {
  auto view = svc_.GetApplication(ctx.actor, id);
  if (view.cohort.id != cohort_id) throw NotFound("application");
  json::array duplicates;
  for (const auto& d : view.duplicates) duplicates.push_back(RowJson(ctx, d));
  if (values.empty())
    values = {{"qualification", view.application.row.qualification},
              {"reason", view.application.qualification_reason}};
  json::object data{{"operator", true},
                    {"cohort", json::object{{"id", view.cohort.id}, {"name", view.cohort.name}}},
                    {"application", ApplicationJson(ctx, view.application)},
                    {"duplicates", std::move(duplicates)},
                    {"has_duplicates", !view.duplicates.empty()},
                    {"qualifications", TranslatedChoices(ctx,
                                                         {{"unassessed", "Not assessed"},
                                                          {"qualified", "Qualified"},
                                                          {"not_qualified", "Not qualified"}},
                                                         ValueOf(values, "qualification"))},
                    {"base", "/cohorts/" + Id(cohort_id) + "/applications/" + Id(id)}};
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "application", "Application", std::move(data), status);
}

std::vector<std::vector<std::string>> PoolRoutes::ExportRows(Context& ctx, std::int64_t cohort_id) {
  auto page = ParsePageRequest(ctx.request, kListSorts, "name");
  auto filter = FilterFrom(ctx.request, page);
  page.page = 1;
  page.per_page = 1000000;  // the export holds every matching row
  auto list = svc_.ListApplications(ctx.actor, cohort_id, filter, page, false);
  std::vector<std::vector<std::string>> rows{
      {ctx.T("Given name"), ctx.T("Family name"), ctx.T("E-mail"), ctx.T("Phone"),
       ctx.T("Date of birth"), ctx.T("County"), ctx.T("Degree"), ctx.T("Field of study"),
       ctx.T("Year"), ctx.T("Status"), ctx.T("Assessment"), ctx.T("Tags"), ctx.T("Sent")}};
  for (const auto& r : list.page.items)
    rows.push_back({r.given_name, r.family_name, r.email, r.phone, r.birth_date, r.county,
                    ctx.T(DegreeLabel(r.degree)), r.field, r.year ? std::to_string(r.year) : "",
                    ctx.T(StatusLabel(r.status)),
                    ctx.T(domain::pool::QualificationLabel(r.qualification)), r.tags,
                    When(r.sent_at)});
  return rows;
}

void PoolRoutes::RegisterOperator() {
  auto self = shared_from_this();

  site_.Page("GET", "/cohorts/{id}/applications", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto page = ParsePageRequest(ctx.request, kListSorts, "name");
    auto filter = FilterFrom(ctx.request, page);
    auto list = self->svc_.ListApplications(ctx.actor, cohort_id, filter, page);
    json::array items;
    for (const auto& r : list.page.items) items.push_back(RowJson(ctx, r));
    json::object data = Pager(ctx.request, page, list.page.total);
    data["cohort"] = json::object{{"id", list.cohort.id},
                                  {"name", list.cohort.name},
                                  {"released", list.cohort.pool_released_at != 0},
                                  {"released_at", When(list.cohort.pool_released_at)}};
    data["applications"] = std::move(items);
    data["has_applications"] = list.page.total > 0;
    data["q"] = page.q;
    json::object sort_urls;
    for (const auto& s : kListSorts) sort_urls[s] = SortUrl(ctx.request, page, s);
    data["sort"] = std::move(sort_urls);
    AddCommonFilters(ctx, data, filter, list.backgrounds, list.counties);
    auto employers = list.employers;
    employers.insert(employers.begin(), {"", ctx.T("Any employer")});
    data["employers"] = Choices(
        employers, filter.preferred_participation_id ? Id(filter.preferred_participation_id) : "");
    data["statuses"] = TranslatedChoices(
        ctx, {{"", "Sent and withdrawn"}, {"sent", "Sent"}, {"withdrawn", "Withdrawn"}},
        filter.status);
    data["qualifications"] = TranslatedChoices(ctx,
                                               {{"", "Any assessment"},
                                                {"unassessed", "Not assessed"},
                                                {"qualified", "Qualified"},
                                                {"not_qualified", "Not qualified"}},
                                               filter.qualification);
    std::vector<services::PoolChoice> tags{{"", ctx.T("Any tag")}};
    for (const auto& t : list.tags) tags.push_back({t, t});
    data["tags"] = Choices(tags, filter.tag);
    const auto query = FilterQuery(filter, page);
    data["csv_url"] = "/cohorts/" + Id(cohort_id) + "/applications.csv" + query;
    data["xlsx_url"] = "/cohorts/" + Id(cohort_id) + "/applications.xlsx" + query;
    return self->Page(ctx, "applications", "Applications", std::move(data));
  });

  site_.Page("GET", "/cohorts/{id}/applications.csv", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto rows = self->ExportRows(ctx, cohort_id);
    for (std::size_t i = 1; i < rows.size(); ++i) rows[i][4] = NbIso(rows[i][4]);
    return CsvResponse("cohort-" + Id(cohort_id) + "-applications.csv", rows);
  });

  site_.Page("GET", "/cohorts/{id}/applications.xlsx", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto rows = self->ExportRows(ctx, cohort_id);
    std::vector<std::vector<XlsxCell>> cells;
    cells.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::vector<XlsxCell> row;
      row.reserve(rows[i].size());
      for (std::size_t c = 0; c < rows[i].size(); ++c)
        row.push_back({std::move(rows[i][c]), i > 0 && c == 4});
      cells.push_back(std::move(row));
    }
    return XlsxResponse("cohort-" + Id(cohort_id) + "-applications.xlsx", ctx.T("Applications"),
                        cells);
  });

  site_.Page("GET", "/cohorts/{id}/applications/{application_id}", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->ApplicationPage(ctx, ctx.IdParam("id"), ctx.IdParam("application_id"), {}, {},
                                 200);
  });

  site_.Page("POST", "/cohorts/{id}/applications/{application_id}/qualification",
             [self](Context& ctx) {
               ctx.RequireLogin();
               auto cohort_id = ctx.IdParam("id");
               auto id = ctx.IdParam("application_id");
               auto values = FormValues(ctx, {"qualification", "reason"});
               try {
                 self->svc_.SetQualification(ctx.actor, id, ValueOf(values, "qualification"),
                                             ValueOf(values, "reason"));
               } catch (const Invalid& e) {
                 return self->ApplicationPage(ctx, cohort_id, id, e.errors, std::move(values), 422);
               }
               return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/applications/" +
                                               Id(id) + "?saved=1");
             });

  site_.Page("POST", "/cohorts/{id}/applications/{application_id}/tags", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto id = ctx.IdParam("application_id");
    try {
      self->svc_.AddTag(ctx.actor, id, ctx.Field("tag"));
    } catch (const Invalid& e) {
      return self->ApplicationPage(ctx, cohort_id, id, e.errors, {}, 422);
    }
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/applications/" + Id(id) +
                                    "?saved=1");
  });

  site_.Page("POST", "/cohorts/{id}/applications/{application_id}/tags/remove",
             [self](Context& ctx) {
               ctx.RequireLogin();
               auto cohort_id = ctx.IdParam("id");
               auto id = ctx.IdParam("application_id");
               self->svc_.RemoveTag(ctx.actor, id, ctx.Field("tag"));
               return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/applications/" +
                                               Id(id) + "?saved=1");
             });

  site_.Page(
      "GET", "/cohorts/{id}/applications/{application_id}/files/{file_id}", [self](Context& ctx) {
        ctx.RequireLogin();
        auto file =
            self->svc_.GetFile(ctx.actor, ctx.IdParam("application_id"), ctx.IdParam("file_id"));
        http::Response r = http::Response::Text(200, std::move(file.content));
        r.Set("Content-Type", "application/pdf");
        r.Set("Content-Disposition", http::ContentDisposition("attachment", file.filename));
        r.Set("X-Content-Type-Options", "nosniff");
        return r;
      });

  site_.Page("GET", "/cohorts/{id}/release-pool", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort = self->svc_.CheckMayRelease(ctx.actor, ctx.IdParam("id"));
    if (cohort.pool_released_at != 0) throw Conflict("already released");
    json::object data{{"heading", ctx.T("Release the pool")},
                      {"question", ctx.T("Release the pool of qualified applicants to the "
                                         "confirmed employers? This cannot be undone.")},
                      {"subject", cohort.name},
                      {"action", "/cohorts/" + Id(cohort.id) + "/release-pool"},
                      {"button", ctx.T("Yes, release the pool")},
                      {"cancel", "/cohorts/" + Id(cohort.id) + "/applications"}};
    return self->Page(ctx, "confirm", "Release the pool", std::move(data));
  });
  site_.Page("POST", "/cohorts/{id}/release-pool", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.ReleasePool(ctx.actor, id);
    return http::Response::Redirect("/cohorts/" + Id(id) + "/applications?saved=1");
  });
}

// --- employers ------------------------------------------------------------------------------

http::Response PoolRoutes::CandidatePage(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                                         const std::vector<FieldError>& errors, json::object values,
                                         int status) {
  auto view = svc_.GetCandidate(ctx.actor, cohort_id, id);
  if (values.empty())
    values = {{"note", view.assessment.note}, {"interview", view.assessment.interview}};
  json::array offers;
  bool open_offer = false;
  for (const auto& o : view.offers) {
    offers.push_back(OfferJson(ctx, o));
    open_offer = open_offer || o.status == "open";
  }
  json::object data{
      {"employer_view", true},
      {"cohort", json::object{{"id", cohort_id}, {"name", view.employer.cohort.name}}},
      {"employer", view.employer.employer_name},
      {"application", ApplicationJson(ctx, view.application)},
      {"priority", view.assessment.priority},
      {"prioritised", view.assessment.priority > 0},
      {"other_priority_count", view.other_priority_count},
      {"interviews", TranslatedChoices(ctx, InterviewChoices(), ValueOf(values, "interview"))},
      {"offers", std::move(offers)},
      {"has_offers", !view.offers.empty()},
      {"can_offer", !open_offer},
      {"base", "/cohorts/" + Id(cohort_id) + "/pool/" + Id(id)}};
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "application", "Candidate", std::move(data), status);
}

http::Response PoolRoutes::OfferForm(Context& ctx, std::int64_t cohort_id, std::int64_t id,
                                     json::object values, const std::vector<FieldError>& errors,
                                     int status) {
  auto view = svc_.GetCandidate(ctx.actor, cohort_id, id);
  json::object data{
      {"candidate", view.application.row.given_name + " " + view.application.row.family_name},
      {"employer", view.employer.employer_name},
      {"action", "/cohorts/" + Id(cohort_id) + "/pool/" + Id(id) + "/offer"},
      {"cancel", "/cohorts/" + Id(cohort_id) + "/pool/" + Id(id)},
      {"employments",
       TranslatedChoices(
           ctx, {{"permanent", "Permanent employment"}, {"temporary", "Temporary employment"}},
           ValueOf(values, "employment"))}};
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "offer_form", "Make an offer", std::move(data), status);
}

http::Response PoolRoutes::EnrolForm(Context& ctx, std::int64_t cohort_id, json::object values,
                                     const std::vector<FieldError>& errors, int status) {
  auto e = svc_.CheckEmployer(ctx.actor, cohort_id, 0, false);
  json::object data{{"employer", e.employer_name},
                    {"cohort", e.cohort.name},
                    {"action", "/cohorts/" + Id(cohort_id) + "/enrol"},
                    {"cancel", "/cohorts/" + Id(cohort_id)}};
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "enrol_form", "Enrol a trainee", std::move(data), status);
}

void PoolRoutes::RegisterEmployer() {
  auto self = shared_from_this();

  site_.Page("GET", "/cohorts/{id}/pool", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto page = ParsePageRequest(ctx.request, kPoolSorts, "name");
    auto filter = FilterFrom(ctx.request, page);
    filter.status.clear();
    filter.qualification.clear();
    filter.tag.clear();
    auto list =
        self->svc_.Pool(ctx.actor, cohort_id, NumberOr0(ctx.request.Query("as")), filter, page);
    json::array items;
    for (const auto& r : list.page.items) {
      auto row = RowJson(ctx, r);
      row.erase("tags");
      items.push_back(std::move(row));
    }
    json::object data = Pager(ctx.request, page, list.page.total);
    data["cohort"] = json::object{{"id", cohort_id}, {"name", list.employer.cohort.name}};
    data["employer"] = list.employer.employer_name;
    data["candidates"] = std::move(items);
    data["has_candidates"] = list.page.total > 0;
    data["q"] = page.q;
    json::object sort_urls;
    for (const auto& s : kPoolSorts) sort_urls[s] = SortUrl(ctx.request, page, s);
    data["sort"] = std::move(sort_urls);
    AddCommonFilters(ctx, data, filter, list.backgrounds, list.counties);
    return self->Page(ctx, "pool", "Applicant pool", std::move(data));
  });

  site_.Page("GET", "/cohorts/{id}/pool/{application_id}", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->CandidatePage(ctx, ctx.IdParam("id"), ctx.IdParam("application_id"), {}, {}, 200);
  });

  site_.Page("POST", "/cohorts/{id}/pool/{application_id}/assessment", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto id = ctx.IdParam("application_id");
    auto values = FormValues(ctx, {"note", "interview"});
    try {
      self->svc_.SaveAssessment(ctx.actor, cohort_id, id, ValueOf(values, "note"),
                                ValueOf(values, "interview"));
    } catch (const Invalid& e) {
      return self->CandidatePage(ctx, cohort_id, id, e.errors, std::move(values), 422);
    }
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/pool/" + Id(id) + "?saved=1");
  });

  site_.Page("POST", "/cohorts/{id}/pool/{application_id}/prioritise", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto id = ctx.IdParam("application_id");
    self->svc_.Prioritise(ctx.actor, cohort_id, id);
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/priorities?saved=1");
  });

  site_.Page("POST", "/cohorts/{id}/pool/{application_id}/unprioritise", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    self->svc_.Unprioritise(ctx.actor, cohort_id, ctx.IdParam("application_id"));
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/priorities?saved=1");
  });

  for (const auto& [dir, delta] : {std::pair<const char*, int>{"up", -1}, {"down", 1}}) {
    const int d = delta;
    site_.Page("POST", std::string("/cohorts/{id}/priorities/{application_id}/") + dir,
               [self, d](Context& ctx) {
                 ctx.RequireLogin();
                 auto cohort_id = ctx.IdParam("id");
                 self->svc_.MovePriority(ctx.actor, cohort_id, ctx.IdParam("application_id"), d);
                 return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/priorities");
               });
  }

  site_.Page("GET", "/cohorts/{id}/priorities", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto view = self->svc_.Priorities(ctx.actor, cohort_id);
    json::array items;
    for (std::size_t i = 0; i < view.items.size(); ++i) {
      const auto& r = view.items[i];
      items.push_back(json::object{{"id", r.application_id},
                                   {"priority", r.priority},
                                   {"name", r.name},
                                   {"note", r.note},
                                   {"interview", ctx.T(domain::pool::InterviewLabel(r.interview))},
                                   {"first", i == 0},
                                   {"last", i + 1 == view.items.size()}});
    }
    json::array offers;
    for (const auto& o : view.offers) offers.push_back(OfferJson(ctx, o));
    json::object data{
        {"cohort", json::object{{"id", cohort_id}, {"name", view.employer.cohort.name}}},
        {"employer", view.employer.employer_name},
        {"items", std::move(items)},
        {"has_items", !view.items.empty()},
        {"offers", std::move(offers)},
        {"has_offers", !view.offers.empty()}};
    return self->Page(ctx, "priorities", "Prioritised candidates", std::move(data));
  });

  site_.Page("GET", "/cohorts/{id}/pool/{application_id}/offer", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->OfferForm(ctx, ctx.IdParam("id"), ctx.IdParam("application_id"),
                           json::object{{"employment", "permanent"},
                                        {"probation_months", "6"},
                                        {"salary_chapter", domain::pool::kDefaultSalaryChapter}},
                           {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/pool/{application_id}/offer", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto id = ctx.IdParam("application_id");
    auto values = FormValues(ctx, kOfferFields);
    try {
      self->svc_.MakeOffer(ctx.actor, cohort_id, id,
                           {ValueOf(values, "employment"), ValueOf(values, "probation_months"),
                            ValueOf(values, "starts_on"), ValueOf(values, "salary_chapter")});
    } catch (const Invalid& e) {
      return self->OfferForm(ctx, cohort_id, id, std::move(values), e.errors, 422);
    }
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "/pool/" + Id(id) + "?saved=1");
  });

  site_.Page("GET", "/cohorts/{id}/enrol", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->EnrolForm(ctx, ctx.IdParam("id"), {}, {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/enrol", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = ctx.IdParam("id");
    auto values = FormValues(ctx, {"name", "email"});
    try {
      self->svc_.EnrolTrainee(ctx.actor, cohort_id, 0, ValueOf(values, "name"),
                              ValueOf(values, "email"));
    } catch (const Invalid& e) {
      return self->EnrolForm(ctx, cohort_id, std::move(values), e.errors, 422);
    }
    return http::Response::Redirect("/cohorts/" + Id(cohort_id) + "?saved=1");
  });
}

// --- applicants -----------------------------------------------------------------------------

void PoolRoutes::RegisterOffers() {
  auto self = shared_from_this();
  site_.Page("GET", "/offers", [self](Context& ctx) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : self->svc_.MyOffers(ctx.actor)) items.push_back(OfferJson(ctx, o));
    json::object data{{"has_offers", !items.empty()}, {"offers", std::move(items)}};
    return self->Page(ctx, "offers", "My offers", std::move(data));
  });
  site_.Page("GET", "/offers/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto o = self->svc_.GetMyOffer(ctx.actor, ctx.IdParam("id"));
    json::object data{{"offer", OfferJson(ctx, o)}};
    return self->Page(ctx, "offer", "Offer of employment", std::move(data));
  });
  site_.Page("POST", "/offers/{id}/accept", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.AcceptOffer(ctx.actor, id);
    return http::Response::Redirect("/offers/" + Id(id) + "?saved=1");
  });
  site_.Page("POST", "/offers/{id}/decline", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.DeclineOffer(ctx.actor, id);
    return http::Response::Redirect("/offers/" + Id(id) + "?saved=1");
  });
  // The employer withdraws its open offer, after a confirmation.
  site_.Page("GET", "/offers/{id}/withdraw", [self](Context& ctx) {
    ctx.RequireLogin();
    auto o = self->svc_.CheckMayWithdrawOffer(ctx.actor, ctx.IdParam("id"));
    json::object data{
        {"heading", ctx.T("Withdraw the offer")},
        {"question", ctx.T("Do you want to withdraw the offer? The applicant is told by e-mail.")},
        {"subject", o.candidate_name + " – " + ctx.T(domain::pool::EmploymentLabel(o.employment))},
        {"action", "/offers/" + Id(o.id) + "/withdraw"},
        {"button", ctx.T("Yes, withdraw the offer")},
        {"cancel", "/cohorts/" + Id(o.cohort_id) + "/pool/" + Id(o.application_id)}};
    return self->Page(ctx, "confirm", "Withdraw the offer", std::move(data));
  });
  site_.Page("POST", "/offers/{id}/withdraw", [self](Context& ctx) {
    ctx.RequireLogin();
    auto o = self->svc_.WithdrawOffer(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/cohorts/" + Id(o.cohort_id) + "/pool/" +
                                    Id(o.application_id) + "?saved=1");
  });
}

// --- JSON API -------------------------------------------------------------------------------

void PoolRoutes::RegisterApi() {
  auto& svc = svc_;

  site_.Api("GET", "/api/v1/cohorts/{id}/applications", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, kListSorts, "name");
    auto list =
        svc.ListApplications(ctx.actor, ctx.IdParam("id"), FilterFrom(ctx.request, page), page);
    json::array items;
    for (const auto& r : list.page.items) items.push_back(RowJson(ctx, r));
    return Site::JsonPage(std::move(items), page.page, page.per_page, list.page.total);
  });
  site_.Api("GET", "/api/v1/cohorts/{id}/applications/{application_id}",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              auto view = svc.GetApplication(ctx.actor, ctx.IdParam("application_id"));
              if (view.cohort.id != ctx.IdParam("id")) throw NotFound("application");
              auto o = ApplicationJson(ctx, view.application);
              json::array duplicates;
              for (const auto& d : view.duplicates) duplicates.push_back(json::value(d.id));
              o["duplicates"] = std::move(duplicates);
              return Site::JsonOk(o);
            });
  site_.Api("PUT", "/api/v1/cohorts/{id}/applications/{application_id}/qualification",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto id = ctx.IdParam("application_id");
              svc.SetQualification(ctx.actor, id, JsonText(body, "qualification"),
                                   JsonText(body, "reason"));
              auto view = svc.GetApplication(ctx.actor, id);
              return Site::JsonOk(ApplicationJson(ctx, view.application));
            });
  site_.Api(
      "POST", "/api/v1/cohorts/{id}/applications/{application_id}/tags",
      [&svc](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        auto id = ctx.IdParam("application_id");
        svc.AddTag(ctx.actor, id, JsonText(body, "tag"));
        return Site::JsonOk(ApplicationJson(ctx, svc.GetApplication(ctx.actor, id).application));
      });
  site_.Api("DELETE", "/api/v1/cohorts/{id}/applications/{application_id}/tags/{tag}",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              auto id = ctx.IdParam("application_id");
              svc.RemoveTag(ctx.actor, id, ctx.request.params.at("tag"));
              return http::Response{204, {}, ""};
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/release-pool", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.ReleasePool(ctx.actor, id);
    auto cohort = svc.CheckMayRelease(ctx.actor, id);
    return Site::JsonOk(
        json::object{{"cohort_id", cohort.id}, {"pool_released_at", cohort.pool_released_at}});
  });

  site_.Api("GET", "/api/v1/cohorts/{id}/pool", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, kPoolSorts, "name");
    auto filter = FilterFrom(ctx.request, page);
    filter.status.clear();
    filter.qualification.clear();
    filter.tag.clear();
    auto list =
        svc.Pool(ctx.actor, ctx.IdParam("id"), NumberOr0(ctx.request.Query("as")), filter, page);
    json::array items;
    for (const auto& r : list.page.items) {
      auto row = RowJson(ctx, r);
      row.erase("tags");
      row.erase("duplicate_ids");
      row.erase("has_duplicates");
      items.push_back(std::move(row));
    }
    return Site::JsonPage(std::move(items), page.page, page.per_page, list.page.total);
  });
  site_.Api("GET", "/api/v1/cohorts/{id}/pool/{application_id}",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              auto view =
                  svc.GetCandidate(ctx.actor, ctx.IdParam("id"), ctx.IdParam("application_id"));
              auto o = ApplicationJson(ctx, view.application);
              o.erase("tag_list");
              o.erase("qualification_reason");
              o["assessment"] = json::object{{"priority", view.assessment.priority},
                                             {"note", view.assessment.note},
                                             {"interview", view.assessment.interview}};
              o["other_priority_count"] = view.other_priority_count;
              json::array offers;
              for (const auto& of : view.offers) offers.push_back(OfferJson(ctx, of));
              o["offers"] = std::move(offers);
              return Site::JsonOk(o);
            });
  site_.Api("PUT", "/api/v1/cohorts/{id}/pool/{application_id}/assessment",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto cohort_id = ctx.IdParam("id");
              auto id = ctx.IdParam("application_id");
              svc.SaveAssessment(ctx.actor, cohort_id, id, JsonText(body, "note"),
                                 JsonText(body, "interview"));
              auto view = svc.GetCandidate(ctx.actor, cohort_id, id);
              return Site::JsonOk(json::object{{"priority", view.assessment.priority},
                                               {"note", view.assessment.note},
                                               {"interview", view.assessment.interview}});
            });
  auto priorities_json = [&svc](Context& ctx, std::int64_t cohort_id) {
    auto view = svc.Priorities(ctx.actor, cohort_id);
    json::array items;
    for (const auto& r : view.items)
      items.push_back(json::object{{"application_id", r.application_id},
                                   {"priority", r.priority},
                                   {"name", r.name},
                                   {"note", r.note},
                                   {"interview", r.interview}});
    return JsonListPage(ctx.request, std::move(items));
  };
  site_.Api("GET", "/api/v1/cohorts/{id}/priorities",
            [priorities_json](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              return priorities_json(ctx, ctx.IdParam("id"));
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/priorities",
            [&svc, priorities_json](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto cohort_id = ctx.IdParam("id");
              svc.CheckEmployer(ctx.actor, cohort_id, 0, true);
              const auto text = JsonText(body, "application_id");
              if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
                  text.size() > 15)
                throw Invalid(std::vector<FieldError>{{"application_id", "Choose a candidate."}});
              svc.Prioritise(ctx.actor, cohort_id, std::stoll(text));
              return priorities_json(ctx, cohort_id);
            });
  site_.Api("DELETE", "/api/v1/cohorts/{id}/priorities/{application_id}",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              svc.Unprioritise(ctx.actor, ctx.IdParam("id"), ctx.IdParam("application_id"));
              return http::Response{204, {}, ""};
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/priorities/{application_id}/move",
            [&svc, priorities_json](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto cohort_id = ctx.IdParam("id");
              svc.CheckEmployer(ctx.actor, cohort_id, 0, true);
              const auto dir = JsonText(body, "direction");
              if (dir != "up" && dir != "down")
                throw Invalid(std::vector<FieldError>{{"direction", "Choose up or down."}});
              svc.MovePriority(ctx.actor, cohort_id, ctx.IdParam("application_id"),
                               dir == "up" ? -1 : 1);
              return priorities_json(ctx, cohort_id);
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/pool/{application_id}/offers",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto id =
                  svc.MakeOffer(ctx.actor, ctx.IdParam("id"), ctx.IdParam("application_id"),
                                {JsonText(body, "employment"), JsonText(body, "probation_months"),
                                 JsonText(body, "starts_on"), JsonText(body, "salary_chapter")});
              return Site::JsonOk(json::object{{"id", id}}, 201);
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/trainees", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = svc.EnrolTrainee(ctx.actor, ctx.IdParam("id"),
                               NumberOr0(std::optional<std::string>(JsonText(body, "employer_id"))),
                               JsonText(body, "name"), JsonText(body, "email"));
    return Site::JsonOk(json::object{{"trainee_id", id}}, 201);
  });

  site_.Api("GET", "/api/v1/offers", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : svc.MyOffers(ctx.actor)) items.push_back(OfferJson(ctx, o));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("GET", "/api/v1/offers/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(OfferJson(ctx, svc.GetMyOffer(ctx.actor, ctx.IdParam("id"))));
  });
  site_.Api("POST", "/api/v1/offers/{id}/accept", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto trainee = svc.AcceptOffer(ctx.actor, id);
    auto o = OfferJson(ctx, svc.GetMyOffer(ctx.actor, id));
    o["trainee_id"] = trainee;
    return Site::JsonOk(o);
  });
  site_.Api("POST", "/api/v1/offers/{id}/decline", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.DeclineOffer(ctx.actor, id);
    return Site::JsonOk(OfferJson(ctx, svc.GetMyOffer(ctx.actor, id)));
  });
  site_.Api("POST", "/api/v1/offers/{id}/withdraw", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(OfferJson(ctx, svc.WithdrawOffer(ctx.actor, ctx.IdParam("id"))));
  });
}

}  // namespace

void RegisterPoolRoutes(Site& site, services::PoolService& pool) {
  std::make_shared<PoolRoutes>(site, pool)->Register();
}

}  // namespace tp::web
