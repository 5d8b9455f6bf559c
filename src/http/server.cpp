#include "http/server.h"

#include <array>
#include <atomic>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <csignal>
#include <ctime>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "http/log.h"
#include "http/metrics.h"
#include "http/text.h"

namespace tp::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadChunk = 4096;
// After a 400/413 the rest of the request is read and thrown away for a short while before the
// socket is closed: closing with unread data makes the kernel send a reset, and the client may
// then lose the error response it has not read yet.
constexpr std::chrono::seconds kDrainTime{2};
constexpr std::size_t kDrainBytes = 16 * 1024 * 1024;

constexpr std::array<std::pair<const char*, const char*>, 4> kSecurityHeaders = {{
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
}};

bool ValidRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  thread_local std::mt19937_64 random{std::random_device{}()};
  static constexpr char kDigits[] = "0123456789abcdef";
  std::uint64_t value = random();
  std::string id(16, '0');
  for (auto& c : id) {
    c = kDigits[value & 0xf];
    value >>= 4;
  }
  return id;
}

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

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsHttpParseError(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
}

// The part of a raw target that is safe to log: no query string, which may carry tokens.
std::string LoggablePath(std::string_view target) {
  return std::string(target.substr(0, std::min<std::size_t>(target.find('?'), 256)));
}

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::string remote;
  bool idle = true;  ///< waiting for the next request; touched only on the connection's strand
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, const Router& router, Metrics& metrics)
      : options_(std::move(options)),
        router_(router),
        metrics_(metrics),
        ioc_(static_cast<int>(std::max<std::size_t>(options_.io_threads, 1))),
        strand_(asio::make_strand(ioc_)),
        acceptor_(strand_),
        signals_(strand_),
        shutdown_timer_(strand_),
        workers_(std::max<std::size_t>(options_.worker_threads, 1)) {}

  ~Impl() {
    {
      std::lock_guard lock(connections_mutex_);
      destroying_ = true;
    }
    // Handlers still running on the pool refer to requests in coroutine frames owned by ioc_;
    // they must finish before the frames go away with ioc_.
    workers_.stop();
    workers_.join();
  }

  // Shared state; declared before ioc_ so that coroutine frames destroyed with ioc_ can still
  // unregister their connection.
  ServerOptions options_;
  const Router& router_;
  Metrics& metrics_;
  std::vector<Middleware> middlewares_;
  Handler not_found_;
  std::atomic<unsigned short> port_{0};
  std::atomic<bool> stopping_{false};
  std::size_t max_body_limit_ = 0;  // largest of options_.body_limit and the routes' limits
  bool listening_ = false;
  std::mutex connections_mutex_;
  std::map<Connection*, std::weak_ptr<Connection>> connections_;
  bool destroying_ = false;

  asio::io_context ioc_;
  asio::strand<asio::io_context::executor_type> strand_;  // acceptor, signals, shutdown timer
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer shutdown_timer_;
  asio::thread_pool workers_;  // declared last: joined first

  void Listen();
  void Run();
  void BeginStop(const char* reason);
  void Unregister(Connection* connection);
  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<Connection> connection);
  asio::awaitable<Response> Dispatch(Request& request, std::string_view encoded_path);
  Response Invoke(const Router::Route& route, Request& request) const;
  Response CallChain(std::size_t index, const Router::Route& route, Request& request) const;
  Response Guarded(Request& request, const std::function<Response()>& call) const;
  bhttp::response<bhttp::string_body> Finish(const Request& request, Response response,
                                             unsigned version, bool keep_alive) const;
  asio::awaitable<void> Drain(Connection& connection);
  std::size_t BodyLimitFor(const bhttp::request<bhttp::string_body>& message) const;
  void AccessLog(const Request& request, const std::string& route, int status,
                 Clock::time_point start, std::size_t bytes) const;
};

void Server::Impl::Listen() {
  if (listening_) return;
  beast::error_code ec;
  auto address = asio::ip::make_address(options_.host, ec);
  tcp::endpoint endpoint;
  if (!ec) {
    endpoint = tcp::endpoint(address, options_.port);
  } else {
    // A host name ("localhost"): take the first address it resolves to.
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || results.empty()) {
      throw std::runtime_error("cannot resolve listen host " + options_.host + ": " + ec.message());
    }
    endpoint = results.begin()->endpoint();
  }
  try {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  } catch (const std::exception& e) {
    beast::error_code ignored;
    acceptor_.close(ignored);
    throw std::runtime_error("cannot listen on " + options_.host + ":" +
                             std::to_string(options_.port) + ": " + e.what());
  }
  port_ = acceptor_.local_endpoint().port();
  listening_ = true;
  LogEvent(spdlog::level::info, "", "listening",
           {{"host", options_.host}, {"port", static_cast<int>(port_.load())}});
}

