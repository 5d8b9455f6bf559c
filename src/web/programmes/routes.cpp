#include "web/programmes/routes.h"

#include <boost/json.hpp>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/money.h"
#include "domain/programmes/signup.h"
#include "services/programmes/programme_service.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/lists.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using services::ProgrammeService;

std::string Id(std::int64_t id) { return std::to_string(id); }

std::string NbDate(domain::Date d) { return domain::FormatNorwegian(d); }

// <option> list for a <select>: {value, label, selected}.
json::array Options(Context& ctx, const std::vector<std::pair<std::string, std::string>>& choices,
                    const std::string& selected) {
  json::array out;
  for (const auto& [value, label] : choices)
    out.push_back(
        json::object{{"value", value}, {"label", ctx.T(label)}, {"selected", value == selected}});
  return out;
}

std::vector<std::pair<std::string, std::string>> OperatorKindChoices() {
  return {{"national", "National"}, {"regional", "Regional"}};
}
std::vector<std::pair<std::string, std::string>> EmployerKindChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto k : domain::AllEmployerKinds())
    out.emplace_back(std::string(domain::EmployerKindName(k)), domain::EmployerKindLabel(k));
  return out;
}
std::vector<std::pair<std::string, std::string>> GatheringKindChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto k : domain::AllGatheringKinds())
    out.emplace_back(std::string(domain::GatheringKindName(k)), domain::GatheringKindLabel(k));
  return out;
}
std::vector<std::pair<std::string, std::string>> StatusChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto s : domain::AllParticipationStatuses())
    out.emplace_back(std::string(domain::ParticipationStatusName(s)),
                     domain::ParticipationStatusLabel(s));
  return out;
}

std::string OperatorKindLabel(domain::OperatorKind k) {
  return k == domain::OperatorKind::kNational ? "National" : "Regional";
}

// The amount as the fee field shows it for editing ("69 000" without "kr", ",50" when øre).
std::string FeeText(domain::Money fee) {
  std::string s = domain::FormatNok(fee);
  return s.substr(0, s.size() - std::string("\xC2\xA0kr").size());
}

// øre from the API as text ParseNok reads back exactly ("6900000" -> "69000,00").
std::string OreText(long long ore) {
  const bool negative = ore < 0;
  unsigned long long abs =
      negative ? 0ULL - static_cast<unsigned long long>(ore) : static_cast<unsigned long long>(ore);
  std::string cents = std::to_string(abs % 100);
  if (cents.size() < 2) cents = "0" + cents;
  return (negative ? "-" : "") + std::to_string(abs / 100) + "," + cents;
}

// --- JSON helpers ---------------------------------------------------------------------------

std::string JsonText(const json::value& body, const char* key) {
  if (!body.is_object()) return "";
  auto* v = body.get_object().if_contains(key);
  if (!v) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  // Any other type is passed on as something no parser accepts, so the field gets its error.
  if (!v->is_null()) return "\x01";
  return "";
}

json::object OperatorJson(const domain::Operator& o) {
  return {{"id", o.id},
          {"name", o.name},
          {"short_name", o.short_name},
          {"kind", domain::OperatorKindName(o.kind)},
          {"created_at", o.created_at}};
}

json::object ProgrammeJson(const domain::Programme& p) {
  return {{"id", p.id},
          {"operator_id", p.operator_id},
          {"name", p.name},
          {"structure", domain::StructureTemplateName(p.structure)},
          {"description", p.description},
          {"created_at", p.created_at}};
}

