#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <csignal>
#include <future>
#include <memory>
#include <mutex>
#include <regex>
#include <stdexcept>
#include <thread>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "support/http_client.h"

namespace tp::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using tp::test::TestClient;

constexpr auto kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

// A gate a handler waits on until the test opens it. Opening it on destruction keeps a failing
// test from leaving a worker blocked forever.
class Gate {
 public:
  ~Gate() { Open(); }
  void Open() {
    std::lock_guard lock(mutex_);
    if (!opened_) {
      opened_ = true;
      promise_.set_value();
    }
  }
  // Waits for Open(), but never longer than a minute so a broken server cannot hang the suite.
  void Wait() { future_.wait_for(std::chrono::minutes(1)); }

 private:
  std::mutex mutex_;
  bool opened_ = false;
  std::promise<void> promise_;
  std::shared_future<void> future_ = promise_.get_future().share();
};

// The server on a free port with the test's router, run from a background thread.
class RunningServer {
 public:
  RunningServer(const Router& router, Metrics& metrics, ServerOptions options = {},
                std::function<void(Server&)> configure = {}) {
    options.port = 0;
    server_ = std::make_unique<Server>(options, router, metrics);
    if (configure) configure(*server_);
    server_->Listen();
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningServer() { StopAndWait(); }
  void StopAndWait() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }
  unsigned short port() const { return server_->port(); }
  Server& server() { return *server_; }
  std::thread& thread() { return thread_; }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

// A raw connection for what TestClient does not do: keep-alive, malformed requests.
class RawConnection {
 public:
  explicit RawConnection(unsigned short port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  void Write(std::string_view bytes) {
    asio::write(socket_, asio::buffer(bytes.data(), bytes.size()));
  }
  bhttp::response<bhttp::string_body> Read() {
    bhttp::response<bhttp::string_body> response;
    bhttp::read(socket_, buffer_, response);
    return response;
  }
  // True when the server has closed the connection (read ends with EOF).
  bool ClosedByPeer() {
    char byte;
    beast::error_code ec;
    socket_.read_some(asio::buffer(&byte, 1), ec);
    return ec == asio::error::eof || ec == asio::error::connection_reset;
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

void ExpectSecurityHeaders(const TestClient::Reply& reply) {
  EXPECT_EQ(reply.Header("content-security-policy"), kCsp) << "status " << reply.status;
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.Header("referrer-policy"), "same-origin");
  EXPECT_EQ(reply.Header("x-frame-options"), "DENY");
}

bool IsGeneratedId(const std::string& id) {
  return std::regex_match(id, std::regex("[0-9a-f]{16}"));
}

Router BasicRouter() {
  Router router;
  router.Add("GET", "/hello", [](Request&) { return Response::Text(200, "hello"); });
  router.Add("GET", "/items", [](Request&) { return Response::Text(200, "items"); });
  router.Add("DELETE", "/items", [](Request&) { return Response::Text(204, ""); });
  router.Add("POST", "/echo", [](Request& r) { return Response::Text(200, r.body); });
  router.Add("GET", "/request-id", [](Request& r) { return Response::Text(200, r.request_id); });
  return router;
}

TEST(TransportTest, ServesARoute) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  ASSERT_NE(server.port(), 0);
  TestClient client(server.port());
  auto reply = client.Get("/hello");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "hello");
  EXPECT_EQ(reply.Header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(reply.Header("content-length"), "5");
  EXPECT_FALSE(reply.Header("date").empty());
  ExpectSecurityHeaders(reply);
  EXPECT_EQ(reply.Header("strict-transport-security"), "");
}

TEST(TransportTest, SecurityHeadersOnErrorResponses) {
  Router router = BasicRouter();
  Metrics metrics;
  ServerOptions options;
  options.body_limit = 16;
  RunningServer server(router, metrics, options);
  TestClient client(server.port());
  ExpectSecurityHeaders(client.Get("/nowhere"));
  ExpectSecurityHeaders(client.Post("/hello", "x"));
  ExpectSecurityHeaders(client.Post("/echo", std::string(100, 'x')));
  ExpectSecurityHeaders(client.Get("/bad%zzpath"));
}

TEST(TransportTest, HstsOnlyWhenConfigured) {
  Router router = BasicRouter();
  Metrics metrics;
  ServerOptions options;
  options.hsts = true;
  RunningServer server(router, metrics, options);
  TestClient client(server.port());
  EXPECT_EQ(client.Get("/hello").Header("strict-transport-security"), "max-age=31536000");
  EXPECT_EQ(client.Get("/nowhere").Header("strict-transport-security"), "max-age=31536000");
}

TEST(TransportTest, HandlerHeadersAreNotOverridden) {
  Router router;
  router.Add("GET", "/framed", [](Request&) {
    auto response = Response::Text(200, "x");
    response.Set("X-Frame-Options", "SAMEORIGIN");
    response.Set("Content-Security-Policy", "default-src 'none'");
    return response;
  });
  Metrics metrics;
  RunningServer server(router, metrics);
  auto reply = TestClient(server.port()).Get("/framed");
  EXPECT_EQ(reply.Header("x-frame-options"), "SAMEORIGIN");
  EXPECT_EQ(reply.Header("content-security-policy"), "default-src 'none'");
  EXPECT_EQ(reply.Header("referrer-policy"), "same-origin");
}

TEST(TransportTest, RequestIdIsEchoedWhenSane) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  auto reply = client.Get("/request-id", {{"X-Request-Id", "abc-DEF_123"}});
  EXPECT_EQ(reply.Header("x-request-id"), "abc-DEF_123");
  EXPECT_EQ(reply.body, "abc-DEF_123");
}

TEST(TransportTest, RequestIdIsGeneratedWhenMissingOrInsane) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());

  auto missing = client.Get("/request-id");
  EXPECT_TRUE(IsGeneratedId(missing.Header("x-request-id"))) << missing.Header("x-request-id");
  EXPECT_EQ(missing.body, missing.Header("x-request-id"));

  for (std::string bad :
       {std::string("has space"), std::string("semi;colon"), std::string(65, 'a')}) {
    auto reply = client.Get("/request-id", {{"X-Request-Id", bad}});
    EXPECT_TRUE(IsGeneratedId(reply.Header("x-request-id"))) << bad;
    EXPECT_EQ(reply.body, reply.Header("x-request-id"));
  }
  EXPECT_EQ(client.Get("/request-id", {{"X-Request-Id", std::string(64, 'a')}}).body,
            std::string(64, 'a'));
  EXPECT_NE(client.Get("/request-id").body, client.Get("/request-id").body);
  EXPECT_TRUE(IsGeneratedId(client.Get("/nowhere").Header("x-request-id")));
}