void Server::Impl::Run() {
  Listen();
  max_body_limit_ = options_.body_limit;
  for (const auto& route : router_.routes()) {
    max_body_limit_ = std::max(max_body_limit_, route.options.body_limit.value_or(0));
  }
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](const beast::error_code& ec, int signal) {
    if (!ec) BeginStop(signal == SIGINT ? "SIGINT" : "SIGTERM");
  });
  asio::co_spawn(strand_, Accept(), asio::detached);

  auto loop = [this] {
    // A throwing completion handler must not take the server down with it.
    while (!ioc_.stopped()) {
      try {
        ioc_.run();
      } catch (const std::exception& e) {
        LogEvent(spdlog::level::err, "", "uncaught exception in I/O loop", {{"error", e.what()}});
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < options_.io_threads; ++i) threads.emplace_back(loop);
  loop();
  for (auto& thread : threads) thread.join();

  // Give SIGINT/SIGTERM back to their default action, so a second Ctrl-C ends the process.
  beast::error_code ignored;
  signals_.clear(ignored);
  LogEvent(spdlog::level::info, "", "stopped");
}

void Server::Impl::BeginStop(const char* reason) {
  bool idle_now = false;
  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex_);
    if (stopping_.exchange(true)) return;
    for (auto& [raw, weak] : connections_) {
      if (auto connection = weak.lock()) open.push_back(std::move(connection));
    }
    idle_now = connections_.empty();
  }
  LogEvent(spdlog::level::info, "", "stopping",
           {{"reason", reason}, {"open_connections", static_cast<std::int64_t>(open.size())}});
  beast::error_code ignored;
  acceptor_.close(ignored);
  signals_.cancel(ignored);
  if (idle_now) {
    ioc_.stop();
    return;
  }
  // Connections waiting for their next request are closed now; the others finish the request in
  // hand and then close because stopping_ is set.
  for (auto& connection : open) {
    asio::post(connection->stream.get_executor(), [connection] {
      if (connection->idle) connection->stream.cancel();
    });
  }
  shutdown_timer_.expires_after(options_.shutdown_grace);
  shutdown_timer_.async_wait([this](const beast::error_code& ec) {
    if (ec) return;
    LogEvent(spdlog::level::warn, "", "shutdown grace period over; abandoning open requests");
    ioc_.stop();
  });
}

void Server::Impl::Unregister(Connection* connection) {
  std::lock_guard lock(connections_mutex_);
  connections_.erase(connection);
  // The last connection gone after Stop(): nothing else is worth waiting for.
  if (stopping_ && connections_.empty() && !destroying_) ioc_.stop();
}

