#include "support/api_contract.h"

#include <boost/json.hpp>
#include <map>
#include <regex>
#include <set>

#include "app/openapi.h"

namespace tp::test {
namespace {

namespace json = boost::json;

const json::value& Document() {
  static const json::value doc = json::parse(app::BuildOpenApiDocument("test", "http://127.0.0.1"));
  return doc;
}

// "#/components/schemas/Name" -> the object it points to.
const json::object& Resolve(const json::object& schema) {
  const json::object* s = &schema;
  for (int depth = 0; depth < 16; ++depth) {
    const auto* ref = s->if_contains("$ref");
    if (!ref) return *s;
    std::string pointer(ref->as_string());
    s = &Document().at_pointer(pointer.substr(1)).as_object();
  }
  throw std::runtime_error("api contract: $ref loop");
}

// A schema with its $refs and allOf parts merged, as far as validation needs.
struct Merged {
  std::string type;
  std::string format;
  bool nullable = false;
  bool has_properties = false;
  std::map<std::string, const json::object*> properties;
  std::set<std::string> required;
  const json::value* additional = nullptr;
  const json::object* items = nullptr;
  const json::array* enumeration = nullptr;
  std::vector<const json::object*> one_of;
};

void Merge(const json::object& raw, Merged& m) {
  const json::object& s = Resolve(raw);
  if (const auto* all = s.if_contains("allOf"))
    for (const auto& part : all->as_array()) Merge(part.as_object(), m);
  if (const auto* t = s.if_contains("type")) m.type = std::string(t->as_string());
  if (const auto* f = s.if_contains("format")) m.format = std::string(f->as_string());
  if (const auto* n = s.if_contains("nullable")) m.nullable = m.nullable || n->as_bool();
  if (const auto* p = s.if_contains("properties")) {
    m.has_properties = true;
    for (const auto& [name, sub] : p->as_object()) m.properties[name] = &sub.as_object();
  }
  if (const auto* r = s.if_contains("required"))
    for (const auto& name : r->as_array()) m.required.insert(std::string(name.as_string()));
  if (const auto* a = s.if_contains("additionalProperties")) m.additional = a;
  if (const auto* i = s.if_contains("items")) m.items = &i->as_object();
  if (const auto* e = s.if_contains("enum")) m.enumeration = &e->as_array();
  for (const char* key : {"oneOf", "anyOf"})
    if (const auto* o = s.if_contains(key))
      for (const auto& alt : o->as_array()) m.one_of.push_back(&alt.as_object());
}

const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
const std::regex kDateTime(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))");

void Check(const json::value& v, const json::object& schema, const std::string& at,
           std::vector<std::string>& problems) {
  Merged m;
  Merge(schema, m);
  if (v.is_null()) {
    if (!m.nullable && !m.type.empty()) problems.push_back(at + ": null where not nullable");
    return;
  }
  if (!m.one_of.empty()) {
    bool any = false;
    for (const auto* alt : m.one_of) {
      std::vector<std::string> inner;
      Check(v, *alt, at, inner);
      any = any || inner.empty();
    }
    if (!any) problems.push_back(at + ": matches none of the alternatives");
  }
  if (m.enumeration) {
    bool found = false;
    for (const auto& e : *m.enumeration) found = found || e == v;
    if (!found) problems.push_back(at + ": " + json::serialize(v) + " is not in the enum");
  }
  const std::string& t = m.type;
  if (t == "object") {
    if (!v.is_object()) return problems.push_back(at + ": not an object");
    const auto& o = v.as_object();
    for (const auto& name : m.required)
      if (!o.contains(name)) problems.push_back(at + ": required field \"" + name + "\" missing");
    for (const auto& [name, value] : o) {
      std::string key(name);
      auto it = m.properties.find(key);
      if (it != m.properties.end()) {
        Check(value, *it->second, at + "." + key, problems);
      } else if (m.additional && m.additional->is_object()) {
        Check(value, m.additional->as_object(), at + "." + key, problems);
      } else if (m.has_properties &&
                 !(m.additional && m.additional->is_bool() && m.additional->as_bool())) {
        problems.push_back(at + ": field \"" + key + "\" is not documented");
      }
    }
  } else if (t == "array") {
    if (!v.is_array()) return problems.push_back(at + ": not an array");
    if (!m.items) return;
    std::size_t i = 0;
    for (const auto& item : v.as_array())
      Check(item, *m.items, at + "[" + std::to_string(i++) + "]", problems);
  } else if (t == "string") {
    if (!v.is_string()) return problems.push_back(at + ": not a string");
    std::string s(v.as_string());
    if (m.format == "date" && !std::regex_match(s, kDate))
      problems.push_back(at + ": \"" + s + "\" is not an ISO 8601 date");
    if (m.format == "date-time" && !std::regex_match(s, kDateTime))
      problems.push_back(at + ": \"" + s + "\" is not an RFC 3339 time");
  } else if (t == "integer") {
    if (!v.is_int64() && !v.is_uint64()) problems.push_back(at + ": not an integer");
  } else if (t == "number") {
    if (!v.is_number()) problems.push_back(at + ": not a number");
  } else if (t == "boolean") {
    if (!v.is_bool()) problems.push_back(at + ": not a boolean");
  }
}

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

// The path item whose template matches `path` (without /api/v1); literal segments win.
const json::object* FindPathItem(const std::string& path) {
  const auto wanted = Split(path);
  const json::object* best = nullptr;
  int best_literals = -1;
  for (const auto& [key, item] : Document().at_pointer("/paths").as_object()) {
    const auto parts = Split(std::string(key));
    if (parts.size() != wanted.size()) continue;
    int literals = 0;
    bool ok = true;
    for (std::size_t i = 0; ok && i < parts.size(); ++i) {
      const auto& p = parts[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        ok = !wanted[i].empty();
      } else {
        ok = p == wanted[i];
        ++literals;
      }
    }
    if (ok && literals > best_literals) {
      best = &item.as_object();
      best_literals = literals;
    }
  }
  return best;
}

const json::object& ProblemSchema() {
  return Document().at_pointer("/components/schemas/Problem").as_object();
}

}  // namespace