json::object CohortJson(const domain::Cohort& c) {
  return {{"id", c.id},
          {"programme_id", c.programme_id},
          {"name", c.name},
          {"signup_deadline", domain::FormatIso(c.signup_deadline)},
          {"application_deadline", domain::FormatIso(c.application_deadline)},
          {"starts_on", domain::FormatIso(c.starts_on)},
          {"ends_on", domain::FormatIso(c.ends_on)},
          {"fee_ore", c.fee.ore()},
          {"created_at", c.created_at}};
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

json::object MunicipalityJson(const domain::Municipality& m) {
  return {{"number", m.number},
          {"name", m.name},
          {"county_number", m.county_number},
          {"county_name", m.county_name},
          {"other_name", m.other_name}};
}

http::Response Created(const json::object& o, const std::string& location) {
  auto r = Site::JsonOk(o, 201);
  r.Set("Location", location);
  return r;
}

// A whole list as one page of the API envelope.
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

// --- form inputs ----------------------------------------------------------------------------

const std::vector<std::string> kOperatorFields{"name", "short_name", "kind"};
const std::vector<std::string> kProgrammeFields{"name", "structure", "description"};
const std::vector<std::string> kCohortFields{"name",      "signup_deadline", "application_deadline",
                                             "starts_on", "ends_on",         "fee"};
const std::vector<std::string> kGatheringFields{"title", "kind", "starts_on", "ends_on",
                                                "location"};
const std::vector<std::string> kEmployerFields{
    "name",        "kind", "org_number",           "municipality_number",  "address",
    "postal_code", "city", "invoice_contact_name", "invoice_contact_email"};
const std::vector<std::string> kParticipationFields{
    "employer_id",  "trainees_wanted",    "wanted_background", "status",
    "presentation", "invoice_org_number", "buyer_reference",   "buyer_reference_pattern"};

services::OperatorInput OperatorIn(const json::object& v) {
  return {ValueOf(v, "name"), ValueOf(v, "short_name"), ValueOf(v, "kind")};
}
services::ProgrammeInput ProgrammeIn(const json::object& v) {
  return {ValueOf(v, "name"), ValueOf(v, "structure"), ValueOf(v, "description")};
}
services::CohortInput CohortIn(const json::object& v) {
  return {
      ValueOf(v, "name"),      ValueOf(v, "signup_deadline"), ValueOf(v, "application_deadline"),
      ValueOf(v, "starts_on"), ValueOf(v, "ends_on"),         ValueOf(v, "fee")};
}
services::GatheringInput GatheringIn(const json::object& v) {
  return {ValueOf(v, "title"), ValueOf(v, "kind"), ValueOf(v, "starts_on"), ValueOf(v, "ends_on"),
          ValueOf(v, "location")};
}
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

// Every value of a repeated form field (checkboxes).
std::vector<std::string> FormList(const Context& ctx, const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = ctx.form.equal_range(name);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

// A JSON array of ids (numbers or numeric strings) as text; anything else becomes a value no
// parser accepts, so the field gets its error after the rights check.
std::vector<std::string> JsonIdList(const json::value& body, const char* key) {
  std::vector<std::string> out;
  if (!body.is_object()) return out;
  auto* v = body.get_object().if_contains(key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) return {"\x01"};
  for (const auto& item : v->get_array()) {
    if (item.is_int64())
      out.push_back(std::to_string(item.get_int64()));
    else if (item.is_string())
      out.emplace_back(item.get_string());
    else
      out.emplace_back("\x01");
  }
  return out;
}

bool IsDeadlineError(const Invalid& e) {
  for (const auto& fe : e.errors)
    if (fe.field == "signup_deadline") return true;
  return false;
}

// The API body as the same text values a form would carry.
json::object ApiValues(const json::value& body, const std::vector<std::string>& fields) {
  json::object v;
  for (const auto& f : fields) v[f] = JsonText(body, f.c_str());
  return v;
}

class ProgrammeRoutes : public std::enable_shared_from_this<ProgrammeRoutes> {
 public:
  ProgrammeRoutes(Site& site, ProgrammeService& programmes) : site_(site), svc_(programmes) {}
  void Register();

 private:
  const Views& views() const { return site_.views(); }
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) {
    if (ctx.request.Query("saved")) data["saved"] = true;
    return views().Page(ctx, "programmes/" + page, title, std::move(data), status);
  }

  http::Response Home(Context& ctx);
  http::Response OperatorForm(Context& ctx, const std::string& title, const std::string& action,
                              const std::string& cancel, json::object values,
                              const std::vector<FieldError>& errors, int status);
  http::Response ProgrammeForm(Context& ctx, const std::string& title, const std::string& action,
                               const std::string& cancel, json::object values,
                               const std::vector<FieldError>& errors, int status);
  http::Response CohortForm(Context& ctx, const std::string& title, const std::string& action,
                            const std::string& cancel, json::object values,
                            const std::vector<FieldError>& errors, int status);
  http::Response GoalsForm(Context& ctx, std::int64_t cohort_id, const std::string& text,
                           const std::vector<FieldError>& errors, int status);
  http::Response GatheringForm(Context& ctx, const std::string& title, const std::string& action,
                               const std::string& cancel, json::object values,
                               const std::vector<FieldError>& errors, int status);
  http::Response EmployerForm(Context& ctx, const std::string& title, const std::string& action,
                              const std::string& cancel, json::object values,
                              const std::vector<FieldError>& errors, int status);
  http::Response ParticipationForm(Context& ctx, const std::string& title,
                                   const std::string& action, const std::string& cancel,
                                   const services::SignupFormView& form,
                                   const std::string& employer_name, json::object values,
                                   const std::vector<std::string>& chosen_backgrounds,
                                   const std::vector<FieldError>& errors, int status,
                                   const domain::Participation* existing = nullptr);
  http::Response EditParticipation(Context& ctx, std::int64_t id,
                                   const std::vector<FieldError>& errors, int status);
  http::Response DecisionForm(Context& ctx, const domain::Participation& p, json::object values,
                              const std::vector<FieldError>& errors, int status);
  http::Response BackgroundsPage(Context& ctx, std::int64_t operator_id, json::object values,
                                 const std::vector<FieldError>& errors, int status);
  http::Response Confirm(Context& ctx, const std::string& title, const std::string& question,
                         const std::string& subject, const std::string& action,
                         const std::string& cancel);

  void RegisterOperators();
  void RegisterCohorts();
  void RegisterEmployers();
  void RegisterSignup();
  void RegisterBackgrounds();
  void RegisterApi();
  void RegisterSignupApi();

  Site& site_;
  ProgrammeService& svc_;
};

http::Response ProgrammeRoutes::Home(Context& ctx) {
  json::object data;
  if (ctx.actor.IsAnonymous()) return views().Page(ctx, "home", "Welcome", std::move(data));
  json::array cohorts;
  for (const auto& s : svc_.ListMyCohorts(ctx.actor)) {
    cohorts.push_back(json::object{{"id", s.cohort.id},
                                   {"name", s.cohort.name},
                                   {"programme", s.programme_name},
                                   {"operator", s.operator_name},
                                   {"starts_on", NbDate(s.cohort.starts_on)},
                                   {"ends_on", NbDate(s.cohort.ends_on)}});
  }
  data["logged_in"] = true;
  data["name"] = ctx.actor.name;
  data["has_cohorts"] = !cohorts.empty();
  data["cohorts"] = std::move(cohorts);
  const bool staff = ctx.actor.WorksForAnyOperator();
  data["operator_work"] = staff;
  json::array my_employers;
  for (auto id : ctx.actor.ScopesOf(domain::Role::kCoordinator)) {
    try {
      auto e = svc_.GetEmployer(ctx.actor, id);
      my_employers.push_back(json::object{{"id", id}, {"name", e.employer.name}});
    } catch (const NotFound&) {
      // A grant for an employer that has since been removed: nothing to link to.
    }
  }
  data["has_employers"] = !my_employers.empty();
  data["my_employers"] = std::move(my_employers);
  return views().Page(ctx, "home", "Home", std::move(data));
}

http::Response ProgrammeRoutes::OperatorForm(Context& ctx, const std::string& title,
                                             const std::string& action, const std::string& cancel,
                                             json::object values,
                                             const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["kinds"] = Options(ctx, OperatorKindChoices(), ValueOf(values, "kind"));
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "operator_form", title, std::move(data), status);
}

http::Response ProgrammeRoutes::ProgrammeForm(Context& ctx, const std::string& title,
                                              const std::string& action, const std::string& cancel,
                                              json::object values,
                                              const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  json::array structures;
  for (auto t : domain::AllStructureTemplates()) {
    const std::string name(domain::StructureTemplateName(t));
    structures.push_back(
        json::object{{"value", name},
                     {"label", ctx.T(domain::StructureTemplateLabel(t))},
                     {"description", ctx.T(domain::StructureTemplateDescription(t))},
                     {"checked", name == ValueOf(values, "structure")}});
  }
  data["structures"] = std::move(structures);
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "programme_form", title, std::move(data), status);
}

http::Response ProgrammeRoutes::CohortForm(Context& ctx, const std::string& title,
                                           const std::string& action, const std::string& cancel,
                                           json::object values,
                                           const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "cohort_form", title, std::move(data), status);
}

http::Response ProgrammeRoutes::GoalsForm(Context& ctx, std::int64_t cohort_id,
                                          const std::string& text,
                                          const std::vector<FieldError>& errors, int status) {
  auto view = svc_.GetCohort(ctx.actor, cohort_id);
  if (!view.can_edit) throw Forbidden("cannot edit goals");
  json::object data;
  data["cohort_id"] = cohort_id;
  data["cohort_name"] = view.cohort.name;
  data["values"] = json::object{{"goals", text}};
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "goals", "Qualification goals", std::move(data), status);
}

http::Response ProgrammeRoutes::GatheringForm(Context& ctx, const std::string& title,
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
  return Page(ctx, "gathering_form", title, std::move(data), status);
}

