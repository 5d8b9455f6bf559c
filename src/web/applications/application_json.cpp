// The JSON of the area's API and of the data export, and the API's application input.
#include "domain/accounts/rules.h"
#include "domain/dates.h"
#include "web/applications/routes_internal.h"

namespace tp::web::applications {
namespace json = boost::json;
using services::ApplicationInput;

namespace {

json::value OptionalInt(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

json::object FileJson(const domain::ApplicationFile& f) {
  return {{"id", f.id},
          {"kind", f.kind},
          {"filename", f.filename},
          {"size_bytes", f.size_bytes},
          {"sha256", f.sha256},
          {"created_at", f.created_at}};
}

json::object ApplicationJson(const domain::Application& a) {
  json::array education;
  for (const auto& e : a.education)
    education.push_back({{"position", e.position},
                         {"degree", e.degree},
                         {"background_id", OptionalInt(e.background_id)},
                         {"background_name", e.background_name},
                         {"field", e.field},
                         {"institution", e.institution},
                         {"year", e.year}});
  json::array preferences;
  for (const auto& p : a.preferences)
    preferences.push_back({{"position", p.position},
                           {"participation_id", p.participation_id},
                           {"employer_name", p.employer_name}});
  json::array files;
  for (const auto& f : a.files) files.push_back(FileJson(f));
  return {{"id", a.id},
          {"cohort_id", a.cohort_id},
          {"status", domain::ApplicationStatusName(a.status)},
          {"reference", domain::ApplicationReference(a.cohort_id, a.id)},
          {"given_name", a.given_name},
          {"family_name", a.family_name},
          {"birth_date", a.birth_date},
          {"gender", a.gender},
          {"phone", a.phone},
          {"address", a.address},
          {"postal_code", a.postal_code},
          {"city", a.city},
          {"municipality_number", a.municipality_number},
          {"occupation", a.occupation},
          {"experience", a.experience},
          {"motivation", a.motivation},
          {"public_list_opt_out", a.public_list_opt_out},
          {"opt_out_reason", a.opt_out_reason},
          {"education", std::move(education)},
          {"preferences", std::move(preferences)},
          {"files", std::move(files)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at},
          {"sent_at", OptionalInt(a.sent_at)},
          {"withdrawn_at", OptionalInt(a.withdrawn_at)}};
}

json::object SummaryJson(const domain::ApplicationSummary& s) {
  return {{"id", s.id},
          {"cohort_id", s.cohort_id},
          {"cohort_name", s.cohort_name},
          {"programme_name", s.programme_name},
          {"application_deadline", s.application_deadline},
          {"status", domain::ApplicationStatusName(s.status)},
          {"reference", domain::ApplicationReference(s.cohort_id, s.id)},
          {"updated_at", s.updated_at},
          {"sent_at", OptionalInt(s.sent_at)}};
}

json::object ExportJson(const services::PersonExport& e) {
  json::array grants;
  for (const auto& g : e.grants)
    grants.push_back({{"role", domain::RoleName(g.role)},
                      {"scope_id", g.scope_id},
                      {"created_at", g.created_at}});
  json::array applications;
  for (std::size_t i = 0; i < e.applications.size(); ++i) {
    auto a = ApplicationJson(e.applications[i]);
    a["cohort"] = e.cohort_names[i];
    auto& files = a["files"].as_array();
    for (std::size_t f = 0; f < files.size(); ++f)
      files[f].as_object()["content_base64"] = domain::Base64Encode(e.file_contents[i][f]);
    applications.push_back(std::move(a));
  }
  json::array emails;
  for (const auto& m : e.emails)
    emails.push_back({{"to_address", m.to_address},
                      {"subject", m.subject},
                      {"body", m.body_text},
                      {"kind", m.kind},
                      {"created_at", m.created_at},
                      {"sent_at", OptionalInt(m.sent_at)}});
  return {{"account",
           {{"id", e.person.id},
            {"email", e.person.email},
            {"name", e.person.name},
            {"locale", e.person.locale},
            {"created_at", e.person.created_at}}},
          {"grants", std::move(grants)},
          {"applications", std::move(applications)},
          {"emails", std::move(emails)}};
}

std::string JsonText(const json::object& o, const char* key) {
  auto* v = o.if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return "\x01";  // any other type: something no parser accepts, so the field gets its error
}

ApplicationInput ApiInput(const json::value& body) {
  ApplicationInput in;
  if (!body.is_object()) return in;
  const auto& o = body.get_object();
  in.given_name = JsonText(o, "given_name");
  in.family_name = JsonText(o, "family_name");
  in.birth_date = JsonText(o, "birth_date");
  in.gender = JsonText(o, "gender");
  in.phone = JsonText(o, "phone");
  in.address = JsonText(o, "address");
  in.postal_code = JsonText(o, "postal_code");
  in.city = JsonText(o, "city");
  in.municipality_number = JsonText(o, "municipality_number");
  in.occupation = JsonText(o, "occupation");
  in.experience = JsonText(o, "experience");
  in.motivation = JsonText(o, "motivation");
  if (auto* v = o.if_contains("public_list_opt_out"); v && v->is_bool())
    in.public_list_opt_out = v->get_bool();
  in.opt_out_reason = JsonText(o, "opt_out_reason");
  if (auto* v = o.if_contains("education"); v && v->is_array()) {
    for (const auto& e : v->get_array()) {
      if (!e.is_object()) continue;
      const auto& eo = e.get_object();
      in.education.push_back({JsonText(eo, "degree"), JsonText(eo, "background_id"),
                              JsonText(eo, "field"), JsonText(eo, "institution"),
                              JsonText(eo, "year")});
    }
  }
  if (auto* v = o.if_contains("preferences"); v && v->is_array()) {
    for (const auto& p : v->get_array()) {
      if (p.is_int64())
        in.preferences.push_back(std::to_string(p.get_int64()));
      else
        in.preferences.push_back("\x01");
    }
  }
  return in;
}

}  // namespace tp::web::applications