TEST(TransportTest, UnknownPathIs404) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  auto reply = TestClient(server.port()).Get("/nowhere");
  EXPECT_EQ(reply.status, 404);
  EXPECT_FALSE(reply.body.empty());
  EXPECT_NE(metrics.Render().find(
                "tp_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"),
            std::string::npos);
}

TEST(TransportTest, NotFoundHandlerIsUsed) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics, {}, [](Server& s) {
    s.SetNotFound(
        [](Request& r) { return Response::Html(404, "<h1>Not here: " + r.path + "</h1>"); });
  });
  auto reply = TestClient(server.port()).Get("/no/such%20page?x=1");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.body, "<h1>Not here: /no/such page</h1>");
  ExpectSecurityHeaders(reply);
}

TEST(TransportTest, WrongMethodIs405WithAllow) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  auto reply = TestClient(server.port()).Post("/items", "a=1");
  EXPECT_EQ(reply.status, 405);
  EXPECT_EQ(reply.Header("allow"), "DELETE, GET, HEAD");
}

TEST(TransportTest, HeadIsAnsweredByGetWithoutBody) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  auto reply = TestClient(server.port()).Send("HEAD", "/hello", "", {});
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-length"), "5");
  EXPECT_EQ(reply.body, "");
}

TEST(TransportTest, NoContentHasNoBodyOrLength) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  auto reply = TestClient(server.port()).Send("DELETE", "/items", "", {});
  EXPECT_EQ(reply.status, 204);
  EXPECT_EQ(reply.Header("content-length"), "");
}

