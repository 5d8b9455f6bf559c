#include "web/applications/routes.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <memory>

#include "domain/accounts/rules.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "domain/errors.h"
#include "services/applications/application_service.h"
#include "web/accounts/routes.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/lists.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using services::ApplicationInput;
using services::ApplicationService;
using services::FileUpload;

// A PDF of at most 10 MB, a second one, and the text fields: the page's body limit.
constexpr std::size_t kUploadBodyLimit = 2 * domain::kMaxApplicationFileBytes + 1024 * 1024;

std::string Id(std::int64_t id) { return std::to_string(id); }

// Where to continue after registering: "next" from the form or the query, if a local path.
std::string ReturnPath(const Context& ctx) {
  auto next = ctx.Field("next");
  if (next.empty()) next = ctx.request.Query("next").value_or("");
  return http::IsLocalReturnPath(next) ? next : std::string();
}

void AddReturnPath(json::object& data, const std::string& next) {
  if (next.empty()) return;
  data["next"] = next;
  data["next_query"] = http::UrlEncode(next);
}

const std::vector<std::string> kPersonalFields = {
    "given_name",    "family_name", "birth_date",          "gender",     "phone",      "address",
    "postal_code",   "city",        "municipality_number", "occupation", "experience", "motivation",
    "opt_out_reason"};

std::string SizeText(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " kB";
  const auto tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

std::string IsoToNorwegian(const std::string& iso) {
  auto d = domain::ParseIsoDate(iso);
  return d ? domain::FormatNorwegian(*d) : iso;
}

// "education.2.year" -> "edu_year_2", the form's input name; other fields unchanged.
std::string FormField(const std::string& field) {
  if (field.rfind("education.", 0) != 0) return field;
  auto dot = field.find('.', 10);
  if (dot == std::string::npos) return field;
  return "edu_" + field.substr(dot + 1) + "_" + field.substr(10, dot - 10);
}

std::vector<FieldError> FormErrors(const std::vector<FieldError>& errors) {
  std::vector<FieldError> out;
  for (const auto& e : errors) out.push_back({FormField(e.field), e.message});
  return out;
}

// --- the typed application form -----------------------------------------------------------------

// One education row as typed.
struct Row {
  std::string degree, background_id, field, institution, year;
};

// What the form posted, kept for re-rendering.
struct Typed {
  json::object values;
  std::vector<Row> rows;                      // without removed and empty rows
  std::map<std::int64_t, std::string> ranks;  // participation id -> typed rank
  ApplicationInput input;
};

Typed ReadForm(const Context& ctx) {
  Typed t;
  for (const auto& f : kPersonalFields) t.values[f] = Raw(ctx, f);
  t.values["public_list_opt_out"] = !Raw(ctx, "public_list_opt_out").empty();
  auto& in = t.input;
  in.given_name = Raw(ctx, "given_name");
  in.family_name = Raw(ctx, "family_name");
  in.birth_date = Raw(ctx, "birth_date");
  in.gender = Raw(ctx, "gender");
  in.phone = Raw(ctx, "phone");
  in.address = Raw(ctx, "address");
  in.postal_code = Raw(ctx, "postal_code");
  in.city = Raw(ctx, "city");
  in.municipality_number = Raw(ctx, "municipality_number");
  in.occupation = Raw(ctx, "occupation");
  in.experience = Raw(ctx, "experience");
  in.motivation = Raw(ctx, "motivation");
  in.public_list_opt_out = !Raw(ctx, "public_list_opt_out").empty();
  in.opt_out_reason = Raw(ctx, "opt_out_reason");
  int rows = 0;
  try {
    rows = std::clamp(std::stoi(Raw(ctx, "edu_rows")), 0,
                      static_cast<int>(domain::kMaxEducationEntries) + 1);
  } catch (const std::exception&) {
    rows = 0;
  }
  for (int i = 0; i < rows; ++i) {
    const auto n = std::to_string(i);
    if (!Raw(ctx, "edu_remove_" + n).empty()) continue;
    Row r{ctx.Field("edu_degree_" + n), ctx.Field("edu_background_id_" + n),
          ctx.Field("edu_field_" + n), ctx.Field("edu_institution_" + n),
          ctx.Field("edu_year_" + n)};
    if (r.background_id.empty() && r.field.empty() && r.institution.empty() && r.year.empty())
      continue;
    t.rows.push_back(r);
    in.education.push_back({r.degree, r.background_id, r.field, r.institution, r.year});
  }
  // Preferences: selects named pref_<participation id> holding a rank 1..n.
  std::vector<std::pair<long, std::int64_t>> ranked;
  for (const auto& [name, value] : ctx.form) {
    if (name.rfind("pref_", 0) != 0) continue;
    std::int64_t pid = 0;
    try {
      pid = std::stoll(name.substr(5));
    } catch (const std::exception&) {
      continue;
    }
    t.ranks[pid] = value;
    if (value.empty()) continue;
    long rank = 0;
    try {
      rank = std::stol(value);
    } catch (const std::exception&) {
      rank = 1000;
    }
    ranked.emplace_back(rank, pid);
  }
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [rank, pid] : ranked) in.preferences.push_back(std::to_string(pid));
  return t;
}

