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
  /// Largest request body this route accepts (file uploads); unset: ServerOptions::body_limit.
  std::optional<std::size_t> body_limit = std::nullopt;
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
  /// Finds the route for `method` and `path`, the percent-encoded path of the request target
  /// (no query). Segments are percent-decoded before they are compared with literals and before
  /// they become params. A HEAD request falls back to the GET route of the same path (the server
  /// drops the body). `allowed_methods` (sorted, HEAD included when GET is) is filled only when
  /// there is no match for `method`.
  Lookup Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  /// One pattern segment: a literal, or a placeholder with the param name.
  struct Segment {
    std::string text;
    bool placeholder = false;
  };
  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // parallel to routes_
};

}  // namespace tp::http