http::Response ProgrammeRoutes::EmployerForm(Context& ctx, const std::string& title,
                                             const std::string& action, const std::string& cancel,
                                             json::object values,
                                             const std::vector<FieldError>& errors, int status) {
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
  for (const auto& m : svc_.AllMunicipalities()) {
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

http::Response ProgrammeRoutes::ParticipationForm(
    Context& ctx, const std::string& title, const std::string& action, const std::string& cancel,
    const services::SignupFormView& form, const std::string& employer_name, json::object values,
    const std::vector<std::string>& chosen_backgrounds, const std::vector<FieldError>& errors,
    int status, const domain::Participation* existing) {
  json::object data;
  if (existing) {
    data["logo_action"] = "/participations/" + Id(existing->id) + "/logo";
    data["logo_delete"] = "/participations/" + Id(existing->id) + "/logo/delete";
    data["has_logo"] = existing->logo_updated_at != 0;
  }
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["cohort_name"] = form.cohort.cohort.name;
  data["programme_name"] = form.cohort.programme_name;
  data["operator_name"] = form.cohort.operator_name;
  data["signup_deadline"] = NbDate(form.cohort.cohort.signup_deadline);
  // Staff may add and edit after the deadline; a coordinator sees why the form is gone.
  data["closed"] = !form.open && !form.staff;
  if (employer_name.empty()) {
    json::array employers;
    const std::string chosen = ValueOf(values, "employer_id");
    for (const auto& e : form.employers)
      employers.push_back(
          json::object{{"value", Id(e.id)}, {"label", e.name}, {"selected", Id(e.id) == chosen}});
    data["employers"] = std::move(employers);
    data["choose_employer"] = true;
  } else {
    data["employer_name"] = employer_name;
  }
  json::array backgrounds;
  for (const auto& b : form.backgrounds)
    backgrounds.push_back(json::object{
        {"id", b.id},
        {"name", b.name},
        {"checked", std::find(chosen_backgrounds.begin(), chosen_backgrounds.end(), Id(b.id)) !=
                        chosen_backgrounds.end()}});
  data["has_backgrounds"] = !backgrounds.empty();
  data["backgrounds"] = std::move(backgrounds);
  data["can_set_status"] = form.staff;
  data["statuses"] = Options(ctx, StatusChoices(), ValueOf(values, "status"));
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "participation_form", title, std::move(data), status);
}

http::Response ProgrammeRoutes::EditParticipation(Context& ctx, std::int64_t id,
                                                  const std::vector<FieldError>& errors,
                                                  int status) {
  auto p = svc_.GetParticipation(ctx.actor, id);
  auto form = svc_.GetSignupForm(ctx.actor, p.cohort_id);
  if (!form.staff && !ctx.actor.Has(domain::Role::kCoordinator, p.employer_id))
    throw Forbidden("cannot edit");
  json::object values{{"trainees_wanted", std::to_string(p.trainees_wanted)},
                      {"wanted_background", p.wanted_background},
                      {"status", domain::ParticipationStatusName(p.status)},
                      {"presentation", p.presentation},
                      {"invoice_org_number", p.invoice_org_number},
                      {"buyer_reference", p.buyer_reference},
                      {"buyer_reference_pattern", p.buyer_reference_pattern}};
  std::vector<std::string> chosen;
  for (auto b : p.background_ids) chosen.push_back(Id(b));
  return ParticipationForm(ctx, "Edit participation", "/participations/" + Id(id) + "/edit",
                           form.staff ? "/cohorts/" + Id(p.cohort_id) : "/signup", form,
                           p.employer_name, std::move(values), chosen, errors, status, &p);
}

http::Response ProgrammeRoutes::DecisionForm(Context& ctx, const domain::Participation& p,
                                             json::object values,
                                             const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["participation"] =
      json::object{{"id", p.id},
                   {"employer", p.employer_name},
                   {"trainees_wanted", p.trainees_wanted},
                   {"status", ctx.T(domain::ParticipationStatusLabel(p.status))},
                   {"backgrounds",
                    [&] {
                      std::string out;
                      for (const auto& n : p.background_names) out += (out.empty() ? "" : ", ") + n;
                      return out;
                    }()},
                   {"wanted_background", p.wanted_background},
                   {"presentation", p.presentation}};
  data["cancel"] = "/cohorts/" + Id(p.cohort_id);
  const std::string decision = ValueOf(values, "decision");
  data["confirm_checked"] = decision == "confirmed";
  data["decline_checked"] = decision == "declined";
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "decision", "Confirm or decline sign-up", std::move(data), status);
}

http::Response ProgrammeRoutes::BackgroundsPage(Context& ctx, std::int64_t operator_id,
                                                json::object values,
                                                const std::vector<FieldError>& errors, int status) {
  auto op = svc_.GetOperator(ctx.actor, operator_id);
  json::array items;
  const auto list = svc_.ListBackgrounds(ctx.actor, operator_id, true);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& b = list[i];
    items.push_back(json::object{{"id", b.id},
                                 {"name", b.name},
                                 {"archived", b.archived},
                                 {"first", i == 0},
                                 {"last", i + 1 == list.size()}});
  }
  json::object data{{"operator", OperatorJson(op.op)},
                    {"backgrounds", std::move(items)},
                    {"has_backgrounds", !list.empty()},
                    {"values", std::move(values)}};
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "backgrounds", "Professional backgrounds", std::move(data), status);
}

http::Response ProgrammeRoutes::Confirm(Context& ctx, const std::string& title,
                                        const std::string& question, const std::string& subject,
                                        const std::string& action, const std::string& cancel) {
  json::object data{{"heading", ctx.T(title)},
                    {"question", ctx.T(question)},
                    {"subject", subject},
                    {"action", action},
                    {"cancel", cancel}};
  return Page(ctx, "confirm_delete", title, std::move(data));
}

void ProgrammeRoutes::Register() {
  site_.Page("GET", "/", [self = shared_from_this()](Context& ctx) { return self->Home(ctx); });
  RegisterOperators();
  RegisterCohorts();
  RegisterEmployers();
  RegisterSignup();
  RegisterBackgrounds();
  RegisterApi();
  RegisterSignupApi();
}

// --- operators and programmes ---------------------------------------------------------------

