// The typed application form: reading it, filling it from the stored application, and the page
// with its selects, education rows and employer ranks; and the receipt page's data.
#include <algorithm>

#include "domain/dates.h"
#include "web/applications/routes_internal.h"
#include "web/forms.h"

namespace tp::web::applications {

namespace json = boost::json;
using services::FileUpload;

namespace {

const std::vector<std::string> kPersonalFields = {
    "given_name",    "family_name", "birth_date",          "gender",     "phone",      "address",
    "postal_code",   "city",        "municipality_number", "occupation", "experience", "motivation",
    "opt_out_reason"};

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

}  // namespace

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

http::Response ApplicationFormPage(const Site& site, services::ApplicationService& svc,
                                   Context& ctx, std::int64_t cohort_id, const Typed& typed,
                                   const std::vector<FieldError>& errors, int status,
                                   const std::string& notice) {
  auto view = svc.GetApplication(ctx.actor, cohort_id);
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
  return AreaPage(site, ctx, "form", "Application", std::move(data), status);
}

json::object ReceiptData(Context& ctx, std::int64_t cohort_id,
                         const services::ApplicationPageView& view) {
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
  return json::object{{"cohort_id", cohort_id},
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
}

}  // namespace tp::web::applications