asio::awaitable<void> Server::Impl::Accept() {
  while (!stopping_) {
    beast::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(
        asio::make_strand(ioc_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
      // Out of file descriptors and the like: pause instead of spinning on the error.
      LogEvent(spdlog::level::warn, "", "accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(strand_, std::chrono::milliseconds(100));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    auto remote = connection->stream.socket().remote_endpoint(ec);
    if (!ec) connection->remote = remote.address().to_string();
    {
      // Registered here, on the strand BeginStop runs on, so a stop never misses a connection.
      std::lock_guard lock(connections_mutex_);
      connections_.emplace(connection.get(), connection);
    }
    auto executor = connection->stream.get_executor();
    asio::co_spawn(executor, Session(std::move(connection)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::Session(std::shared_ptr<Connection> connection) {
  struct Registration {
    Impl& impl;
    Connection* connection;
    ~Registration() { impl.Unregister(connection); }
  } registration{*this, connection.get()};

  auto& stream = connection->stream;
  beast::flat_buffer buffer;
  bool first = true;
  beast::error_code ec;

  while (!stopping_) {
    // Waiting for the first byte of a request is the idle (keep-alive) phase; Stop() may cut it.
    connection->idle = true;
    if (buffer.size() == 0) {
      stream.expires_after(first ? options_.read_timeout : options_.keep_alive_timeout);
      std::size_t n = co_await stream.async_read_some(
          buffer.prepare(kReadChunk), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) break;
      buffer.commit(n);
    }
    connection->idle = false;
    first = false;

    bhttp::request_parser<bhttp::string_body> parser;
    // The largest limit of any route lets the header through; the route's own limit is applied
    // once the header says which route it is.
    parser.body_limit(max_body_limit_);
    parser.header_limit(kHeaderLimit);
    stream.expires_after(options_.read_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    if (!ec && !parser.is_done()) {
      std::size_t limit = BodyLimitFor(parser.get());
      auto length = parser.content_length();
      if (length && *length > limit) {
        ec = bhttp::error::body_limit;
      } else {
        parser.body_limit(limit);
      }
    }
    if (!ec && !parser.is_done()) {
      auto expect = parser.get()[bhttp::field::expect];
      if (beast::iequals(expect, "100-continue")) {
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_,
                                                   parser.get().version()};
        stream.expires_after(options_.write_timeout);
        co_await bhttp::async_write(stream, proceed, asio::redirect_error(asio::use_awaitable, ec));
      }
      if (!ec) {
        co_await bhttp::async_read(stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
    }

    auto start = Clock::now();
    if (ec) {
      int status = 0;
      const char* text = nullptr;
      if (ec == bhttp::error::body_limit) {
        status = 413;
        text = "Request body too large.\n";
      } else if (ec == bhttp::error::header_limit) {
        status = 431;
        text = "Request header fields too large.\n";
      } else if (IsHttpParseError(ec)) {
        status = 400;
        text = "Bad request.\n";
      } else {
        break;  // timeout, reset or end of stream: nobody to answer
      }
      // Whatever the parser got before the error (start line, some fields) is there for the log
      // and the request id, even when the header as a whole was refused.
      Request request;
      request.method = std::string(parser.get().method_string());
      request.target = std::string(parser.get().target());
      request.request_id = std::string(parser.get()["x-request-id"]);
      if (!ValidRequestId(request.request_id)) request.request_id = NewRequestId();
      request.path = LoggablePath(request.target);
      request.remote_address = connection->remote;
      std::string route = "unmatched";
      if (status == 413) {
        // Worth knowing which form the too-large uploads go to.
        if (auto target = boost::urls::parse_origin_form(request.target)) {
          auto lookup = router_.Find(request.method, target->encoded_path());
          if (lookup.match) route = lookup.match->route->pattern;
        }
      }
      auto response = Finish(request, Response::Text(status, text), 11, false);
      metrics_.Observe(request.method, route, status,
                       std::chrono::duration<double>(Clock::now() - start).count());
      stream.expires_after(options_.write_timeout);
      co_await bhttp::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      AccessLog(request, route, status, start, response.body().size());
      if (!ec) co_await Drain(*connection);
      break;
    }

    auto message = parser.release();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.remote_address = connection->remote;
    for (const auto& field : message) {
      std::string name = Lower(field.name_string());
      auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
      // Repeated fields are one comma-separated list (RFC 9110 5.3); cookies use "; ".
      if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
    }
    request.request_id = request.Header("x-request-id");
    if (!ValidRequestId(request.request_id)) request.request_id = NewRequestId();
    request.body = std::move(message.body());

    Response response;
    auto target = boost::urls::parse_origin_form(message.target());
    if (!target) {
      request.path = LoggablePath(request.target);
      response = Response::Text(400, "Bad request.\n");
    } else {
      request.path = target->path();
      for (const auto& param : target->params()) {
        request.query.emplace(param.key, param.has_value ? param.value : std::string());
      }
      response = co_await Dispatch(request, target->encoded_path());
    }
    std::string route = request.route.empty() ? "unmatched" : request.route;

    bool keep_alive =
        message.keep_alive() && !stopping_ && !beast::iequals(response.Get("Connection"), "close");
    auto out = Finish(request, std::move(response), message.version(), keep_alive);
    int status = static_cast<int>(out.result_int());
    std::size_t bytes = out.body().size();
    // Observed before the write, so a client that has its response also finds it in /metrics.
    metrics_.Observe(request.method, route, status,
                     std::chrono::duration<double>(Clock::now() - start).count());
    stream.expires_after(options_.write_timeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));
    AccessLog(request, route, status, start, bytes);
    if (ec || !keep_alive) break;
  }

  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream.socket().close(ignored);
}

asio::awaitable<void> Server::Impl::Drain(Connection& connection) {
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.expires_after(kDrainTime);
  std::array<char, 8192> scratch;
  std::size_t total = 0;
  while (!ec && total < kDrainBytes) {
    total += co_await connection.stream.async_read_some(
        asio::buffer(scratch), asio::redirect_error(asio::use_awaitable, ec));
  }
}

std::size_t Server::Impl::BodyLimitFor(const bhttp::request<bhttp::string_body>& message) const {
  auto target = boost::urls::parse_origin_form(message.target());
  if (!target) return options_.body_limit;  // answered with 400 once read
  auto lookup = router_.Find(message.method_string(), target->encoded_path());
  if (!lookup.match) return options_.body_limit;
  return lookup.match->route->options.body_limit.value_or(options_.body_limit);
}

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

Server::Server(ServerOptions options, const Router& router, Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics)) {}

Server::~Server() = default;

void Server::Use(Middleware middleware) { impl_->middlewares_.push_back(std::move(middleware)); }

void Server::SetNotFound(Handler handler) { impl_->not_found_ = std::move(handler); }

void Server::Listen() { impl_->Listen(); }

void Server::Run() { impl_->Run(); }

void Server::Stop() {
  asio::post(impl_->strand_, [impl = impl_.get()] { impl->BeginStop("Stop()"); });
}

unsigned short Server::port() const { return impl_->port_; }

}  // namespace tp::http
