#include "web/programmes/shared.h"

#include "web/views.h"

namespace tp::web::shared {

namespace json = boost::json;

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

// The API body as the same text values a form would carry.
json::object ApiValues(const json::value& body, const std::vector<std::string>& fields) {
  json::object v;
  for (const auto& f : fields) v[f] = JsonText(body, f.c_str());
  return v;
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

http::Response Created(const json::object& o, const std::string& location) {
  auto r = Site::JsonOk(o, 201);
  r.Set("Location", location);
  return r;
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

http::Response AreaPage(const Views& views, Context& ctx, const std::string& page,
                        const std::string& title, json::object data, int status) {
  if (ctx.request.Query("saved")) data["saved"] = true;
  return views.Page(ctx, page, title, std::move(data), status);
}

http::Response ConfirmPage(const Views& views, Context& ctx, const std::string& title,
                           const std::string& question, const std::string& subject,
                           const std::string& action, const std::string& cancel) {
  json::object data{{"heading", ctx.T(title)},
                    {"question", ctx.T(question)},
                    {"subject", subject},
                    {"action", action},
                    {"cancel", cancel}};
  return AreaPage(views, ctx, "confirm_delete", title, std::move(data));
}

}  // namespace tp::web::shared
