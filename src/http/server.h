#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"
#include "http/router.h"

namespace tp::http {

class Metrics;

/// Everything the server needs to know; filled from the configuration by the app.
struct ServerOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;            ///< 0 picks a free port (see Server::port())
  std::size_t io_threads = 1;            ///< threads running the sockets
  std::size_t worker_threads = 4;        ///< threads running blocking handlers
  std::size_t body_limit = 1024 * 1024;  ///< bytes; larger bodies get 413 (see RouteOptions)
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds keep_alive_timeout{60};
  bool hsts = false;  ///< send Strict-Transport-Security (public URL is https)
  /// How long Run() waits for in-flight requests after Stop() or a signal before it gives up on
  /// them and returns.
  std::chrono::milliseconds shutdown_grace{10000};
};

/// Wraps every routed handler call (after routing, on the worker or I/O thread). Used by the web
/// layer for error mapping; `next` calls the route handler.
using Middleware = std::function<Response(Request&, const Handler& next)>;

/// Boost.Beast HTTP/1.1 server with C++20 coroutines.
/// - request id (from X-Request-Id if sane, else random) on every request and in every log line;
/// - one JSON access-log line per request via spdlog;
/// - security headers on every response (CSP without inline script, nosniff, Referrer-Policy,
///   frame-ancestors 'none', HSTS when configured);
/// - 404/405/413/400/500 produced by `not_found` / built-in responses;
/// - metrics per route and status, latency histogram (see Metrics).
class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();

  /// Middleware applied around every routed handler, outermost first.
  void Use(Middleware middleware);
  /// Handler for paths no route matches (the web layer renders a 404 page). Default: plain 404.
  void SetNotFound(Handler handler);

  /// Binds and listens; after this port() is the real port. Throws on bind failure.
  void Listen();
  /// Serves until Stop() or SIGTERM/SIGINT; then stops accepting, finishes in-flight requests
  /// (up to 10 s), and returns. Calls Listen() if it was not called. Uses the calling thread as
  /// one of the `io_threads`. Call once; the router, middlewares and not-found handler must not
  /// change while it runs.
  void Run();
  /// Asks Run() to finish (thread-safe).
  void Stop();
  /// The bound port after Listen() (the real one when options.port was 0), else 0.
  unsigned short port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tp::http