TEST(TransportTest, BodyAboveLimitIs413) {
  Router router = BasicRouter();
  Metrics metrics;
  ServerOptions options;
  options.body_limit = 64;
  RunningServer server(router, metrics, options);
  TestClient client(server.port());
  EXPECT_EQ(client.Post("/echo", std::string(64, 'x')).status, 200);
  auto reply = client.Post("/echo", std::string(4096, 'x'));
  EXPECT_EQ(reply.status, 413);
  EXPECT_FALSE(reply.body.empty());
  EXPECT_EQ(reply.Header("connection"), "close");
  EXPECT_TRUE(IsGeneratedId(reply.Header("x-request-id")));
}

TEST(TransportTest, RouteMayAllowALargerBody) {
  Router router = BasicRouter();
  router.Add(
      "POST", "/upload",
      [](Request& r) { return Response::Text(200, std::to_string(r.body.size())); },
      RouteOptions{.body_limit = 1000});
  Metrics metrics;
  ServerOptions options;
  options.body_limit = 64;
  RunningServer server(router, metrics, options);
  TestClient client(server.port());
  EXPECT_EQ(client.Post("/upload", std::string(1000, 'u')).body, "1000");
  EXPECT_EQ(client.Post("/upload", std::string(1001, 'u')).status, 413);
  EXPECT_EQ(client.Post("/echo", std::string(500, 'e')).status, 413);
  {
    RawConnection raw(server.port());
    std::string chunk(600, 'c');
    raw.Write("POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n" +
              chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n");
    EXPECT_EQ(raw.Read().result_int(), 413u);
  }
  EXPECT_NE(metrics.Render().find("method=\"POST\",route=\"/upload\",status=\"413\"} 2"),
            std::string::npos);
}

TEST(TransportTest, ChunkedBodyAboveLimitIs413AndConnectionCloses) {
  Router router = BasicRouter();
  Metrics metrics;
  ServerOptions options;
  options.body_limit = 64;
  RunningServer server(router, metrics, options);
  RawConnection raw(server.port());
  std::string chunk(100, 'y');
  raw.Write("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n64\r\n" + chunk +
            "\r\n0\r\n\r\n");
  auto response = raw.Read();
  EXPECT_EQ(response.result_int(), 413u);
  EXPECT_TRUE(raw.ClosedByPeer());
}

TEST(TransportTest, MalformedRequestIs400) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  {
    RawConnection raw(server.port());
    raw.Write("GARBAGE\r\n\r\n");
    auto response = raw.Read();
    EXPECT_EQ(response.result_int(), 400u);
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
    EXPECT_TRUE(raw.ClosedByPeer());
  }
  {
    RawConnection raw(server.port());
    raw.Write("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
    EXPECT_EQ(raw.Read().result_int(), 400u);
  }
  EXPECT_EQ(TestClient(server.port()).Get("/bad%zzpath").status, 400);
}

TEST(TransportTest, OversizedHeaderIs431) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  RawConnection raw(server.port());
  raw.Write("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'b') + "\r\n\r\n");
  auto response = raw.Read();
  EXPECT_EQ(response.result_int(), 431u);
  EXPECT_EQ(response["X-Frame-Options"], "DENY");
}

TEST(TransportTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  RawConnection raw(server.port());
  raw.Write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  auto first = raw.Read();
  EXPECT_EQ(first.result_int(), 200u);
  EXPECT_TRUE(first.keep_alive());
  raw.Write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  auto second = raw.Read();
  EXPECT_EQ(second.result_int(), 200u);
  EXPECT_EQ(second.body(), "abc");
  // Two pipelined requests in one write are answered in order.
  raw.Write(
      "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /items HTTP/1.1\r\nHost: x\r\nConnection: "
      "close\r\n\r\n");
  EXPECT_EQ(raw.Read().body(), "hello");
  auto last = raw.Read();
  EXPECT_EQ(last.body(), "items");
  EXPECT_FALSE(last.keep_alive());
  EXPECT_TRUE(raw.ClosedByPeer());
}

TEST(TransportTest, IdleKeepAliveConnectionIsClosed) {
  Router router = BasicRouter();
  Metrics metrics;
  ServerOptions options;
  options.keep_alive_timeout = std::chrono::seconds(1);
  RunningServer server(router, metrics, options);
  RawConnection raw(server.port());
  raw.Write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw.Read().result_int(), 200u);
  EXPECT_TRUE(raw.ClosedByPeer());  // blocks until the server gives up on the idle connection
}

