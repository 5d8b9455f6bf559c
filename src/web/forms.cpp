#include "web/forms.h"

#include "domain/applications/rules.h"

namespace tp::web {

void AddErrors(Context& ctx, boost::json::object& data, const std::vector<FieldError>& errors) {
  boost::json::object by_field;
  boost::json::array list;
  for (const auto& e : errors) {
    if (e.message == Unavailable::kMessage) ctx.unavailable = true;
    auto msg = ctx.T(e.message);
    if (!by_field.contains(e.field)) by_field[e.field] = msg;
    list.push_back(boost::json::object{{"field", e.field}, {"message", msg}});
  }
  data["errors"] = std::move(by_field);
  data["error_list"] = std::move(list);
}

std::string Raw(const Context& ctx, const std::string& name) {
  auto it = ctx.form.find(name);
  return it == ctx.form.end() ? std::string() : it->second;
}

boost::json::object FormValues(const Context& ctx, const std::vector<std::string>& fields) {
  boost::json::object values;
  for (const auto& f : fields) values[f] = Raw(ctx, f);
  return values;
}

std::string Base64Field(const boost::json::value& body, const char* key) {
  const auto* v = body.is_object() ? body.get_object().if_contains(key) : nullptr;
  if (!v || v->is_null()) return "";
  auto decoded = v->is_string() ? domain::Base64Decode(v->get_string()) : std::nullopt;
  if (!decoded) throw Invalid(std::vector<FieldError>{{key, "The file is not valid base64."}});
  return std::move(*decoded);
}

std::string ValueOf(const boost::json::object& values, const char* key) {
  auto* v = values.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace tp::web
