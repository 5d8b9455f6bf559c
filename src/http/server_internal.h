#pragma once
// Inside src/http only: the state of a Server and the connection it serves, shared by server.cpp
// (listener, start and stop), server_session.cpp (one connection's requests) and
// server_response.cpp (routing, middlewares and the response as sent). Nothing else includes it.
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "http/server.h"

namespace tp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace detail {

/// One accepted socket and what its session needs to know about it.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  std::string remote;
  bool idle = true;  ///< waiting for the next request; touched only on the connection's strand
};

}  // namespace detail

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
  std::map<detail::Connection*, std::weak_ptr<detail::Connection>> connections_;
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
  void Unregister(detail::Connection* connection);
  asio::awaitable<void> Accept();
  asio::awaitable<void> Session(std::shared_ptr<detail::Connection> connection);
  asio::awaitable<Response> Dispatch(Request& request, std::string_view encoded_path);
  Response Invoke(const Router::Route& route, Request& request) const;
  Response CallChain(std::size_t index, const Router::Route& route, Request& request) const;
  Response Guarded(Request& request, const std::function<Response()>& call) const;
  bhttp::response<bhttp::string_body> Finish(const Request& request, Response response,
                                             unsigned version, bool keep_alive) const;
  asio::awaitable<void> Drain(detail::Connection& connection);
  std::size_t BodyLimitFor(const bhttp::request<bhttp::string_body>& message) const;
  void AccessLog(const Request& request, const std::string& route, int status,
                 Clock::time_point start, std::size_t bytes) const;
};

}  // namespace tp::http