Typed FromApplication(const std::optional<domain::Application>& a) {
  Typed t;
  for (const auto& f : kPersonalFields) t.values[f] = "";
  t.values["public_list_opt_out"] = false;
  if (!a) return t;
  t.values["given_name"] = a->given_name;
  t.values["family_name"] = a->family_name;
  t.values["birth_date"] = a->birth_date.empty() ? "" : IsoToNorwegian(a->birth_date);
  t.values["gender"] = a->gender;
  t.values["phone"] = a->phone;
  t.values["address"] = a->address;
  t.values["postal_code"] = a->postal_code;
  t.values["city"] = a->city;
  t.values["municipality_number"] = a->municipality_number;
  t.values["occupation"] = a->occupation;
  t.values["experience"] = a->experience;
  t.values["motivation"] = a->motivation;
  t.values["public_list_opt_out"] = a->public_list_opt_out;
  t.values["opt_out_reason"] = a->opt_out_reason;
  for (const auto& e : a->education)
    t.rows.push_back({e.degree, e.background_id ? Id(*e.background_id) : "", e.field, e.institution,
                      std::to_string(e.year)});
  for (const auto& p : a->preferences) t.ranks[p.participation_id] = std::to_string(p.position);
  return t;
}

std::vector<FileUpload> Uploads(const Context& ctx) {
  std::vector<FileUpload> out;
  for (const char* kind : {"cv", "diploma"}) {
    if (const auto* part = ctx.File(kind))
      out.push_back({kind, kind, part->filename.value_or(""), part->data});
  }
  return out;
}

json::object FileJson(const domain::ApplicationFile& f) {
  return {{"id", f.id},
          {"kind", f.kind},
          {"filename", f.filename},
          {"size_bytes", f.size_bytes},
          {"sha256", f.sha256},
          {"created_at", f.created_at}};
}

json::value OptionalInt(const std::optional<std::int64_t>& v) {
  if (!v) return nullptr;
  return *v;
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
      files[f].as_object()["content_base64"] = e.file_contents[i][f];
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

// --- API input --------------------------------------------------------------------------------

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

class ApplicationRoutes : public std::enable_shared_from_this<ApplicationRoutes> {
 public:
  ApplicationRoutes(Site& site, ApplicationService& svc) : site_(site), svc_(svc) {}
  void Register();

 private:
  const Views& views() const { return site_.views(); }
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) const {
    if (ctx.request.Query("saved")) data["saved"] = true;
    return views().Page(ctx, "applications/" + page, title, std::move(data), status);
  }
  http::Response RegisterForm(Context& ctx, json::object values,
                              const std::vector<FieldError>& errors, int status) const;
  http::Response ApplicationForm(Context& ctx, std::int64_t cohort_id, const Typed& typed,
                                 const std::vector<FieldError>& errors, int status,
                                 const std::string& notice = "") const;
  http::Response Confirm(Context& ctx, const std::string& title, const std::string& question,
                         const std::string& subject, const std::string& button,
                         const std::string& action, const std::string& cancel) const;
  void RegisterPages();
  void RegisterApi();

  Site& site_;
  ApplicationService& svc_;
};

http::Response ApplicationRoutes::RegisterForm(Context& ctx, json::object values,
                                               const std::vector<FieldError>& errors,
                                               int status) const {
  json::object data{{"values", std::move(values)}};
  AddReturnPath(data, ReturnPath(ctx));
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "register", "Create an applicant account", std::move(data), status);
}

