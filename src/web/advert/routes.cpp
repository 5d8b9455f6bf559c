#include "web/advert/routes.h"

#include <boost/json.hpp>
#include <chrono>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/signup/rules.h"
#include "http/response_cache.h"
#include "http/static_files.h"
#include "http/text.h"
#include "services/programmes/programme_service.h"
#include "web/lists.h"
#include "web/markdown.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using http::XmlEscape;
using services::AdvertView;
using services::ProgrammeService;

std::string Id(std::int64_t id) { return std::to_string(id); }

// How long a rendered page is served from memory. Writes through this server's service drop
// the cache at once (version check); other app servers' writes show after at most this long.
constexpr std::chrono::seconds kCacheTtl{5};

// JSON for a <script type="application/ld+json"> block: "<" is written as \u003c so the text
// can never close the element or open a comment, whatever an employer typed.
std::string ScriptSafeJson(const json::value& v) {
  std::string text = json::serialize(v);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

class AdvertRoutes : public std::enable_shared_from_this<AdvertRoutes> {
 public:
  AdvertRoutes(Site& site, ProgrammeService& svc, const http::StaticFiles& static_files,
               std::string public_url)
      : site_(site), svc_(svc), static_files_(static_files), public_url_(std::move(public_url)) {}
  void Register();

 private:
  std::string LogoUrl(const domain::Participation& p) const {
    if (p.logo_updated_at == 0) return "";
    return "/advert/logos/" + Id(p.id) + "?v=" + std::to_string(p.logo_updated_at);
  }
  json::object CohortData(Context& ctx, const AdvertView& view) const;
  json::array JobPostings(const AdvertView& view) const;
  std::string Feed(const AdvertView& view) const;
  json::object ApiJson(const AdvertView& view) const;
  // Serves a public page from the cache for anonymous visitors, else renders it.
  template <class Render>
  http::Response Cached(Context& ctx, const std::string& kind, Render render) {
    if (!ctx.actor.IsAnonymous()) return http::WithValidator(ctx.request, render(), false);
    const std::string key = kind + "|" + ctx.lang + "|" + ctx.request.target;
    const auto version = svc_.AdvertVersion();
    if (auto hit = cache_.Get(key, version))
      return http::WithValidator(ctx.request, std::move(*hit), true);
    auto response = render();
    response.headers.erase(std::remove_if(response.headers.begin(), response.headers.end(),
                                          [](const auto& h) { return h.first == "Set-Cookie"; }),
                           response.headers.end());
    if (response.status == 200) cache_.Put(key, version, response);
    return http::WithValidator(ctx.request, std::move(response), true);
  }

  Site& site_;
  ProgrammeService& svc_;
  const http::StaticFiles& static_files_;
  std::string public_url_;
  http::ResponseCache cache_{kCacheTtl};
};

json::object AdvertRoutes::CohortData(Context& ctx, const AdvertView& view) const {
  const auto& c = view.cohort.cohort;
  const auto days = domain::DaysUntil(c.application_deadline, view.today);
  std::string countdown;
  if (days > 1)
    countdown = std::to_string(days) + " " + ctx.T("days left");
  else if (days == 1)
    countdown = ctx.T("1 day left");
  else if (days == 0)
    countdown = ctx.T("Last day to apply");
  json::array employers;
  for (const auto& e : view.entries) {
    const auto& p = e.participation;
    std::vector<std::string> backgrounds = p.background_names;
    json::array tags;
    for (const auto& b : backgrounds) tags.push_back(json::object{{"name", b}});
    std::string place =
        e.employer.municipality_name.empty() ? e.employer.city : e.employer.municipality_name;
    if (!e.county_name.empty() && e.county_name != place) place += ", " + e.county_name;
    json::object employer{{"id", p.id},
                          {"name", p.employer_name},
                          {"place", place},
                          {"trainees_wanted", p.trainees_wanted},
                          {"several", p.trainees_wanted > 1},
                          {"backgrounds", std::move(tags)},
                          {"has_backgrounds", !backgrounds.empty()},
                          {"presentation_html", RenderMarkdown(p.presentation)}};
    // Mustache treats an empty string as true, so optional texts are left out when empty.
    if (!p.wanted_background.empty()) employer["wanted_background"] = p.wanted_background;
    if (p.logo_updated_at != 0) employer["logo_url"] = LogoUrl(p);
    employers.push_back(std::move(employer));
  }
  json::array postings;
  for (auto& jp : JobPostings(view)) postings.push_back(json::object{{"json", ScriptSafeJson(jp)}});
  return json::object{
      {"cohort",
       json::object{{"id", c.id},
                    {"name", c.name},
                    {"programme", view.cohort.programme_name},
                    {"programme_id", c.programme_id},
                    {"operator", view.cohort.operator_name},
                    {"description_html", RenderMarkdown(view.programme.description)},
                    {"application_deadline", domain::FormatNorwegian(c.application_deadline)},
                    {"deadline_iso", domain::OsloEndOfDayIso(c.application_deadline)},
                    {"starts_on", domain::FormatNorwegian(c.starts_on)},
                    {"ends_on", domain::FormatNorwegian(c.ends_on)}}},
      {"open", days >= 0},
      {"countdown", countdown},
      {"positions", view.positions},
      {"apply_url", "/apply/cohorts/" + Id(c.id)},
      {"feed_url", "/advert/cohorts/" + Id(c.id) + "/feed.atom"},
      {"employers", std::move(employers)},
      {"has_employers", !view.entries.empty()},
      {"postings", std::move(postings)},
      {"script", static_files_.Url("advert.js")}};
}

json::array AdvertRoutes::JobPostings(const AdvertView& view) const {
  json::array out;
  const auto& c = view.cohort.cohort;
  const std::string page = public_url_ + "/advert/cohorts/" + Id(c.id);
  for (const auto& e : view.entries) {
    const auto& p = e.participation;
    std::string description = p.presentation;
    if (!p.background_names.empty())
      description += (description.empty() ? "" : "\n\n") + Join(p.background_names, ", ");
    if (!p.wanted_background.empty())
      description += (description.empty() ? "" : "\n\n") + p.wanted_background;
    if (description.empty()) description = view.programme.description;
    json::object organisation{{"@type", "Organization"},
                              {"name", p.employer_name},
                              {"sameAs", "https://data.brreg.no/enhetsregisteret/oppslag/enheter/" +
                                             e.employer.org_number}};
    if (p.logo_updated_at != 0) organisation["logo"] = public_url_ + LogoUrl(p);
    json::object address{{"@type", "PostalAddress"},
                         {"addressLocality",
                          e.employer.city.empty() ? e.employer.municipality_name : e.employer.city},
                         {"addressRegion", e.county_name},
                         {"addressCountry", "NO"}};
    if (!e.employer.address.empty()) address["streetAddress"] = e.employer.address;
    if (!e.employer.postal_code.empty()) address["postalCode"] = e.employer.postal_code;
    out.push_back(json::object{
        {"@context", "https://schema.org"},
        {"@type", "JobPosting"},
        {"title",
         "Trainee – " + p.employer_name + " (" + view.cohort.programme_name + ", " + c.name + ")"},
        {"description", description},
        {"datePosted", domain::FormatIso(domain::OsloDateAt(std::max(p.created_at, c.created_at)))},
        {"validThrough", domain::OsloEndOfDayIso(c.application_deadline)},
        {"employmentType", "FULL_TIME"},
        {"totalJobOpenings", p.trainees_wanted},
        {"hiringOrganization", std::move(organisation)},
        {"jobLocation", json::object{{"@type", "Place"}, {"address", std::move(address)}}},
        {"directApply", true},
        {"url", page + "#employer-" + Id(p.id)},
        {"identifier", json::object{{"@type", "PropertyValue"},
                                    {"name", view.cohort.operator_name},
                                    {"value", "participation-" + Id(p.id)}}}});
  }
  return out;
}

std::string AdvertRoutes::Feed(const AdvertView& view) const {
  const auto& c = view.cohort.cohort;
  const std::string page = public_url_ + "/advert/cohorts/" + Id(c.id);
  json::array entries;
  for (const auto& e : view.entries) {
    const auto& p = e.participation;
    std::string summary = p.presentation;
    if (!p.background_names.empty())
      summary += (summary.empty() ? "" : "\n\n") + Join(p.background_names, ", ");
    entries.push_back(json::object{
        {"title", XmlEscape(p.employer_name + " (" + std::to_string(p.trainees_wanted) + ")")},
        {"url", XmlEscape(page + "#employer-" + Id(p.id))},
        {"updated", domain::IsoUtc(std::max(p.updated_at, p.created_at))},
        {"summary", XmlEscape(summary)}});
  }
  const json::object data{{"title", XmlEscape(view.cohort.programme_name + " – " + c.name)},
                          {"page", XmlEscape(page)},
                          {"self", XmlEscape(page + "/feed.atom")},
                          {"updated", domain::IsoUtc(view.updated_at)},
                          {"author", XmlEscape(view.cohort.operator_name)},
                          {"entries", std::move(entries)}};
  return site_.views().Fragment("nb", "templates/feeds/advert.atom.mustache", data);
}

json::object AdvertRoutes::ApiJson(const AdvertView& view) const {
  const auto& c = view.cohort.cohort;
  json::array employers;
  for (const auto& e : view.entries) {
    const auto& p = e.participation;
    json::array backgrounds;
    for (const auto& b : p.background_names) backgrounds.push_back(json::value(b));
    employers.push_back(json::object{
        {"participation_id", p.id},
        {"employer_id", p.employer_id},
        {"name", p.employer_name},
        {"municipality_name", e.employer.municipality_name},
        {"county_name", e.county_name},
        {"city", e.employer.city},
        {"trainees_wanted", p.trainees_wanted},
        {"backgrounds", std::move(backgrounds)},
        {"wanted_background", p.wanted_background},
        {"presentation", p.presentation},
        {"logo_url", p.logo_updated_at ? json::value(public_url_ + LogoUrl(p)) : json::value()}});
  }
  const auto days = domain::DaysUntil(c.application_deadline, view.today);
  return json::object{{"cohort_id", c.id},
                      {"cohort_name", c.name},
                      {"programme_id", c.programme_id},
                      {"programme_name", view.cohort.programme_name},
                      {"operator_name", view.cohort.operator_name},
                      {"application_deadline", domain::FormatIso(c.application_deadline)},
                      {"valid_through", domain::OsloEndOfDayIso(c.application_deadline)},
                      {"days_left", days < 0 ? 0 : days},
                      {"open", days >= 0},
                      {"starts_on", domain::FormatIso(c.starts_on)},
                      {"positions", view.positions},
                      {"apply_url", public_url_ + "/apply/cohorts/" + Id(c.id)},
                      {"employers", std::move(employers)}};
}

void AdvertRoutes::Register() {
  auto self = shared_from_this();

  site_.Page("GET", "/advert/cohorts/{id}", [self](Context& ctx) {
    const auto id = ctx.IdParam("id");
    return self->Cached(ctx, "cohort", [&] {
      auto view = self->svc_.GetAdvert(id);
      return self->site_.views().Page(ctx, "advert/cohort",
                                      view.cohort.programme_name + " – " + view.cohort.cohort.name,
                                      self->CohortData(ctx, view));
    });
  });

  site_.Page("GET", "/advert/programmes/{id}", [self](Context& ctx) {
    const auto id = ctx.IdParam("id");
    return self->Cached(ctx, "programme", [&] {
      auto view = self->svc_.GetProgrammeAdvert(id);
      json::array cohorts;
      for (const auto& c : view.cohorts) cohorts.push_back(self->CohortData(ctx, c));
      json::object data{{"programme", json::object{{"id", view.programme.id},
                                                   {"name", view.programme.name},
                                                   {"operator", view.op.name},
                                                   {"description_html",
                                                    RenderMarkdown(view.programme.description)}}},
                        {"cohorts", std::move(cohorts)},
                        {"has_cohorts", !view.cohorts.empty()},
                        {"script", self->static_files_.Url("advert.js")}};
      return self->site_.views().Page(ctx, "advert/programme", view.programme.name,
                                      std::move(data));
    });
  });

  site_.Page("GET", "/advert/cohorts/{id}/feed.atom", [self](Context& ctx) {
    const auto id = ctx.IdParam("id");
    return self->Cached(ctx, "feed", [&] {
      auto response = http::Response::Text(200, self->Feed(self->svc_.GetAdvert(id)));
      response.Set("Content-Type", "application/atom+xml; charset=utf-8");
      return response;
    });
  });

  site_.Page("GET", "/advert/logos/{id}", [self](Context& ctx) {
    auto logo = self->svc_.GetAdvertLogo(ctx.IdParam("id"));
    http::Response response;
    response.Set("Content-Type", logo.content_type);
    // The URL carries the upload time (?v=), so a new logo gets a new URL.
    response.Set("Cache-Control", "public, max-age=31536000, immutable");
    response.body = std::move(logo.data);
    return response;
  });

  site_.Api("GET", "/api/v1/advert/cohorts/{id}", [self](Context& ctx, const json::value&) {
    const auto id = ctx.IdParam("id");
    return self->Cached(ctx, "api",
                        [&] { return Site::JsonOk(self->ApiJson(self->svc_.GetAdvert(id))); });
  });
}

}  // namespace

void RegisterAdvertRoutes(Site& site, services::ProgrammeService& programmes,
                          const http::StaticFiles& static_files, const std::string& public_url) {
  std::make_shared<AdvertRoutes>(site, programmes, static_files, public_url)->Register();
}

}  // namespace tp::web