void ProgrammeRoutes::RegisterOperators() {
  auto self = shared_from_this();

  site_.Page("GET", "/operators", [self](Context& ctx) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : self->svc_.ListOperators(ctx.actor))
      items.push_back(json::object{{"id", o.id},
                                   {"name", o.name},
                                   {"short_name", o.short_name},
                                   {"kind", ctx.T(OperatorKindLabel(o.kind))}});
    json::object data{{"operators", std::move(items)}, {"can_create", ctx.actor.IsSystemAdmin()}};
    data["has_operators"] = !data["operators"].as_array().empty();
    return self->Page(ctx, "operators", "Operators", std::move(data));
  });

  site_.Page("GET", "/operators/new", [self](Context& ctx) {
    self->svc_.CheckMayCreateOperator(ctx.actor);
    return self->OperatorForm(ctx, "New operator", "/operators/new", "/operators",
                              json::object{{"kind", "regional"}}, {}, 200);
  });
  site_.Page("POST", "/operators/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto values = FormValues(ctx, kOperatorFields);
    try {
      auto id = self->svc_.CreateOperator(ctx.actor, OperatorIn(values));
      return http::Response::Redirect("/operators/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->OperatorForm(ctx, "New operator", "/operators/new", "/operators",
                                std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/operators/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetOperator(ctx.actor, ctx.IdParam("id"));
    json::array programmes;
    for (const auto& p : view.programmes)
      programmes.push_back(
          json::object{{"id", p.id},
                       {"name", p.name},
                       {"structure", ctx.T(domain::StructureTemplateLabel(p.structure))}});
    json::object data{{"operator", OperatorJson(view.op)},
                      {"kind_label", ctx.T(OperatorKindLabel(view.op.kind))},
                      {"has_programmes", !programmes.empty()},
                      {"programmes", std::move(programmes)},
                      {"can_edit", view.can_edit},
                      {"can_add_programme", ctx.actor.CanWorkForOperator(view.op.id)}};
    return self->Page(ctx, "operator", "Operator", std::move(data));
  });

  site_.Page("GET", "/operators/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetOperator(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit operator");
    json::object values{{"name", view.op.name},
                        {"short_name", view.op.short_name},
                        {"kind", domain::OperatorKindName(view.op.kind)}};
    return self->OperatorForm(ctx, "Edit operator", "/operators/" + Id(id) + "/edit",
                              "/operators/" + Id(id), std::move(values), {}, 200);
  });
  site_.Page("POST", "/operators/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kOperatorFields);
    try {
      self->svc_.UpdateOperator(ctx.actor, id, OperatorIn(values));
      return http::Response::Redirect("/operators/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->OperatorForm(ctx, "Edit operator", "/operators/" + Id(id) + "/edit",
                                "/operators/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/operators/{id}/programmes/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.GetOperator(ctx.actor, id);  // NotFound when invisible
    return self->ProgrammeForm(ctx, "New programme", "/operators/" + Id(id) + "/programmes/new",
                               "/operators/" + Id(id),
                               json::object{{"structure", "national_model"}}, {}, 200);
  });
  site_.Page("POST", "/operators/{id}/programmes/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kProgrammeFields);
    try {
      auto pid = self->svc_.CreateProgramme(ctx.actor, id, ProgrammeIn(values));
      return http::Response::Redirect("/programmes/" + Id(pid) + "?saved=1");
    } catch (const Invalid& e) {
      return self->ProgrammeForm(ctx, "New programme", "/operators/" + Id(id) + "/programmes/new",
                                 "/operators/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/programmes/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetProgramme(ctx.actor, ctx.IdParam("id"));
    json::array cohorts;
    for (const auto& c : view.cohorts)
      cohorts.push_back(json::object{{"id", c.id},
                                     {"name", c.name},
                                     {"starts_on", NbDate(c.starts_on)},
                                     {"ends_on", NbDate(c.ends_on)},
                                     {"fee", domain::FormatNok(c.fee)}});
    json::object data{
        {"programme", ProgrammeJson(view.programme)},
        {"operator", OperatorJson(view.op)},
        {"structure_label", ctx.T(domain::StructureTemplateLabel(view.programme.structure))},
        {"structure_description",
         ctx.T(domain::StructureTemplateDescription(view.programme.structure))},
        {"has_cohorts", !cohorts.empty()},
        {"cohorts", std::move(cohorts)},
        {"can_edit", view.can_edit}};
    return self->Page(ctx, "programme", "Programme", std::move(data));
  });

  site_.Page("GET", "/programmes/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetProgramme(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit programme");
    json::object values{{"name", view.programme.name},
                        {"structure", domain::StructureTemplateName(view.programme.structure)},
                        {"description", view.programme.description}};
    return self->ProgrammeForm(ctx, "Edit programme", "/programmes/" + Id(id) + "/edit",
                               "/programmes/" + Id(id), std::move(values), {}, 200);
  });
  site_.Page("POST", "/programmes/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kProgrammeFields);
    try {
      self->svc_.UpdateProgramme(ctx.actor, id, ProgrammeIn(values));
      return http::Response::Redirect("/programmes/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->ProgrammeForm(ctx, "Edit programme", "/programmes/" + Id(id) + "/edit",
                                 "/programmes/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/programmes/{id}/cohorts/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.GetProgramme(ctx.actor, id);
    return self->CohortForm(ctx, "New cohort", "/programmes/" + Id(id) + "/cohorts/new",
                            "/programmes/" + Id(id),
                            json::object{{"fee", FeeText(domain::kDefaultCohortFee)}}, {}, 200);
  });
  site_.Page("POST", "/programmes/{id}/cohorts/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kCohortFields);
    try {
      auto cid = self->svc_.CreateCohort(ctx.actor, id, CohortIn(values));
      return http::Response::Redirect("/cohorts/" + Id(cid) + "?saved=1");
    } catch (const Invalid& e) {
      return self->CohortForm(ctx, "New cohort", "/programmes/" + Id(id) + "/cohorts/new",
                              "/programmes/" + Id(id), std::move(values), e.errors, 422);
    }
  });
}

// --- cohorts, goals, gatherings, participations ---------------------------------------------

