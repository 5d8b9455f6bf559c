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

}  // namespace tp::web
