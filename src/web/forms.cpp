#include "web/forms.h"

namespace tp::web {

void AddErrors(Context& ctx, boost::json::object& data, const std::vector<FieldError>& errors) {
  boost::json::object by_field;
  boost::json::array list;
  for (const auto& e : errors) {
    auto msg = ctx.T(e.message);
    if (!by_field.contains(e.field)) by_field[e.field] = msg;
    list.push_back(boost::json::object{{"field", e.field}, {"message", msg}});
  }
  data["errors"] = std::move(by_field);
  data["error_list"] = std::move(list);
}

boost::json::object FormValues(const Context& ctx, const std::vector<std::string>& fields) {
  boost::json::object values;
  for (const auto& f : fields) {
    auto it = ctx.form.find(f);
    values[f] = it == ctx.form.end() ? std::string() : it->second;
  }
  return values;
}

std::string ValueOf(const boost::json::object& values, const char* key) {
  auto* v = values.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace tp::web