void ProgrammeRoutes::RegisterCohorts() {
  auto self = shared_from_this();

  site_.Page("GET", "/cohorts/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetCohort(ctx.actor, ctx.IdParam("id"));
    const auto& c = view.cohort;
    json::array goals;
    for (const auto& g : view.goals) goals.push_back(json::object{{"text", g.text}});
    json::array gatherings;
    for (const auto& g : view.gatherings) {
      std::string when = NbDate(g.starts_on);
      if (!(g.ends_on == g.starts_on)) when += "–" + NbDate(g.ends_on);
      gatherings.push_back(json::object{{"id", g.id},
                                        {"title", g.title},
                                        {"kind", ctx.T(domain::GatheringKindLabel(g.kind))},
                                        {"when", when},
                                        {"location", g.location}});
    }
    json::array participations;
    long wanted_total = 0;
    for (const auto& p : view.participations) {
      if (p.status != domain::ParticipationStatus::kDeclined) wanted_total += p.trainees_wanted;
      participations.push_back(
          json::object{{"id", p.id},
                       {"employer_id", p.employer_id},
                       {"employer", p.employer_name},
                       {"municipality", p.municipality_name},
                       {"trainees_wanted", p.trainees_wanted},
                       {"wanted_background",
                        [&] {
                          std::string out;
                          for (const auto& n : p.background_names)
                            out += (out.empty() ? "" : ", ") + n;
                          if (!p.wanted_background.empty())
                            out += (out.empty() ? "" : "; ") + p.wanted_background;
                          return out;
                        }()},
                       {"status", ctx.T(domain::ParticipationStatusLabel(p.status))}});
    }
    json::object data{
        {"cohort", json::object{{"id", c.id},
                                {"name", c.name},
                                {"signup_deadline", NbDate(c.signup_deadline)},
                                {"application_deadline", NbDate(c.application_deadline)},
                                {"starts_on", NbDate(c.starts_on)},
                                {"ends_on", NbDate(c.ends_on)},
                                {"fee", domain::FormatNok(c.fee)}}},
        {"programme", ProgrammeJson(view.programme)},
        {"operator", OperatorJson(view.op)},
        {"goals", std::move(goals)},
        {"has_goals", !view.goals.empty()},
        {"gatherings", std::move(gatherings)},
        {"has_gatherings", !view.gatherings.empty()},
        {"participations", std::move(participations)},
        {"has_participations", !view.participations.empty()},
        {"trainees_wanted_total", wanted_total},
        {"can_edit", view.can_edit},
        {"can_see_participations", view.can_see_participations}};
    // A coordinator whose employer takes part gets the employer's recruitment pages.
    if (!view.can_edit) {
      for (const auto& p : view.participations) {
        if (ctx.actor.Has(domain::Role::kCoordinator, p.employer_id)) {
          data["coordinator_employer_id"] = p.employer_id;
          break;
        }
      }
    }
    return self->Page(ctx, "cohort", "Cohort", std::move(data));
  });

  site_.Page("GET", "/cohorts/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetCohort(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit cohort");
    const auto& c = view.cohort;
    json::object values{{"name", c.name},
                        {"signup_deadline", NbDate(c.signup_deadline)},
                        {"application_deadline", NbDate(c.application_deadline)},
                        {"starts_on", NbDate(c.starts_on)},
                        {"ends_on", NbDate(c.ends_on)},
                        {"fee", FeeText(c.fee)}};
    return self->CohortForm(ctx, "Edit cohort", "/cohorts/" + Id(id) + "/edit",
                            "/cohorts/" + Id(id), std::move(values), {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kCohortFields);
    try {
      self->svc_.UpdateCohort(ctx.actor, id, CohortIn(values));
      return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->CohortForm(ctx, "Edit cohort", "/cohorts/" + Id(id) + "/edit",
                              "/cohorts/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/cohorts/{id}/goals", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    std::string text;
    for (const auto& g : self->svc_.GetCohort(ctx.actor, id).goals) text += g.text + "\n";
    return self->GoalsForm(ctx, id, text, {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/goals", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto it = ctx.form.find("goals");
    const std::string text = it == ctx.form.end() ? "" : it->second;
    std::vector<std::string> lines;
    std::string line;
    for (char ch : text) {
      if (ch == '\n') {
        lines.push_back(line);
        line.clear();
      } else if (ch != '\r') {
        line += ch;
      }
    }
    lines.push_back(line);
    try {
      self->svc_.ReplaceGoals(ctx.actor, id, lines);
      return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->GoalsForm(ctx, id, text, e.errors, 422);
    }
  });

  site_.Page("GET", "/cohorts/{id}/gatherings/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    if (!self->svc_.GetCohort(ctx.actor, id).can_edit) throw Forbidden("cannot edit cohort");
    return self->GatheringForm(ctx, "New gathering", "/cohorts/" + Id(id) + "/gatherings/new",
                               "/cohorts/" + Id(id), json::object{{"kind", "gathering"}}, {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/gatherings/new", [self](Context& ctx) {
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

  site_.Page("GET", "/gatherings/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    if (!self->svc_.GetCohort(ctx.actor, g.cohort_id).can_edit) throw Forbidden("cannot edit");
    json::object values{{"title", g.title},
                        {"kind", domain::GatheringKindName(g.kind)},
                        {"starts_on", NbDate(g.starts_on)},
                        {"ends_on", NbDate(g.ends_on)},
                        {"location", g.location}};
    return self->GatheringForm(ctx, "Edit gathering", "/gatherings/" + Id(id) + "/edit",
                               "/cohorts/" + Id(g.cohort_id), std::move(values), {}, 200);
  });
  site_.Page("POST", "/gatherings/{id}/edit", [self](Context& ctx) {
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
  site_.Page("GET", "/gatherings/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    if (!self->svc_.GetCohort(ctx.actor, g.cohort_id).can_edit) throw Forbidden("cannot edit");
    return self->Confirm(ctx, "Delete gathering", "Are you sure you want to delete this gathering?",
                         g.title + " (" + NbDate(g.starts_on) + ")",
                         "/gatherings/" + Id(id) + "/delete", "/cohorts/" + Id(g.cohort_id));
  });
  site_.Page("POST", "/gatherings/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto g = self->svc_.GetGathering(ctx.actor, id);
    self->svc_.DeleteGathering(ctx.actor, id);
    return http::Response::Redirect("/cohorts/" + Id(g.cohort_id) + "?saved=1");
  });

  site_.Page("GET", "/cohorts/{id}/participations/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto form = self->svc_.GetSignupForm(ctx.actor, id);
    json::object values{{"trainees_wanted", "1"}, {"status", "signed_up"}};
    if (!form.employers.empty()) {
      values["employer_id"] = Id(form.employers.front().id);
      values["invoice_org_number"] = form.employers.front().org_number;
    }
    return self->ParticipationForm(
        ctx, "Sign up an employer", "/cohorts/" + Id(id) + "/participations/new",
        form.staff ? "/cohorts/" + Id(id) : "/signup", form, "", std::move(values), {}, {}, 200);
  });
  site_.Page("POST", "/cohorts/{id}/participations/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kParticipationFields);
    auto chosen = FormList(ctx, "background_ids");
    try {
      self->svc_.SignUpEmployer(ctx.actor, id, ParticipationIn(values, chosen));
      if (ctx.actor.CanWorkForOperator(self->svc_.GetSignupForm(ctx.actor, id).cohort.operator_id))
        return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
      return http::Response::Redirect("/signup?saved=1");
    } catch (const Invalid& e) {
      auto form = self->svc_.GetSignupForm(ctx.actor, id);
      if (IsDeadlineError(e)) form.open = false;
      return self->ParticipationForm(ctx, "Sign up an employer",
                                     "/cohorts/" + Id(id) + "/participations/new",
                                     form.staff ? "/cohorts/" + Id(id) : "/signup", form, "",
                                     std::move(values), chosen, e.errors, 422);
    }
  });

  site_.Page("GET", "/participations/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->EditParticipation(ctx, ctx.IdParam("id"), {}, 200);
  });
  site_.Page("POST", "/participations/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    auto values = FormValues(ctx, kParticipationFields);
    auto chosen = FormList(ctx, "background_ids");
    try {
      self->svc_.UpdateParticipation(ctx.actor, id, ParticipationIn(values, chosen));
      if (self->svc_.GetSignupForm(ctx.actor, p.cohort_id).staff)
        return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
      return http::Response::Redirect("/signup?saved=1");
    } catch (const Invalid& e) {
      auto form = self->svc_.GetSignupForm(ctx.actor, p.cohort_id);
      if (IsDeadlineError(e)) form.open = false;
      return self->ParticipationForm(ctx, "Edit participation",
                                     "/participations/" + Id(id) + "/edit",
                                     form.staff ? "/cohorts/" + Id(p.cohort_id) : "/signup", form,
                                     p.employer_name, std::move(values), chosen, e.errors, 422, &p);
    }
  });

  PageOptions uploads;
  uploads.uploads = true;
  uploads.body_limit = domain::kMaxLogoBytes + 64 * 1024;
  site_.Page(
      "POST", "/participations/{id}/logo",
      [self](Context& ctx) {
        ctx.RequireLogin();
        auto id = ctx.IdParam("id");
        const auto* file = ctx.File("logo");
        try {
          self->svc_.SetParticipationLogo(ctx.actor, id, file ? file->data : std::string());
          return http::Response::Redirect("/participations/" + Id(id) + "/edit?saved=1");
        } catch (const Invalid& e) {
          return self->EditParticipation(ctx, id, e.errors, 422);
        }
      },
      uploads);
  site_.Page("GET", "/participations/{id}/logo/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->svc_.GetSignupForm(ctx.actor, p.cohort_id).staff &&
        !ctx.actor.Has(domain::Role::kCoordinator, p.employer_id))
      throw Forbidden("cannot edit");
    return self->Confirm(ctx, "Remove logo", "Are you sure you want to remove the logo?",
                         p.employer_name, "/participations/" + Id(id) + "/logo/delete",
                         "/participations/" + Id(id) + "/edit");
  });
  site_.Page("POST", "/participations/{id}/logo/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.RemoveParticipationLogo(ctx.actor, id);
    return http::Response::Redirect("/participations/" + Id(id) + "/edit?saved=1");
  });

  site_.Page("GET", "/participations/{id}/decision", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->svc_.GetCohort(ctx.actor, p.cohort_id).can_edit) throw Forbidden("cannot decide");
    json::object values{{"decision", domain::ParticipationStatusName(p.status)},
                        {"reason", p.decision_reason}};
    return self->DecisionForm(ctx, p, std::move(values), {}, 200);
  });
  site_.Page("POST", "/participations/{id}/decision", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    auto values = FormValues(ctx, {"decision", "reason"});
    try {
      self->svc_.DecideParticipation(ctx.actor, id,
                                     {ValueOf(values, "decision"), ValueOf(values, "reason")});
      return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->DecisionForm(ctx, p, std::move(values), e.errors, 422);
    }
  });

  site_.Page("GET", "/participations/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->svc_.GetCohort(ctx.actor, p.cohort_id).can_edit) throw Forbidden("cannot edit");
    return self->Confirm(ctx, "Remove employer from cohort",
                         "Are you sure you want to remove this employer from the cohort?",
                         p.employer_name, "/participations/" + Id(id) + "/delete",
                         "/cohorts/" + Id(p.cohort_id));
  });
  site_.Page("POST", "/participations/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    self->svc_.RemoveParticipation(ctx.actor, id);
    return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
  });

  site_.Page("GET", "/cohorts/{id}/employers.csv", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetCohort(ctx.actor, id);
    if (!view.can_see_participations) throw NotFound("participations");
    std::vector<std::vector<std::string>> rows{{ctx.T("Employer"), ctx.T("Organisation number"),
                                                ctx.T("Municipality"), ctx.T("Trainees wanted"),
                                                ctx.T("Wanted background"), ctx.T("Status")}};
    // Backgrounds and invoice details for the operator's staff, who invoice the employers.
    if (view.can_edit)
      for (const char* h :
           {"Wanted professional backgrounds", "Organisation number to invoice", "Buyer reference"})
        rows.front().push_back(ctx.T(h));
    for (const auto& p : view.participations) {
      rows.push_back({p.employer_name, p.employer_org_number, p.municipality_name,
                      std::to_string(p.trainees_wanted), p.wanted_background,
                      ctx.T(domain::ParticipationStatusLabel(p.status))});
      if (!view.can_edit) continue;
      std::string backgrounds;
      for (const auto& n : p.background_names) backgrounds += (backgrounds.empty() ? "" : ", ") + n;
      rows.back().insert(rows.back().end(), {backgrounds, p.invoice_org_number, p.buyer_reference});
    }
    return CsvResponse("cohort-" + Id(id) + "-employers.csv", rows);
  });
}