std::vector<std::string> CheckApiContract(const std::string& method, const std::string& target,
                                          int status, const std::string& content_type,
                                          const std::string& body) {
  std::vector<std::string> problems;
  std::string path = target.substr(0, target.find('?'));
  if (!path.starts_with("/api/v1/") || path == "/api/v1/openapi.json") return problems;
  if (content_type.find("json") == std::string::npos) return problems;
  json::value value;
  try {
    value = json::parse(body);
  } catch (const std::exception& e) {
    problems.push_back(std::string("body is not JSON: ") + e.what());
    return problems;
  }
  const bool problem_document = content_type.find("problem+json") != std::string::npos;

  const json::object* operation = nullptr;
  if (const auto* item = FindPathItem(path.substr(7))) {
    std::string m = method;
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const auto* op = item->if_contains(m)) operation = &op->as_object();
  }
  const json::object* response = nullptr;
  if (operation) {
    const auto& responses = operation->at("responses").as_object();
    if (const auto* r = responses.if_contains(std::to_string(status))) {
      response = &Resolve(r->as_object());
    } else if (const auto* d = responses.if_contains("default")) {
      response = &Resolve(d->as_object());
    }
  }
  if (!response) {
    // An error the operation does not list (or a path it does not have) still has to be a
    // well-formed problem document; an undocumented success is a broken contract.
    if (problem_document && status >= 400) {
      Check(value, ProblemSchema(), "$", problems);
    } else if (!operation) {
      problems.push_back("no documented operation " + method + " " + path);
    } else {
      problems.push_back("status " + std::to_string(status) + " is not documented");
    }
    return problems;
  }
  const json::object* schema = nullptr;
  if (const auto* content = response->if_contains("content")) {
    for (const auto& [type, media] : content->as_object()) {
      if (type.find("json") == std::string_view::npos) continue;
      if (const auto* s = media.as_object().if_contains("schema")) schema = &s->as_object();
    }
  }
  if (!schema) {
    problems.push_back("status " + std::to_string(status) + " documents no JSON body");
    return problems;
  }
  Check(value, *schema, "$", problems);
  return problems;
}

}  // namespace tp::test
