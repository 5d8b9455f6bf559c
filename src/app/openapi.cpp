#include "app/openapi.h"

#include <boost/json.hpp>
#include <stdexcept>

#include "resources/resources.h"

namespace tp::app {

std::string BuildOpenApiDocument(const std::string& version, const std::string& public_url) {
  namespace json = boost::json;
  json::object doc{
      {"openapi", "3.0.3"},
      {"info", json::object{{"title", "traineeportal API"},
                            {"version", version},
                            {"description",
                             "JSON API for trainee programmes shared by many public employers. "
                             "Authenticate with a personal access token (Authorization: Bearer) "
                             "created on the account page, or with the browser session plus the "
                             "X-CSRF-Token header. Errors are application/problem+json. Lists "
                             "are paged with ?page= and ?per_page= (at most 200)."}}},
      {"servers", json::array{json::object{{"url", public_url + "/api/v1"}}}},
      {"security", json::array{json::object{{"bearer", json::array{}}}}},
      {"paths", json::object{}},
  };
  json::object schemas{
      {"Problem",
       json::object{
           {"type", "object"},
           {"properties",
            json::object{
                {"type", json::object{{"type", "string"}}},
                {"title", json::object{{"type", "string"}}},
                {"status", json::object{{"type", "integer"}}},
                {"detail", json::object{{"type", "string"}}},
                {"instance", json::object{{"type", "string"}}},
                {"request_id", json::object{{"type", "string"}}},
                {"errors",
                 json::object{
                     {"type", "array"},
                     {"items",
                      json::object{
                          {"type", "object"},
                          {"properties",
                           json::object{{"field", json::object{{"type", "string"}}},
                                        {"message", json::object{{"type", "string"}}}}}}}}}}}}},
  };
  json::object& paths = doc["paths"].as_object();
  for (const auto& entry : resources::List("api/openapi-")) {
    json::value fragment = json::parse(entry.data);
    if (auto* p = fragment.as_object().if_contains("paths")) {
      for (auto& [path, item] : p->as_object()) {
        // Fragments may write paths with or without the /api/v1 prefix; servers[] holds it.
        std::string key(path);
        if (key.rfind("/api/v1", 0) == 0) key = key.substr(7);
        if (paths.contains(key)) {
          for (auto& [method, op] : item.as_object()) {
            if (paths[key].as_object().contains(method))
              throw std::logic_error("OpenAPI operation " + std::string(method) + " " + key +
                                     " is defined twice (" + std::string(entry.path) + ")");
            paths[key].as_object()[method] = op;
          }
        } else {
          paths[key] = item;
        }
      }
    }
    if (auto* c = fragment.as_object().if_contains("components")) {
      if (auto* s = c->as_object().if_contains("schemas")) {
        for (auto& [name, schema] : s->as_object()) {
          // Fragments share one namespace of schema names; a second definition would
          // silently replace the first.
          if (schemas.contains(name))
            throw std::logic_error("OpenAPI schema \"" + std::string(name) +
                                   "\" is defined twice (" + std::string(entry.path) + ")");
          schemas[name] = schema;
        }
      }
    }
  }
  doc["components"] = json::object{
      {"schemas", std::move(schemas)},
      {"securitySchemes",
       json::object{{"bearer", json::object{{"type", "http"}, {"scheme", "bearer"}}}}},
      {"responses",
       json::object{
           {"Problem",
            json::object{
                {"description", "An error (RFC 7807)"},
                {"content",
                 json::object{
                     {"application/problem+json",
                      json::object{
                          {"schema",
                           json::object{{"$ref", "#/components/schemas/Problem"}}}}}}}}}}}};
  return json::serialize(doc);
}

}  // namespace tp::app