// --- employers' sign-up (coordinators) and the background list -------------------------------

void ProgrammeRoutes::RegisterSignup() {
  auto self = shared_from_this();

  site_.Page("GET", "/signup", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetSignupOverview(ctx.actor);
    std::set<std::pair<std::int64_t, std::int64_t>> signed_up;  // (cohort, employer)
    json::array signups;
    for (const auto& [p, c] : view.signups) {
      signed_up.insert({p.cohort_id, p.employer_id});
      const bool open = domain::SignupOpen(c.cohort.signup_deadline, view.today);
      signups.push_back(json::object{{"id", p.id},
                                     {"employer", p.employer_name},
                                     {"cohort", c.cohort.name},
                                     {"cohort_id", c.cohort.id},
                                     {"programme", c.programme_name},
                                     {"operator", c.operator_name},
                                     {"trainees_wanted", p.trainees_wanted},
                                     {"status", ctx.T(domain::ParticipationStatusLabel(p.status))},
                                     {"status_code", domain::ParticipationStatusName(p.status)},
                                     {"signup_deadline", NbDate(c.cohort.signup_deadline)},
                                     {"can_edit", open}});
      // Mustache treats an empty string as true: leave the reason out when there is none.
      if (!p.decision_reason.empty()) signups.back().as_object()["reason"] = p.decision_reason;
    }
    json::array cohorts;
    for (const auto& c : view.open_cohorts) {
      json::array employers;
      for (const auto& e : view.employers)
        if (!signed_up.count({c.cohort.id, e.id}))
          employers.push_back(json::object{{"id", e.id}, {"name", e.name}});
      const auto days = domain::DaysUntil(c.cohort.signup_deadline, view.today);
      cohorts.push_back(json::object{{"id", c.cohort.id},
                                     {"name", c.cohort.name},
                                     {"programme", c.programme_name},
                                     {"operator", c.operator_name},
                                     {"signup_deadline", NbDate(c.cohort.signup_deadline)},
                                     {"days_left", days},
                                     {"starts_on", NbDate(c.cohort.starts_on)},
                                     {"can_sign_up", !employers.empty()}});
    }
    json::object data{{"cohorts", std::move(cohorts)},
                      {"has_cohorts", !view.open_cohorts.empty()},
                      {"signups", std::move(signups)},
                      {"has_signups", !view.signups.empty()}};
    return self->Page(ctx, "signup", "Sign up for a cohort", std::move(data));
  });
}

