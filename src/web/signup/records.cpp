#include "web/signup/records.h"

#include "domain/dates.h"
#include "domain/signup/rules.h"
#include "web/forms.h"

namespace tp::web::signup_records {

namespace json = boost::json;

const std::vector<std::string> kEmployerFields = [] {
  std::vector<std::string> names;
  for (const auto& [name, value] : domain::EmployerFields(domain::Employer{}))
    names.push_back(name);
  return names;
}();
const std::vector<std::string> kParticipationFields{
    "employer_id",  "trainees_wanted",    "wanted_background", "status",
    "presentation", "invoice_org_number", "buyer_reference",   "buyer_reference_pattern"};

services::EmployerInput EmployerIn(const json::object& v) {
  return {ValueOf(v, "name"),
          ValueOf(v, "kind"),
          ValueOf(v, "org_number"),
          ValueOf(v, "municipality_number"),
          ValueOf(v, "address"),
          ValueOf(v, "postal_code"),
          ValueOf(v, "city"),
          ValueOf(v, "invoice_contact_name"),
          ValueOf(v, "invoice_contact_email")};
}
services::ParticipationInput ParticipationIn(const json::object& v,
                                             std::vector<std::string> background_ids) {
  return {ValueOf(v, "employer_id"),
          ValueOf(v, "trainees_wanted"),
          ValueOf(v, "wanted_background"),
          ValueOf(v, "status"),
          std::move(background_ids),
          ValueOf(v, "presentation"),
          ValueOf(v, "invoice_org_number"),
          ValueOf(v, "buyer_reference"),
          ValueOf(v, "buyer_reference_pattern")};
}

bool IsDeadlineError(const Invalid& e) {
  for (const auto& fe : e.errors)
    if (fe.field == "signup_deadline") return true;
  return false;
}

json::object EmployerValues(const domain::Employer& e) {
  json::object values;
  for (const auto& [name, value] : domain::EmployerFields(e)) values[name] = value;
  return values;
}

json::object EmployerJson(const domain::Employer& e) {
  return {
      {"id", e.id},
      {"name", e.name},
      {"kind", domain::EmployerKindName(e.kind)},
      {"org_number", e.org_number},
      {"municipality_number",
       e.municipality_number.empty() ? json::value(nullptr) : json::value(e.municipality_number)},
      {"municipality_name", e.municipality_name},
      {"address", e.address},
      {"postal_code", e.postal_code},
      {"city", e.city},
      {"invoice_contact_name", e.invoice_contact_name},
      {"invoice_contact_email", e.invoice_contact_email},
      {"created_at", e.created_at}};
}

json::object EmployerChangeJson(const domain::EmployerChange& c) {
  return {{"id", c.id},
          {"employer_id", c.employer_id},
          {"changed_by", c.changed_by ? json::value(c.changed_by) : json::value(nullptr)},
          {"changed_by_name", c.changed_by_name},
          {"changed_at", c.changed_at},
          {"changed_at_label", domain::FormatOsloDateTime(c.changed_at)},
          {"field", c.field},
          {"old_value", c.old_value},
          {"new_value", c.new_value}};
}

json::object ParticipationJson(const domain::Participation& p) {
  json::array background_ids;
  for (auto id : p.background_ids) background_ids.push_back(id);
  json::array background_names;
  for (const auto& n : p.background_names) background_names.push_back(json::value(n));
  return {{"id", p.id},
          {"cohort_id", p.cohort_id},
          {"employer_id", p.employer_id},
          {"employer_name", p.employer_name},
          {"trainees_wanted", p.trainees_wanted},
          {"wanted_background", p.wanted_background},
          {"background_ids", std::move(background_ids)},
          {"background_names", std::move(background_names)},
          {"presentation", p.presentation},
          {"invoice_org_number", p.invoice_org_number},
          {"buyer_reference", p.buyer_reference},
          {"buyer_reference_pattern", p.buyer_reference_pattern},
          {"status", domain::ParticipationStatusName(p.status)},
          {"decision_reason", p.decision_reason},
          {"has_logo", p.logo_updated_at != 0},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

json::object BackgroundJson(const domain::Background& b) {
  return {{"id", b.id},
          {"operator_id", b.operator_id},
          {"name", b.name},
          {"position", b.position},
          {"archived", b.archived}};
}

}  // namespace tp::web::signup_records