http::Response ApplicationRoutes::Confirm(Context& ctx, const std::string& title,
                                          const std::string& question, const std::string& subject,
                                          const std::string& button, const std::string& action,
                                          const std::string& cancel) const {
  json::object data{{"heading", ctx.T(title)}, {"question", ctx.T(question)},
                    {"subject", subject},      {"button", ctx.T(button)},
                    {"action", action},        {"cancel", cancel}};
  return Page(ctx, "confirm", title, std::move(data));
}

http::Response ApplicationRoutes::ApplicationForm(Context& ctx, std::int64_t cohort_id,
                                                  const Typed& typed,
                                                  const std::vector<FieldError>& errors, int status,
                                                  const std::string& notice) const {
  auto view = svc_.GetApplication(ctx.actor, cohort_id);
  const auto& a = view.application;
  const bool withdrawn = a && a->status == domain::ApplicationStatus::kWithdrawn;
  const bool sent = a && a->status == domain::ApplicationStatus::kSent;
  json::object data;
  data["cohort_id"] = cohort_id;
  data["cohort_name"] = view.cohort.name;
  data["programme_name"] = view.programme_name;
  data["operator_name"] = view.operator_name;
  data["deadline"] = domain::FormatNorwegian(view.cohort.application_deadline);
  data["editable"] = view.open && !withdrawn;
  data["closed"] = !view.open;
  data["withdrawn"] = withdrawn;
  data["sent"] = sent;
  data["draft"] = !sent && !withdrawn;
  data["status"] = ctx.T(a ? domain::ApplicationStatusLabel(a->status) : "Not started");
  if (a && a->sent_at) data["sent_at"] = domain::FormatOsloDateTime(*a->sent_at);
  if (a) data["reference"] = view.reference;
  if (!notice.empty()) data["notice"] = ctx.T(notice);

  json::object values = typed.values;
  const std::string gender = ValueOf(values, "gender");
  json::array genders;
  genders.push_back({{"value", ""}, {"label", ctx.T("Not stated")}, {"selected", gender.empty()}});
  for (const auto& g : domain::GenderNames())
    genders.push_back(
        {{"value", g}, {"label", ctx.T(domain::GenderLabel(g))}, {"selected", g == gender}});
  data["genders"] = std::move(genders);

  // Municipalities grouped by county for <optgroup>.
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
  for (const auto& m : view.municipalities) {
    if (m.county_number != current_county) {
      flush();
      current_county = m.county_number;
      group["county"] = m.county_name;
    }
    options.push_back({{"value", m.number}, {"label", m.name}, {"selected", m.number == chosen}});
  }
  flush();
  data["counties"] = std::move(counties);

  // Education rows: the typed ones and one empty row to add another.
  std::map<std::string, std::string> error_of;
  for (const auto& e : FormErrors(errors)) error_of.emplace(e.field, ctx.T(e.message));
  auto rows = typed.rows;
  if (rows.size() < domain::kMaxEducationEntries) rows.push_back(Row{"bachelor", "", "", "", ""});
  json::array edu;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const auto n = std::to_string(i);
    json::array degrees;
    for (const auto& d : domain::DegreeNames())
      degrees.push_back(
          {{"value", d}, {"label", ctx.T(domain::DegreeLabel(d))}, {"selected", d == r.degree}});
    json::array backgrounds;
    backgrounds.push_back({{"value", ""},
                           {"label", ctx.T("Other (describe below)")},
                           {"selected", r.background_id.empty()}});
    for (const auto& b : view.backgrounds)
      backgrounds.push_back(
          {{"value", Id(b.id)}, {"label", b.name}, {"selected", Id(b.id) == r.background_id}});
    json::object row{{"n", n},
                     {"number", i + 1},
                     {"degrees", std::move(degrees)},
                     {"backgrounds", std::move(backgrounds)},
                     {"field", r.field},
                     {"institution", r.institution},
                     {"year", r.year},
                     {"is_new", i == typed.rows.size()}};
    for (const char* f : {"degree", "background_id", "field", "institution", "year"}) {
      auto it = error_of.find(std::string("edu_") + f + "_" + n);
      if (it != error_of.end()) row[std::string("error_") + f] = it->second;
    }
    edu.push_back(std::move(row));
  }
  data["education"] = std::move(edu);
  data["edu_rows"] = rows.size();

  // Employers with a rank select each.
  json::array employers;
  const auto count = view.employers.size();
  for (const auto& w : view.employers) {
    auto it = typed.ranks.find(w.participation_id);
    const std::string rank = it == typed.ranks.end() ? "" : it->second;
    json::array ranks;
    ranks.push_back({{"value", ""}, {"label", "–"}, {"selected", rank.empty()}});
    for (std::size_t k = 1; k <= count; ++k)
      ranks.push_back({{"value", std::to_string(k)},
                       {"label", std::to_string(k)},
                       {"selected", rank == std::to_string(k)}});
    employers.push_back({{"participation_id", w.participation_id},
                         {"name", w.employer_name},
                         {"municipality", w.municipality_name},
                         {"ranks", std::move(ranks)}});
  }
  data["has_employers"] = !employers.empty();
  data["employers"] = std::move(employers);

  json::array files;
  if (a) {
    for (const auto& f : a->files)
      files.push_back({{"id", f.id},
                       {"kind", ctx.T(domain::FileKindLabel(f.kind))},
                       {"filename", f.filename},
                       {"size", SizeText(f.size_bytes)},
                       {"uploaded", domain::FormatOsloDateTime(f.created_at)}});
  }
  data["has_files"] = !files.empty();
  data["files"] = std::move(files);
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, FormErrors(errors));
  return Page(ctx, "form", "Application", std::move(data), status);
}