void ProgrammeRoutes::RegisterBackgrounds() {
  auto self = shared_from_this();

  site_.Page("GET", "/operators/{id}/backgrounds", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->BackgroundsPage(ctx, ctx.IdParam("id"), json::object{{"name", ""}}, {}, 200);
  });
  site_.Page("POST", "/operators/{id}/backgrounds", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, {"name"});
    try {
      self->svc_.AddBackground(ctx.actor, id, {ValueOf(values, "name")});
      return http::Response::Redirect("/operators/" + Id(id) + "/backgrounds?saved=1");
    } catch (const Invalid& e) {
      return self->BackgroundsPage(ctx, id, std::move(values), e.errors, 422);
    }
  });
  auto form = [self](Context& ctx, const domain::Background& b, json::object values,
                     const std::vector<FieldError>& errors, int status) {
    json::object data{{"background", BackgroundJson(b)}, {"values", std::move(values)}};
    if (!errors.empty()) AddErrors(ctx, data, errors);
    return self->Page(ctx, "background_form", "Rename background", std::move(data), status);
  };
  site_.Page("GET", "/backgrounds/{id}/edit", [self, form](Context& ctx) {
    ctx.RequireLogin();
    auto b = self->svc_.GetBackground(ctx.actor, ctx.IdParam("id"));
    return form(ctx, b, json::object{{"name", b.name}}, {}, 200);
  });
  site_.Page("POST", "/backgrounds/{id}/edit", [self, form](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    auto values = FormValues(ctx, {"name"});
    try {
      self->svc_.RenameBackground(ctx.actor, id, {ValueOf(values, "name")});
      return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
    } catch (const Invalid& e) {
      return form(ctx, b, std::move(values), e.errors, 422);
    }
  });
  site_.Page("POST", "/backgrounds/{id}/move", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    self->svc_.MoveBackground(ctx.actor, id, ctx.Field("direction") == "up" ? -1 : 1);
    return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
  });
  site_.Page("POST", "/backgrounds/{id}/archive", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    self->svc_.SetBackgroundArchived(ctx.actor, id, ctx.Field("archived") == "1");
    return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
  });
}

void ProgrammeRoutes::RegisterSignupApi() {
  auto& svc = svc_;

  site_.Api("GET", "/api/v1/signup/cohorts", [&svc](Context& ctx, const json::value&) {
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
  site_.Api("POST", "/api/v1/participations/{id}/decision",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto id = ctx.IdParam("id");
              svc.DecideParticipation(ctx.actor, id,
                                      {JsonText(body, "decision"), JsonText(body, "reason")});
              return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
            });
  site_.Api("GET", "/api/v1/operators/{id}/backgrounds", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& b : svc.ListBackgrounds(ctx.actor, ctx.IdParam("id"), true))
      items.push_back(BackgroundJson(b));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("POST", "/api/v1/operators/{id}/backgrounds",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto bid = svc.AddBackground(ctx.actor, ctx.IdParam("id"), {JsonText(body, "name")});
              return Created(BackgroundJson(svc.GetBackground(ctx.actor, bid)),
                             "/api/v1/backgrounds/" + Id(bid));
            });
  site_.Api("PUT", "/api/v1/backgrounds/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.RenameBackground(ctx.actor, id, {JsonText(body, "name")});
    if (body.is_object()) {
      if (auto* a = body.get_object().if_contains("archived"); a && a->is_bool())
        svc.SetBackgroundArchived(ctx.actor, id, a->get_bool());
    }
    return Site::JsonOk(BackgroundJson(svc.GetBackground(ctx.actor, id)));
  });
}

// --- employers ------------------------------------------------------------------------------

