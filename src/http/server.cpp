// The listener and the server's life: bind, accept, run the I/O threads, stop gracefully. One
// connection's requests are served in server_session.cpp, routed and answered in
// server_response.cpp.
#include "http/server.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <thread>

#include "http/log.h"
#include "http/server_internal.h"

namespace tp::http {

using detail::Connection;

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
