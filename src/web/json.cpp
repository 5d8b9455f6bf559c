#include "web/json.h"

namespace tp::web::json_io {

namespace json = boost::json;

std::string Text(const json::value& body, const char* key) {
  if (!body.is_object()) return "";
  const auto* v = body.get_object().if_contains(key);
  if (!v || v->is_null()) return "";
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  return "\x01";
}

std::int64_t Int(const json::value& body, const char* key, std::int64_t fallback) {
  if (!body.is_object()) return fallback;
  const auto* v = body.get_object().if_contains(key);
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(v->get_uint64());
  return fallback;
}

std::vector<std::string> IdList(const json::value& body, const char* key) {
  std::vector<std::string> out;
  if (!body.is_object()) return out;
  const auto* v = body.get_object().if_contains(key);
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

json::object Values(const json::value& body, const std::vector<std::string>& fields) {
  json::object v;
  for (const auto& f : fields) v[f] = Text(body, f.c_str());
  return v;
}

json::value Instant(std::int64_t unix_seconds) {
  return json::value(domain::FormatRfc3339(unix_seconds));
}

json::value Instant(const std::optional<std::int64_t>& unix_seconds) {
  return unix_seconds ? Instant(*unix_seconds) : json::value(nullptr);
}

json::value Date(const std::optional<domain::Date>& date) {
  return date ? json::value(domain::FormatIso(*date)) : json::value(nullptr);
}

}  // namespace tp::web::json_io
