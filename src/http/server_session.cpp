// One connection's session: read a request (with the header, body and timeout limits), answer it
// through Dispatch and Finish (server_response.cpp), keep the connection alive or close it.
#include <algorithm>
#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/url/parse.hpp>
#include <random>

#include "http/metrics.h"
#include "http/server_internal.h"

namespace tp::http {
namespace {

using detail::Connection;

constexpr std::uint32_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kReadChunk = 4096;
// After a 400/413 the rest of the request is read and thrown away for a short while before the
// socket is closed: closing with unread data makes the kernel send a reset, and the client may
// then lose the error response it has not read yet.
constexpr std::chrono::seconds kDrainTime{2};
constexpr std::size_t kDrainBytes = 16 * 1024 * 1024;

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

}  // namespace

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

}  // namespace tp::http