void ApplicationRoutes::Register() {
  RegisterPages();
  RegisterApi();
}

void ApplicationRoutes::RegisterPages() {
  auto self = shared_from_this();

  // --- sign-up -----------------------------------------------------------------------------
  site_.Page("GET", "/register", [self](Context& ctx) {
    return self->RegisterForm(ctx, json::object{{"email", ""}, {"name", ""}}, {}, 200);
  });
  site_.Page("POST", "/register", [self](Context& ctx) {
    services::RegistrationInput in{ctx.Field("email"),
                                   ctx.Field("name"),
                                   Raw(ctx, "password"),
                                   Raw(ctx, "password_repeat"),
                                   !Raw(ctx, "accept_terms").empty(),
                                   ctx.lang,
                                   ""};
    if (const auto next = ReturnPath(ctx); !next.empty())
      in.link_query = "?next=" + http::UrlEncode(next);
    try {
      self->svc_.Register(in);
    } catch (const Invalid& e) {
      return self->RegisterForm(
          ctx,
          json::object{{"email", in.email}, {"name", in.name}, {"accept_terms", in.accept_terms}},
          e.errors, 422);
    }
    return self->Page(ctx, "register_sent", "Check your e-mail",
                      json::object{{"email", domain::NormalizeEmail(in.email)}});
  });
  site_.Page("GET", "/register/verify/{token}", [self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    auto email = self->svc_.PeekRegistration(token);
    if (!email) return self->Page(ctx, "link_invalid", "Link not valid", json::object{}, 404);
    json::object data{{"token", token}, {"email", *email}};
    AddReturnPath(data, ReturnPath(ctx));
    return self->Page(ctx, "verify", "Confirm your e-mail address", std::move(data));
  });
  site_.Page("POST", "/register/verify/{token}", [self](Context& ctx) {
    const auto& token = ctx.request.params.at("token");
    std::string session;
    try {
      session = self->svc_.VerifyRegistration(token, ctx.request.remote_address,
                                              ctx.request.Header("user-agent"));
    } catch (const NotFound&) {
      return self->Page(ctx, "link_invalid", "Link not valid", json::object{}, 404);
    } catch (const Conflict&) {
      return self->Page(ctx, "link_invalid", "Link not valid", json::object{}, 409);
    }
    const auto next = ReturnPath(ctx);
    auto response = http::Response::Redirect(next.empty() ? "/applications?welcome=1" : next);
    response.Add("Set-Cookie",
                 self->site_.SessionCookie(session, self->svc_.settings().session_lifetime_hours));
    return response;
  });

  // --- my applications ---------------------------------------------------------------------
  site_.Page("GET", "/applications", [self](Context& ctx) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& s : self->svc_.ListMine(ctx.actor))
      items.push_back({{"cohort_id", s.cohort_id},
                       {"cohort_name", s.cohort_name},
                       {"programme_name", s.programme_name},
                       {"deadline", IsoToNorwegian(s.application_deadline)},
                       {"status", ctx.T(domain::ApplicationStatusLabel(s.status))},
                       {"sent", s.status == domain::ApplicationStatus::kSent},
                       {"reference", domain::ApplicationReference(s.cohort_id, s.id)},
                       {"updated", domain::FormatOsloDateTime(s.updated_at)}});
    json::object data{{"has_items", !items.empty()}, {"items", std::move(items)}};
    if (ctx.request.Query("welcome")) data["welcome"] = true;
    if (ctx.request.Query("withdrawn")) data["withdrawn"] = true;
    return self->Page(ctx, "mine", "My applications", std::move(data));
  });

  // --- the application ---------------------------------------------------------------------
  site_.Page("GET", "/apply/cohorts/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto view = self->svc_.GetApplication(ctx.actor, id);
    std::string notice;
    if (!view.open)
      notice = "The application deadline has passed. The application can no longer be changed.";
    return self->ApplicationForm(ctx, id, FromApplication(view.application), {}, 200, notice);
  });
  site_.Page(
      "POST", "/apply/cohorts/{id}",
      [self](Context& ctx) {
        ctx.RequireLogin();
        const auto id = ctx.IdParam("id");
        auto typed = ReadForm(ctx);
        const bool send = ctx.Field("action") == "send";
        services::SaveResult result;
        try {
          result = self->svc_.Save(ctx.actor, id, typed.input, Uploads(ctx), send);
        } catch (const Invalid& e) {
          return self->ApplicationForm(ctx, id, typed, e.errors, 422);
        } catch (const Conflict&) {
          auto view = self->svc_.GetApplication(ctx.actor, id);
          return self->ApplicationForm(
              ctx, id, FromApplication(view.application), {}, 409,
              view.open ? "The application is withdrawn and can no longer be changed."
                        : "The application deadline has passed. The application can no longer "
                          "be changed.");
        }
        if (!result.file_errors.empty())
          return self->ApplicationForm(ctx, id, typed, result.file_errors, 422);
        if (send) return http::Response::Redirect("/apply/cohorts/" + Id(id) + "/receipt");
        return http::Response::Redirect("/apply/cohorts/" + Id(id) + "?saved=1");
      },
      PageOptions{.uploads = true, .body_limit = kUploadBodyLimit});

  site_.Page("GET", "/apply/cohorts/{id}/receipt", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto view = self->svc_.GetApplication(ctx.actor, id);
    const auto& a = view.application;
    if (!a || !a->sent_at) throw NotFound("no sent application");
    json::array education;
    for (const auto& e : a->education)
      education.push_back({{"degree", ctx.T(domain::DegreeLabel(e.degree))},
                           {"field", e.field.empty() ? e.background_name : e.field},
                           {"institution", e.institution},
                           {"year", e.year}});
    json::array preferences;
    for (const auto& p : a->preferences)
      preferences.push_back({{"position", p.position}, {"name", p.employer_name}});
    json::array files;
    for (const auto& f : a->files)
      files.push_back({{"id", f.id},
                       {"kind", ctx.T(domain::FileKindLabel(f.kind))},
                       {"filename", f.filename},
                       {"size", SizeText(f.size_bytes)}});
    json::object data{{"cohort_id", id},
                      {"cohort_name", view.cohort.name},
                      {"programme_name", view.programme_name},
                      {"reference", view.reference},
                      {"status", ctx.T(domain::ApplicationStatusLabel(a->status))},
                      {"withdrawn", a->status == domain::ApplicationStatus::kWithdrawn},
                      {"can_withdraw", a->status == domain::ApplicationStatus::kSent},
                      {"editable", view.open && a->status == domain::ApplicationStatus::kSent},
                      {"sent_at", domain::FormatOsloDateTime(*a->sent_at)},
                      {"deadline", domain::FormatNorwegian(view.cohort.application_deadline)},
                      {"name", a->given_name + " " + a->family_name},
                      {"email", ctx.actor.email},
                      {"birth_date", IsoToNorwegian(a->birth_date)},
                      {"phone", a->phone},
                      {"address", a->address + ", " + a->postal_code + " " + a->city},
                      {"municipality", a->municipality_name},
                      {"occupation", a->occupation},
                      {"opt_out", a->public_list_opt_out},
                      {"opt_out_reason", a->opt_out_reason},
                      {"education", std::move(education)},
                      {"preferences", std::move(preferences)},
                      {"has_preferences", !a->preferences.empty()},
                      {"files", std::move(files)}};
    return self->Page(ctx, "receipt", "Receipt", std::move(data));
  });

  site_.Page("GET", "/apply/cohorts/{id}/withdraw", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    auto view = self->svc_.GetApplication(ctx.actor, id);
    if (!view.application || view.application->status != domain::ApplicationStatus::kSent)
      throw NotFound("nothing to withdraw");
    return self->Confirm(ctx, "Withdraw the application",
                         "Do you want to withdraw your application? It will no longer be "
                         "considered.",
                         view.programme_name + " – " + view.cohort.name, "Yes, withdraw",
                         "/apply/cohorts/" + Id(id) + "/withdraw",
                         "/apply/cohorts/" + Id(id) + "/receipt");
  });
  site_.Page("POST", "/apply/cohorts/{id}/withdraw", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    self->svc_.Withdraw(ctx.actor, id);
    return http::Response::Redirect("/applications?withdrawn=1");
  });

  // --- files -------------------------------------------------------------------------------
  site_.Page("GET", "/applications/files/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto d = self->svc_.GetFile(ctx.actor, ctx.IdParam("id"));
    http::Response r;
    r.status = 200;
    r.body = std::move(d.content);
    r.Set("Content-Type", "application/pdf");
    r.Set("Content-Disposition", http::ContentDisposition("attachment", d.file.filename));
    r.Set("Cache-Control", "private, no-store");
    return r;
  });
  site_.Page("GET", "/applications/files/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    const auto file_id = ctx.IdParam("id");
    auto d = self->svc_.GetFile(ctx.actor, file_id);
    auto cohort_id = self->svc_.ListMine(ctx.actor);
    std::string back = "/applications";
    for (const auto& s : cohort_id)
      if (s.id == d.file.application_id) back = "/apply/cohorts/" + Id(s.cohort_id);
    return self->Confirm(ctx, "Delete file", "Do you want to delete this file?", d.file.filename,
                         "Yes, delete", "/applications/files/" + Id(file_id) + "/delete", back);
  });
  site_.Page("POST", "/applications/files/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto cohort_id = self->svc_.DeleteFile(ctx.actor, ctx.IdParam("id"));
    return http::Response::Redirect("/apply/cohorts/" + Id(cohort_id) + "?saved=1");
  });

  // --- the person's data -------------------------------------------------------------------
  site_.Page("GET", "/account/export.json", [self](Context& ctx) {
    ctx.RequireLogin();
    auto r = http::Response::Json(200, json::serialize(ExportJson(self->svc_.Export(ctx.actor))));
    r.Set("Content-Disposition", http::ContentDisposition("attachment", "traineeportal-data.json"));
    r.Set("Cache-Control", "private, no-store");
    return r;
  });
  site_.Page("GET", "/account/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    try {
      self->svc_.CheckMayDeleteAccount(ctx.actor);
    } catch (const Conflict&) {
      return self->Page(ctx, "account_delete_refused", "Delete account", json::object{}, 409);
    }
    return self->Confirm(ctx, "Delete account",
                         "Do you want to delete your account with all drafts and files? This "
                         "cannot be undone.",
                         ctx.actor.email, "Yes, delete", "/account/delete", "/applications");
  });
  site_.Page("POST", "/account/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    try {
      self->svc_.DeleteAccount(ctx.actor);
    } catch (const Conflict&) {
      return self->Page(ctx, "account_delete_refused", "Delete account", json::object{}, 409);
    }
    auto response = http::Response::Redirect("/?deleted=1");
    response.Add("Set-Cookie", self->site_.SessionCookie("", 0));
    return response;
  });
}