TEST(TransportTest, ExpectContinueIsAnswered) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  RawConnection raw(server.port());
  raw.Write("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(raw.Read().result_int(), 100u);
  raw.Write("hello");
  auto response = raw.Read();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_EQ(response.body(), "hello");
}

TEST(TransportTest, SlowWorkerHandlerDoesNotBlockIoThreadRoute) {
  Gate entered, release;
  std::mutex mutex;
  std::vector<std::string> finished;
  std::thread::id worker_thread, io_thread;
  Router router;
  router.Add("GET", "/slow", [&](Request&) {
    worker_thread = std::this_thread::get_id();
    entered.Open();
    release.Wait();
    return Response::Text(200, "slow");
  });
  router.Add(
      "GET", "/fast",
      [&](Request&) {
        io_thread = std::this_thread::get_id();
        return Response::Text(200, "fast");
      },
      RouteOptions{.on_io_thread = true});
  Metrics metrics;
  ServerOptions options;
  options.io_threads = 1;
  options.worker_threads = 1;
  RunningServer server(router, metrics, options);

  auto slow = std::async(std::launch::async, [&] {
    auto reply = TestClient(server.port()).Get("/slow");
    std::lock_guard lock(mutex);
    finished.push_back(reply.body);
  });
  entered.Wait();
  auto fast = TestClient(server.port()).Get("/fast");
  {
    std::lock_guard lock(mutex);
    finished.push_back(fast.body);
  }
  release.Open();
  slow.get();
  EXPECT_EQ(finished, (std::vector<std::string>{"fast", "slow"}));
  EXPECT_NE(worker_thread, io_thread);
}

TEST(TransportTest, SlowWorkerHandlerDoesNotBlockOtherWorkerHandlers) {
  Gate entered, release;
  Router router = BasicRouter();
  router.Add("GET", "/slow", [&](Request&) {
    entered.Open();
    release.Wait();
    return Response::Text(200, "slow");
  });
  Metrics metrics;
  ServerOptions options;
  options.worker_threads = 2;
  RunningServer server(router, metrics, options);
  auto slow =
      std::async(std::launch::async, [&] { return TestClient(server.port()).Get("/slow").body; });
  entered.Wait();
  EXPECT_EQ(TestClient(server.port()).Get("/hello").body, "hello");
  release.Open();
  EXPECT_EQ(slow.get(), "slow");
}

TEST(TransportTest, ManyClientsOnSeveralIoThreads) {
  Router router = BasicRouter();
  router.Add(
      "GET", "/io", [](Request&) { return Response::Text(200, "io"); },
      RouteOptions{.on_io_thread = true});
  Metrics metrics;
  ServerOptions options;
  options.io_threads = 3;
  options.worker_threads = 3;
  RunningServer server(router, metrics, options);
  std::vector<std::future<int>> clients;
  for (int c = 0; c < 6; ++c) {
    clients.push_back(std::async(std::launch::async, [&, c] {
      int ok = 0;
      RawConnection raw(server.port());  // half the requests share one keep-alive connection
      TestClient client(server.port());
      for (int i = 0; i < 20; ++i) {
        if (i % 2 == 0) {
          ok += client.Post("/echo", "n" + std::to_string(c * 100 + i)).body ==
                "n" + std::to_string(c * 100 + i);
        } else {
          raw.Write("GET /io HTTP/1.1\r\nHost: x\r\n\r\n");
          ok += raw.Read().body() == "io";
        }
      }
      return ok;
    }));
  }
  for (auto& client : clients) EXPECT_EQ(client.get(), 20);
  server.StopAndWait();
  EXPECT_NE(metrics.Render().find("tp_http_request_duration_seconds_count 120\n"),
            std::string::npos);
}

TEST(TransportTest, StopLetsInFlightRequestFinish) {
  Gate entered, release;
  Router router;
  router.Add("GET", "/slow", [&](Request&) {
    entered.Open();
    release.Wait();
    return Response::Text(200, "finished");
  });
  Metrics metrics;
  RunningServer server(router, metrics);
  unsigned short port = server.port();

  auto slow = std::async(std::launch::async, [&] { return TestClient(port).Get("/slow"); });
  entered.Wait();
  server.server().Stop();
  release.Open();
  auto reply = slow.get();
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body, "finished");
  EXPECT_EQ(reply.Header("connection"), "close");
  server.thread().join();  // Run() returns by itself once the last request is done
  EXPECT_THROW(TestClient(port).Get("/slow"), std::runtime_error);
}

