#pragma once
#include <optional>
#include <string>
#include <vector>

#include "http/message.h"

namespace tp::http {

/// Options for one route.
struct RouteOptions {
  /// Run the handler directly on the I/O thread: only for handlers that never block
  /// (health checks, constant strings, static files from memory).
  bool on_io_thread = false;
};

/// Maps method + path pattern to a handler. Patterns are literal segments and `{name}`
/// placeholders matching one non-empty segment, e.g. "/cohorts/{id}/employers".
/// Literal segments win over placeholders when both match.
class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    Handler handler;
    RouteOptions options;
  };
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
  };
  /// Outcome of a lookup: a match, or whether the path exists with other methods (405).
  struct Lookup {
    std::optional<Match> match;
    std::vector<std::string> allowed_methods;  ///< non-empty when only the method was wrong
  };

  /// Registers a route. Throws std::logic_error on a duplicate method + pattern.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  Lookup Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace tp::http