void ApplicationRoutes::RegisterApi() {
  auto& svc = svc_;

  site_.Api("GET", "/api/v1/applications", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& s : svc.ListMine(ctx.actor)) items.push_back(SummaryJson(s));
    return JsonListPage(ctx.request, std::move(items));
  });
  site_.Api("GET", "/api/v1/cohorts/{id}/application", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto view = svc.GetApplication(ctx.actor, ctx.IdParam("id"));
    if (!view.application) throw NotFound("no application yet");
    auto out = ApplicationJson(*view.application);
    out["open"] = view.open;
    return Site::JsonOk(out);
  });
  site_.Api("PUT", "/api/v1/cohorts/{id}/application",
            [&svc](Context& ctx, const json::value& body) {
              ctx.RequireLogin();
              const auto id = ctx.IdParam("id");
              svc.Save(ctx.actor, id, ApiInput(body), {}, false);
              auto view = svc.GetApplication(ctx.actor, id);
              auto out = ApplicationJson(*view.application);
              out["open"] = view.open;
              return Site::JsonOk(out);
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/application/send",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              const auto id = ctx.IdParam("id");
              auto result = svc.Send(ctx.actor, id);
              auto view = svc.GetApplication(ctx.actor, id);
              auto out = ApplicationJson(*view.application);
              out["already_sent"] = result.already_sent;
              return Site::JsonOk(out);
            });
  site_.Api("POST", "/api/v1/cohorts/{id}/application/withdraw",
            [&svc](Context& ctx, const json::value&) {
              ctx.RequireLogin();
              const auto id = ctx.IdParam("id");
              svc.Withdraw(ctx.actor, id);
              return Site::JsonOk(ApplicationJson(*svc.GetApplication(ctx.actor, id).application));
            });
  site_.Api(
      "POST", "/api/v1/cohorts/{id}/application/files",
      [&svc](Context& ctx, const json::value& body) {
        ctx.RequireLogin();
        const auto id = ctx.IdParam("id");
        FileUpload f{"content_base64", "", "", ""};
        if (body.is_object()) {
          const auto& o = body.get_object();
          f.kind = JsonText(o, "kind");
          f.filename = JsonText(o, "filename");
          f.data = Base64Field(body, "content_base64");
        }
        // Check the rights before the content, so strangers learn nothing.
        svc.GetApplication(ctx.actor, id);
        auto file_id = svc.AddFile(ctx.actor, id, f);
        auto d = svc.GetFile(ctx.actor, file_id);
        auto r = Site::JsonOk(FileJson(d.file), 201);
        r.Set("Location", "/api/v1/application-files/" + Id(file_id));
        return r;
      },
      kUploadBodyLimit);
  site_.Api("GET", "/api/v1/application-files/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto d = svc.GetFile(ctx.actor, ctx.IdParam("id"));
    auto out = FileJson(d.file);
    out["content_base64"] = domain::Base64Encode(d.content);
    return Site::JsonOk(out);
  });
  site_.Api("DELETE", "/api/v1/application-files/{id}", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteFile(ctx.actor, ctx.IdParam("id"));
    http::Response r;
    r.status = 204;
    return r;
  });
  site_.Api("GET", "/api/v1/account/export", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(ExportJson(svc.Export(ctx.actor)));
  });
  site_.Api("DELETE", "/api/v1/account", [&svc](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    svc.DeleteAccount(ctx.actor);
    return http::Response::Text(204, "");
  });

  // An applicant account over the API: the same rules and the same e-mail link as the page.
  // The answer never tells whether the address already has an account.
  site_.Api("POST", "/api/v1/registrations", [&svc](Context& ctx, const json::value& body) {
    services::RegistrationInput in;
    in.lang = ctx.lang;
    if (body.is_object()) {
      const auto& o = body.get_object();
      in.email = JsonText(o, "email");
      in.name = JsonText(o, "name");
      in.password = JsonText(o, "password");
      in.password_repeat = JsonText(o, "password_repeat");
      if (auto* v = o.if_contains("accept_terms"); v && v->is_bool())
        in.accept_terms = v->get_bool();
    }
    svc.Register(in);
    return Site::JsonOk(
        json::object{{"email", domain::NormalizeEmail(in.email)}, {"status", "verification_sent"}},
        202);
  });
  site_.Api("POST", "/api/v1/registrations/verify",
            [&svc, this](Context& ctx, const json::value& body) {
              // The address for the answer; Verify checks the link again in its transaction.
              std::string token;
              if (body.is_object()) token = JsonText(body.get_object(), "token");
              auto email = svc.PeekRegistration(token);
              if (!email) throw NotFound("registration");
              auto session = svc.VerifyRegistration(token, ctx.request.remote_address,
                                                    ctx.request.Header("user-agent"));
              auto response = Site::JsonOk(json::object{{"email", *email}, {"status", "verified"}});
              response.Add("Set-Cookie",
                           site_.SessionCookie(session, svc.settings().session_lifetime_hours));
              return response;
            });
}

}  // namespace

void RegisterApplicationRoutes(Site& site, services::ApplicationService& applications) {
  std::make_shared<ApplicationRoutes>(site, applications)->Register();
}

}  // namespace tp::web