TEST(TransportTest, StopGivesUpOnRequestsAfterTheGracePeriod) {
  Gate entered, release;
  Router router;
  router.Add("GET", "/stuck", [&](Request&) {
    entered.Open();
    release.Wait();
    return Response::Text(200, "too late");
  });
  Metrics metrics;
  ServerOptions options;
  options.shutdown_grace = std::chrono::milliseconds(50);
  auto server = std::make_unique<RunningServer>(router, metrics, options);
  auto stuck = std::async(std::launch::async,
                          [port = server->port()] { return TestClient(port).Get("/stuck"); });
  entered.Wait();
  server->server().Stop();
  server->thread().join();  // Run() returns although the handler is still blocked
  release.Open();
  server.reset();  // waits for the handler, then drops its connection
  EXPECT_THROW(stuck.get(), std::runtime_error);
}

TEST(TransportTest, StopClosesIdleKeepAliveConnections) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  RawConnection raw(server.port());
  raw.Write("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(raw.Read().result_int(), 200u);
  server.server().Stop();
  server.thread().join();  // would wait for the 60 s keep-alive timeout if idle ones were kept
  EXPECT_TRUE(raw.ClosedByPeer());
}

TEST(TransportTest, SigtermStopsRun) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer server(router, metrics);
  // A served request proves Run() has installed its signal handler.
  ASSERT_EQ(TestClient(server.port()).Get("/hello").status, 200);
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  server.thread().join();
  EXPECT_THROW(TestClient(server.port()).Get("/hello"), std::runtime_error);
}

TEST(TransportTest, StopBeforeRunReturnsPromptly) {
  Router router = BasicRouter();
  Metrics metrics;
  Server server(ServerOptions{.port = 0}, router, metrics);
  server.Listen();
  const auto port = server.port();
  server.Stop();
  server.Run();  // a hang here fails through the suite's CTest timeout
  EXPECT_THROW(TestClient(port).Get("/hello"), std::runtime_error);
}

TEST(TransportTest, HandlerExceptionIs500WithoutDetail) {
  Router router;
  router.Add("GET", "/boom",
             [](Request&) -> Response { throw std::runtime_error("secret database detail"); });
  router.Add(
      "GET", "/boom-io", [](Request&) -> Response { throw 42; },
      RouteOptions{.on_io_thread = true});
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  auto reply = client.Get("/boom");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.body.find("secret"), std::string::npos);
  ExpectSecurityHeaders(reply);
  EXPECT_EQ(client.Get("/boom-io").status, 500);
  EXPECT_EQ(client.Get("/boom").status, 500);  // the server is still serving
}

TEST(TransportTest, MiddlewaresWrapRoutedHandlersOnTheirThread) {
  std::mutex mutex;
  std::vector<std::thread::id> middleware_threads, handler_threads;
  Router router;
  router.Add("GET", "/work", [&](Request& r) {
    std::lock_guard lock(mutex);
    handler_threads.push_back(std::this_thread::get_id());
    return Response::Text(200, r.Header("x-trace"));
  });
  router.Add(
      "GET", "/io",
      [&](Request& r) {
        std::lock_guard lock(mutex);
        handler_threads.push_back(std::this_thread::get_id());
        return Response::Text(200, r.Header("x-trace"));
      },
      RouteOptions{.on_io_thread = true});
  Metrics metrics;
  RunningServer server(router, metrics, {}, [&](Server& s) {
    s.Use([&](Request& r, const Handler& next) {
      {
        std::lock_guard lock(mutex);
        middleware_threads.push_back(std::this_thread::get_id());
      }
      r.headers["x-trace"] += "outer>";
      auto response = next(r);
      response.Add("X-Order", "outer");
      return response;
    });
    s.Use([](Request& r, const Handler& next) {
      r.headers["x-trace"] += "inner>";
      auto response = next(r);
      response.Add("X-Order", "inner");
      return response;
    });
  });
  TestClient client(server.port());
  auto work = client.Get("/work");
  EXPECT_EQ(work.body, "outer>inner>");
  EXPECT_EQ(work.Header("x-order"), "inner, outer");
  EXPECT_EQ(client.Get("/io").body, "outer>inner>");
  EXPECT_EQ(client.Get("/nowhere").Header("x-order"), "");  // not-found is not routed
  std::lock_guard lock(mutex);
  EXPECT_EQ(middleware_threads, handler_threads);
}