void ProgrammeRoutes::RegisterEmployers() {
  auto self = shared_from_this();
  const std::vector<std::string> sorts{"name", "kind", "municipality", "created"};

  site_.Page("GET", "/employers", [self, sorts](Context& ctx) {
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

  site_.Page("GET", "/employers.csv", [self, sorts](Context& ctx) {
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

  site_.Page("GET", "/employers/new", [self](Context& ctx) {
    ctx.RequireLogin();
    self->svc_.ListEmployers(ctx.actor, domain::PageRequest{1, 1, "", false, ""});  // rights
    return self->EmployerForm(ctx, "New employer", "/employers/new", "/employers",
                              json::object{{"kind", "municipality"}}, {}, 200);
  });
  site_.Page("POST", "/employers/new", [self](Context& ctx) {
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

  site_.Page("GET", "/employers/{id}", [self](Context& ctx) {
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

  site_.Page("GET", "/employers/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetEmployer(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit employer");
    const auto& e = view.employer;
    json::object values{{"name", e.name},
                        {"kind", domain::EmployerKindName(e.kind)},
                        {"org_number", e.org_number},
                        {"municipality_number", e.municipality_number},
                        {"address", e.address},
                        {"postal_code", e.postal_code},
                        {"city", e.city},
                        {"invoice_contact_name", e.invoice_contact_name},
                        {"invoice_contact_email", e.invoice_contact_email}};
    return self->EmployerForm(ctx, "Edit employer", "/employers/" + Id(id) + "/edit",
                              "/employers/" + Id(id), std::move(values), {}, 200);
  });
  site_.Page("POST", "/employers/{id}/edit", [self](Context& ctx) {
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

// --- JSON API -------------------------------------------------------------------------------

void ProgrammeRoutes::RegisterApi() {
  auto self = shared_from_this();
  auto& svc = svc_;

  site_.Api("GET", "/api/v1/operators", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : svc.ListOperators(ctx.actor)) items.push_back(OperatorJson(o));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("GET", "/api/v1/operators/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(OperatorJson(svc.GetOperator(ctx.actor, ctx.IdParam("id")).op));
  });
  site_.Api("POST", "/api/v1/operators", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = svc.CreateOperator(ctx.actor, OperatorIn(ApiValues(body, kOperatorFields)));
    return Created(OperatorJson(svc.GetOperator(ctx.actor, id).op), "/api/v1/operators/" + Id(id));
  });
  site_.Api("PUT", "/api/v1/operators/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateOperator(ctx.actor, id, OperatorIn(ApiValues(body, kOperatorFields)));
    return Site::JsonOk(OperatorJson(svc.GetOperator(ctx.actor, id).op));
  });

  site_.Api("GET", "/api/v1/programmes", [&svc](Context& ctx, const json::value&) {
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
  site_.Api("GET", "/api/v1/programmes/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ProgrammeJson(svc.GetProgramme(ctx.actor, ctx.IdParam("id")).programme));
  });
  site_.Api("POST", "/api/v1/programmes", [&svc](Context& ctx, const json::value& body) {
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
  site_.Api("PUT", "/api/v1/programmes/{id}", [&svc](Context& ctx, const json::value& body) {
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

  site_.Api("GET", "/api/v1/cohorts", [&svc](Context& ctx, const json::value&) {
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
  site_.Api("GET", "/api/v1/cohorts/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetCohort(ctx.actor, ctx.IdParam("id"));
    auto o = CohortJson(view.cohort);
    json::array goals;
    for (const auto& g : view.goals) goals.push_back(json::value(g.text));
    o["goals"] = std::move(goals);
    return Site::JsonOk(o);
  });
  site_.Api("POST", "/api/v1/cohorts",
            [&svc, cohort_values](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              std::int64_t programme_id = 0;
              try {
                programme_id = std::stoll(JsonText(body, "programme_id"));
              } catch (const std::exception&) {
                throw Invalid(std::vector<FieldError>{{"programme_id", "Choose a programme."}});
              }
              auto id = WithApiFieldNames([&] {
                return svc.CreateCohort(ctx.actor, programme_id, CohortIn(cohort_values(body)));
              });
              return Created(CohortJson(svc.GetCohort(ctx.actor, id).cohort),
                             "/api/v1/cohorts/" + Id(id));
            });
  site_.Api("PUT", "/api/v1/cohorts/{id}",
            [&svc, cohort_values](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto id = ctx.IdParam("id");
              WithApiFieldNames([&] {
                svc.UpdateCohort(ctx.actor, id, CohortIn(cohort_values(body)));
                return 0;
              });
              return Site::JsonOk(CohortJson(svc.GetCohort(ctx.actor, id).cohort));
            });

  site_.Api("GET", "/api/v1/cohorts/{id}/goals", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& g : svc.GetCohort(ctx.actor, ctx.IdParam("id")).goals)
      items.push_back(json::object{{"position", g.position}, {"text", g.text}});
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("PUT", "/api/v1/cohorts/{id}/goals", [&svc](Context& ctx, const json::value& body) {
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

  site_.Api("GET", "/api/v1/cohorts/{id}/gatherings", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& g : svc.GetCohort(ctx.actor, ctx.IdParam("id")).gatherings)
      items.push_back(GatheringJson(g));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("POST", "/api/v1/cohorts/{id}/gatherings",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto gid = svc.AddGathering(ctx.actor, ctx.IdParam("id"),
                                          GatheringIn(ApiValues(body, kGatheringFields)));
              return Created(GatheringJson(svc.GetGathering(ctx.actor, gid)),
                             "/api/v1/gatherings/" + Id(gid));
            });
  site_.Api("GET", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(GatheringJson(svc.GetGathering(ctx.actor, ctx.IdParam("id"))));
  });
  site_.Api("PUT", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateGathering(ctx.actor, id, GatheringIn(ApiValues(body, kGatheringFields)));
    return Site::JsonOk(GatheringJson(svc.GetGathering(ctx.actor, id)));
  });
  site_.Api("DELETE", "/api/v1/gatherings/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteGathering(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });

  site_.Api("GET", "/api/v1/cohorts/{id}/participations", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetCohort(ctx.actor, ctx.IdParam("id"));
    if (!view.can_see_participations) throw NotFound("participations");
    json::array items;
    for (const auto& p : view.participations) items.push_back(ParticipationJson(p));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("POST", "/api/v1/cohorts/{id}/participations",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              auto pid = svc.SignUpEmployer(ctx.actor, ctx.IdParam("id"),
                                            ParticipationIn(ApiValues(body, kParticipationFields),
                                                            JsonIdList(body, "background_ids")));
              return Created(ParticipationJson(svc.GetParticipation(ctx.actor, pid)),
                             "/api/v1/participations/" + Id(pid));
            });
  site_.Api("GET", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, ctx.IdParam("id"))));
  });
  site_.Api("PUT", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateParticipation(
        ctx.actor, id,
        ParticipationIn(ApiValues(body, kParticipationFields), JsonIdList(body, "background_ids")));
    return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
  });
  site_.Api("DELETE", "/api/v1/participations/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.RemoveParticipation(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });
  // The employer's logo for the advert: a PNG, JPEG or WebP image as base64 in "content_base64".
  site_.Api(
      "PUT", "/api/v1/participations/{id}/logo",
      [&svc](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        auto id = ctx.IdParam("id");
        svc.SetParticipationLogo(ctx.actor, id, Base64Field(body, "content_base64"));
        return Site::JsonOk(ParticipationJson(svc.GetParticipation(ctx.actor, id)));
      },
      domain::kMaxLogoBytes / 3 * 4 + 64 * 1024);
  site_.Api("DELETE", "/api/v1/participations/{id}/logo", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.RemoveParticipationLogo(ctx.actor, ctx.IdParam("id"));
    return http::Response::Text(204, "");
  });

  site_.Api("GET", "/api/v1/employers", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"name", "kind", "municipality", "created"}, "name");
    auto result = svc.ListEmployers(ctx.actor, page);
    json::array items;
    for (const auto& e : result.items) items.push_back(EmployerJson(e));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
  site_.Api("GET", "/api/v1/employers/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(EmployerJson(svc.GetEmployer(ctx.actor, ctx.IdParam("id")).employer));
  });
  site_.Api("GET", "/api/v1/employers/{id}/changes", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = ParsePageRequest(ctx.request, {"changed"}, "changed");
    auto result = svc.ListEmployerChanges(ctx.actor, ctx.IdParam("id"), page);
    json::array items;
    for (const auto& c : result.items) items.push_back(EmployerChangeJson(c));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
  site_.Api("POST", "/api/v1/employers", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = svc.CreateEmployer(ctx.actor, EmployerIn(ApiValues(body, kEmployerFields)));
    return Created(EmployerJson(svc.GetEmployer(ctx.actor, id).employer),
                   "/api/v1/employers/" + Id(id));
  });
  site_.Api("PUT", "/api/v1/employers/{id}", [&svc](Context& ctx, const json::value& body) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    svc.UpdateEmployer(ctx.actor, id, EmployerIn(ApiValues(body, kEmployerFields)));
    return Site::JsonOk(EmployerJson(svc.GetEmployer(ctx.actor, id).employer));
  });

  site_.Api("GET", "/api/v1/municipalities", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& m : svc.SearchMunicipalities(ctx.actor, ctx.request.Query("q").value_or(""),
                                                  ctx.request.Query("county").value_or("")))
      items.push_back(MunicipalityJson(m));
    return JsonListPage(ctx.request, std::move(items));
  });
  (void)self;
}

}  // namespace

void RegisterProgrammeRoutes(Site& site, services::ProgrammeService& programmes) {
  // Handlers keep the routes object alive through shared_ptr captures.
  std::make_shared<ProgrammeRoutes>(site, programmes)->Register();
}

}  // namespace tp::web
