#include "http/router.h"

#include <algorithm>
#include <stdexcept>

namespace tp::http {
namespace {

// "/" has no segments; "/a/b" has {"a","b"}; "/a/" has {"a",""} so a trailing slash is a
// different path, as it is for the browser's relative links.
std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path == "/") return out;
  if (path.front() == '/') path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') {
    throw std::logic_error("route pattern must start with '/': " + pattern);
  }
  if (!handler) throw std::logic_error("route without a handler: " + method + " " + pattern);
  std::vector<Segment> segments;
  for (std::string_view part : Split(pattern)) {
    Segment segment;
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      segment.placeholder = true;
      segment.text = std::string(part.substr(1, part.size() - 2));
      bool repeated = std::any_of(segments.begin(), segments.end(), [&](const Segment& s) {
        return s.placeholder && s.text == segment.text;
      });
      if (repeated)
        throw std::logic_error("route pattern repeats {" + segment.text + "}: " + pattern);
    } else if (part.find_first_of("{}") != std::string_view::npos) {
      throw std::logic_error("route pattern has a malformed placeholder: " + pattern);
    } else {
      segment.text = std::string(part);
    }
    segments.push_back(std::move(segment));
  }
  // "/a/{x}" and "/a/{y}" would match exactly the same requests, so they count as duplicates too.
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != method || segments_[i].size() != segments.size()) continue;
    bool same =
        std::equal(segments.begin(), segments.end(), segments_[i].begin(),
                   [](const Segment& a, const Segment& b) {
                     return a.placeholder == b.placeholder && (a.placeholder || a.text == b.text);
                   });
    if (same) throw std::logic_error("duplicate route: " + method + " " + pattern);
  }
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), options});
  segments_.push_back(std::move(segments));
}

Router::Lookup Router::Find(std::string_view method, std::string_view path) const {
  std::vector<std::string> decoded;
  for (std::string_view part : Split(path)) decoded.push_back(PercentDecode(part));

  // Candidates are ranked by their leftmost literal: at the first position where two matching
  // patterns differ, the one with a literal there wins.
  auto better = [&](std::size_t a, std::size_t b) {
    for (std::size_t i = 0; i < decoded.size(); ++i) {
      bool la = !segments_[a][i].placeholder;
      bool lb = !segments_[b][i].placeholder;
      if (la != lb) return la;
    }
    return false;
  };
  auto matches = [&](std::size_t r) {
    const auto& segments = segments_[r];
    if (segments.size() != decoded.size()) return false;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].placeholder ? decoded[i].empty() : segments[i].text != decoded[i])
        return false;
    }
    return true;
  };

  std::optional<std::size_t> best;
  std::optional<std::size_t> best_get;  // for HEAD without its own route
  std::vector<std::string> methods;
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    if (!matches(r)) continue;
    methods.push_back(routes_[r].method);
    if (routes_[r].method == method) {
      if (!best || better(r, *best)) best = r;
    } else if (method == "HEAD" && routes_[r].method == "GET") {
      if (!best_get || better(r, *best_get)) best_get = r;
    }
  }
  if (!best) best = best_get;

  Lookup lookup;
  if (best) {
    Match match;
    match.route = &routes_[*best];
    const auto& segments = segments_[*best];
    for (std::size_t i = 0; i < segments.size(); ++i) {
      if (segments[i].placeholder) match.params[segments[i].text] = std::move(decoded[i]);
    }
    lookup.match = std::move(match);
    return lookup;
  }
  if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) methods.push_back("HEAD");
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  lookup.allowed_methods = std::move(methods);
  return lookup;
}

}  // namespace tp::http