TEST(TransportTest, ParamsQueryHeadersAndCookiesReachTheHandler) {
  Router router;
  router.Add("GET", "/people/{name}", [](Request& r) {
    return Response::Text(200, r.params.at("name") + "|" + r.Query("q").value_or("-") + "|" +
                                   r.path + "|" + r.route + "|" + r.Cookie("a").value_or("-") +
                                   "|" + r.remote_address);
  });
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  client.SetCookie("a", "1");
  auto reply = client.Get("/people/J%C3%B8rn?q=a+b%21");
  EXPECT_EQ(reply.body, "Jørn|a b!|/people/Jørn|/people/{name}|1|127.0.0.1");
  EXPECT_NE(metrics.Render().find("route=\"/people/{name}\",status=\"200\"} 1"), std::string::npos);
}

TEST(TransportTest, ClientKeepsCookiesFromSetCookie) {
  Router router;
  router.Add("POST", "/login", [](Request&) {
    Response response = Response::Redirect("/");
    response.Add("Set-Cookie", "tp_session=s1; Path=/; HttpOnly");
    response.Add("Set-Cookie", "tp_csrf=c1; Path=/");
    return response;
  });
  router.Add("POST", "/logout", [](Request&) {
    return Response::Redirect("/").Add("Set-Cookie", "tp_session=; Path=/; Max-Age=0");
  });
  router.Add("GET", "/cookies", [](Request& r) { return Response::Text(200, r.Header("cookie")); });
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  auto login = client.Post("/login", "");
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.Header("set-cookie"), "tp_session=s1; Path=/; HttpOnly\ntp_csrf=c1; Path=/");
  EXPECT_EQ(client.CookieValue("tp_session"), "s1");
  EXPECT_EQ(client.Get("/cookies").body, "tp_csrf=c1; tp_session=s1");
  client.Post("/logout", "");
  EXPECT_EQ(client.CookieValue("tp_session"), std::nullopt);
  EXPECT_EQ(client.Get("/cookies").body, "tp_csrf=c1");
  client.ClearCookies();
  EXPECT_EQ(client.Get("/cookies").body, "");
}

TEST(TransportTest, MetricsRouteServesPrometheusText) {
  Router router = BasicRouter();
  Metrics metrics;
  RegisterMetricsRoute(router, metrics);
  RunningServer server(router, metrics);
  TestClient client(server.port());
  client.Get("/hello");
  auto reply = client.Get("/metrics");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(
      reply.body.find("tp_http_requests_total{method=\"GET\",route=\"/hello\",status=\"200\"} 1"),
      std::string::npos);
}

