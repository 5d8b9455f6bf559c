// From a parsed request to the response as sent: routing, the worker pool, the middleware chain,
// the guard against throwing handlers, the headers every response gets, and the access log.
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>
#include <ctime>

#include "http/log.h"
#include "http/server_internal.h"
#include "http/text.h"

namespace tp::http {
namespace {

constexpr std::array<std::pair<const char*, const char*>, 4> kSecurityHeaders = {{
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
}};

// IMF-fixdate written by hand: strftime would follow the C locale, which the app may change.
std::string HttpDate() {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buffer;
}

}  // namespace

asio::awaitable<Response> Server::Impl::Dispatch(Request& request, std::string_view encoded_path) {
  auto lookup = router_.Find(request.method, encoded_path);
  if (lookup.match) {
    const Router::Route& route = *lookup.match->route;
    request.params = std::move(lookup.match->params);
    request.route = route.pattern;
    if (route.options.on_io_thread) co_return Invoke(route, request);
    // The handler may block (SQL, argon2id): it runs on the pool while this coroutine is
    // suspended, and the connection resumes on its own strand afterwards.
    co_return co_await asio::co_spawn(
        workers_, [&]() -> asio::awaitable<Response> { co_return Invoke(route, request); },
        asio::use_awaitable);
  }
  if (!lookup.allowed_methods.empty()) {
    std::string allow;
    for (const auto& method : lookup.allowed_methods) allow += (allow.empty() ? "" : ", ") + method;
    auto response = Response::Text(405, "Method not allowed.\n");
    response.Set("Allow", allow);
    co_return response;
  }
  if (!not_found_) co_return Response::Text(404, "Not found.\n");
  // The web layer's 404 page renders templates; keep that off the I/O thread like any handler.
  co_return co_await asio::co_spawn(
      workers_,
      [&]() -> asio::awaitable<Response> {
        co_return Guarded(request, [&] { return not_found_(request); });
      },
      asio::use_awaitable);
}

Response Server::Impl::Invoke(const Router::Route& route, Request& request) const {
  return Guarded(request, [&] { return CallChain(0, route, request); });
}

Response Server::Impl::CallChain(std::size_t index, const Router::Route& route,
                                 Request& request) const {
  if (index == middlewares_.size()) return route.handler(request);
  Handler next = [this, index, &route](Request& inner) {
    return CallChain(index + 1, route, inner);
  };
  return middlewares_[index](request, next);
}

Response Server::Impl::Guarded(Request& request, const std::function<Response()>& call) const {
  try {
    return call();
  } catch (const std::exception& e) {
    LogEvent(spdlog::level::err, request.request_id, "handler failed",
             {{"error", e.what()},
              {"method", request.method},
              {"path", request.path},
              {"route", request.route}});
  } catch (...) {
    LogEvent(spdlog::level::err, request.request_id, "handler failed",
             {{"error", "non-standard exception"},
              {"method", request.method},
              {"path", request.path},
              {"route", request.route}});
  }
  return Response::Text(500, "Internal server error.\n");
}

bhttp::response<bhttp::string_body> Server::Impl::Finish(const Request& request, Response response,
                                                         unsigned version, bool keep_alive) const {
  bhttp::response<bhttp::string_body> out;
  out.version(version == 10 ? 10 : 11);
  int status = response.status;
  if (status < 100 || status > 999) {
    LogEvent(spdlog::level::err, request.request_id, "handler returned an invalid status",
             {{"status", status}, {"route", request.route}});
    response = Response::Text(500, "Internal server error.\n");
    status = 500;
  }
  // A header value holding CR or LF would end the field and start another that the handler
  // never meant (a Set-Cookie smuggled in through a redirect target): nothing such goes out.
  for (const auto& [name, value] : response.headers) {
    if (IsValidHeaderName(name) && IsSafeHeaderValue(value)) continue;
    LogEvent(spdlog::level::err, request.request_id, "handler set an unsafe header field",
             {{"header", ToValidUtf8(name)}, {"route", request.route}});
    response = Response::Text(500, "Internal server error.\n");
    status = 500;
    break;
  }
  out.result(static_cast<unsigned>(status));
  for (auto& [name, value] : response.headers) {
    // Framing belongs to the server: it knows whether a body goes out and how long it is.
    if (beast::iequals(name, "content-length") || beast::iequals(name, "transfer-encoding") ||
        beast::iequals(name, "connection")) {
      continue;
    }
    out.insert(name, value);
  }
  auto add_missing = [&](std::string_view name, std::string_view value) {
    if (out.find(name) == out.end()) out.insert(name, value);
  };
  for (const auto& [name, value] : kSecurityHeaders) add_missing(name, value);
  if (options_.hsts) add_missing("Strict-Transport-Security", "max-age=31536000");
  add_missing("X-Request-Id", request.request_id);
  add_missing("Date", HttpDate());

  bool bodiless_status = status < 200 || status == 204 || status == 304;
  if (bodiless_status) {
    response.body.clear();
  } else if (request.method == "HEAD") {
    out.content_length(response.body.size());
    response.body.clear();
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  out.keep_alive(keep_alive);
  return out;
}

void Server::Impl::AccessLog(const Request& request, const std::string& route, int status,
                             Clock::time_point start, std::size_t bytes) const {
  auto& logger = Logger();
  if (!logger.should_log(spdlog::level::info)) return;
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  // Built by hand around Boost.JSON's escaping: its serializer writes doubles as "7.96E-1", while
  // a fixed "0.796" is what people and log tools expect for a duration.
  auto fields = [](const boost::json::object& object) {
    std::string text = boost::json::serialize(object);
    return text.substr(1, text.size() - 2);
  };
  std::string head = fields({{"request_id", request.request_id},
                             {"msg", "request"},
                             {"method", request.method},
                             {"path", ToValidUtf8(request.path)},
                             {"route", route},
                             {"status", status}});
  std::string tail =
      fields({{"bytes", static_cast<std::uint64_t>(bytes)}, {"remote", request.remote_address}});
  logger.info("{},\"duration_ms\":{:.3f},{}", head, ms, tail);
}

}  // namespace tp::http