void ExpectStaticFileServed(TestClient& client, const std::string& url,
                            const std::string& content_type, std::string_view data) {
  auto reply = client.Get(url);
  ASSERT_EQ(reply.status, 200) << url;
  EXPECT_EQ(reply.body, data);
  EXPECT_EQ(reply.Header("content-type"), content_type);
  EXPECT_EQ(reply.Header("cache-control"), "public, max-age=31536000, immutable");
  ExpectSecurityHeaders(reply);
  std::string etag = reply.Header("etag");
  ASSERT_FALSE(etag.empty());

  auto cached = client.Get(url, {{"If-None-Match", etag}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_EQ(cached.body, "");
  EXPECT_EQ(cached.Header("etag"), etag);
  EXPECT_EQ(cached.Header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client.Get(url, {{"If-None-Match", "\"other\", W/" + etag}}).status, 304);
  EXPECT_EQ(client.Get(url, {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST(TransportTest, StaticFilesHaveHashedUrlsAndImmutableCache) {
  static constexpr std::string_view kCss = "body { color: #123; }\n";
  static constexpr std::string_view kJs = "console.log('x');\n";
  static constexpr std::string_view kIcon("\x00\x00\x01\x00", 4);
  StaticFiles files({{"static/app.css", kCss},
                     {"static/js/app.js", kJs},
                     {"static/favicon.ico", kIcon},
                     {"static/.gitkeep", ""},
                     {"templates/x.mustache", "no"}});
  EXPECT_TRUE(
      std::regex_match(files.Url("app.css"), std::regex("/static/app\\.[0-9a-f]{8}\\.css")));
  EXPECT_TRUE(
      std::regex_match(files.Url("js/app.js"), std::regex("/static/js/app\\.[0-9a-f]{8}\\.js")));
  EXPECT_THROW(files.Url(".gitkeep"), std::out_of_range);
  EXPECT_THROW(files.Url("missing.css"), std::out_of_range);
  EXPECT_EQ(files.Urls().size(), 3u);

  Router router;
  files.Register(router);
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  ExpectStaticFileServed(client, files.Url("app.css"), "text/css; charset=utf-8", kCss);
  ExpectStaticFileServed(client, files.Url("js/app.js"), "text/javascript; charset=utf-8", kJs);
  ExpectStaticFileServed(client, files.Url("favicon.ico"), "image/x-icon", kIcon);
  EXPECT_EQ(client.Get("/static/app.css").status, 404);
}

TEST(TransportTest, StaticUrlChangesWithContent) {
  using Entries = std::vector<resources::Entry>;
  StaticFiles a(Entries{{"static/app.css", "a"}});
  StaticFiles b(Entries{{"static/app.css", "b"}});
  EXPECT_NE(a.Url("app.css"), b.Url("app.css"));
  EXPECT_EQ(a.Url("app.css"), StaticFiles(Entries{{"static/app.css", "a"}}).Url("app.css"));
}

TEST(TransportTest, EmbeddedStaticFilesAreServed) {
  StaticFiles files;
  Router router;
  files.Register(router);
  Metrics metrics;
  RunningServer server(router, metrics);
  TestClient client(server.port());
  for (const auto& [name, url] : files.Urls()) {
    auto reply = client.Get(url);
    EXPECT_EQ(reply.status, 200) << name;
    EXPECT_EQ(reply.Header("cache-control"), "public, max-age=31536000, immutable") << name;
    EXPECT_EQ(client.Get(url, {{"If-None-Match", reply.Header("etag")}}).status, 304) << name;
  }
}

TEST(TransportTest, ListenOnBusyPortThrows) {
  Router router = BasicRouter();
  Metrics metrics;
  RunningServer first(router, metrics);
  ServerOptions options;
  options.port = first.port();
  Server second(options, router, metrics);
  EXPECT_THROW(second.Listen(), std::runtime_error);
}

}  // namespace
}  // namespace tp::http

namespace tp::http {
namespace {

// Whatever a handler passes, no header field goes out holding CR, LF or NUL: a redirect target
// with "\r\nSet-Cookie: ..." would otherwise log a victim into the attacker's account.
TEST(TransportTest, UnsafeHeaderFieldsAreNeverSent) {
  Router router;
  router.Add("GET", "/split",
             [](Request& r) { return Response::Redirect("/" + r.Query("to").value_or("")); });
  router.Add("GET", "/named", [](Request&) {
    return Response::Text(200, "x").Set("X-Bad\r\nSet-Cookie", "tp_session=attacker");
  });
  router.Add("GET", "/nul", [](Request&) {
    return Response::Text(200, "x").Set("X-Nul", std::string("a\0b", 3));
  });
  Metrics metrics;
  RunningServer server(router, metrics);
  for (const std::string target :
       {"/split?to=%0d%0aSet-Cookie:%20tp_session=attacker",
        "/split?to=%0aLocation:%20https://evil.example", "/named", "/nul"}) {
    SCOPED_TRACE(target);
    RawConnection raw(server.port());
    raw.Write("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    auto response = raw.Read();
    EXPECT_EQ(response.result_int(), 500u);
    EXPECT_EQ(response.count(bhttp::field::set_cookie), 0u);
    EXPECT_EQ(response.count(bhttp::field::location), 0u);
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff");
  }
  // A clean target still redirects.
  auto ok = TestClient(server.port()).Get("/split?to=home");
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.Header("location"), "/home");
}

}  // namespace
}  // namespace tp::http
