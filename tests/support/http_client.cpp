#include "support/http_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <stdexcept>

namespace tp::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Synchronous Asio calls ignore Beast's timeouts; kernel timeouts keep a broken server from
// hanging the whole test run.
void SetSocketTimeouts(tcp::socket& socket) {
  timeval tv{};
  tv.tv_sec = 30;
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

}  // namespace

std::string TestClient::Reply::Header(std::string_view name) const {
  auto it = headers.find(Lower(name));
  return it == headers.end() ? std::string() : it->second;
}

TestClient::TestClient(unsigned short port) : port_(port) {}

TestClient::Reply TestClient::Get(const std::string& target,
                                  std::map<std::string, std::string> headers) {
  return Send("GET", target, "", std::move(headers));
}

TestClient::Reply TestClient::Post(const std::string& target, const std::string& body,
                                   const std::string& content_type,
                                   std::map<std::string, std::string> headers) {
  bool has_type = false;
  for (const auto& [name, value] : headers) has_type = has_type || Lower(name) == "content-type";
  if (!has_type) headers.emplace("Content-Type", content_type);
  return Send("POST", target, body, std::move(headers));
}

TestClient::Reply TestClient::Send(const std::string& method, const std::string& target,
                                   const std::string& body,
                                   std::map<std::string, std::string> headers) {
  asio::io_context ioc;
  tcp::socket socket(ioc);
  beast::error_code ec;
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  if (ec)
    throw std::runtime_error("cannot connect to port " + std::to_string(port_) + ": " +
                             ec.message());
  SetSocketTimeouts(socket);

  bhttp::request<bhttp::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
  request.set(bhttp::field::connection, "close");
  if (!cookies_.empty()) {
    std::string cookie;
    for (const auto& [name, value] : cookies_)
      cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    request.set(bhttp::field::cookie, cookie);
  }
  for (const auto& [name, value] : headers) request.set(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    request.prepare_payload();

  // A server that refuses the body (413) may close before all of it is sent; its answer is
  // still worth reading.
  bhttp::write(socket, request, ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(256 * 1024 * 1024);
  parser.skip(method == "HEAD");
  beast::error_code read_ec;
  bhttp::read(socket, buffer, parser, read_ec);
  if (read_ec) {
    throw std::runtime_error(method + " " + target + ": no response (" + read_ec.message() +
                             (ec ? "; write: " + ec.message() : std::string()) + ")");
  }
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);

  auto message = parser.release();
  Reply reply;
  reply.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    std::string name = Lower(field.name_string());
    std::string value(field.value());
    auto [it, inserted] = reply.headers.emplace(name, value);
    if (!inserted) it->second += (name == "set-cookie" ? "\n" : ", ") + value;
    if (name != "set-cookie") continue;

    // "name=value; Path=/; Max-Age=0" — a cookie is deleted by Max-Age<=0 or an empty value.
    std::string_view line = value;
    std::string_view pair = line.substr(0, line.find(';'));
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string cookie_name(Trim(pair.substr(0, eq)));
    std::string cookie_value(Trim(pair.substr(eq + 1)));
    bool expired = cookie_value.empty();
    std::string attributes = Lower(line.substr(pair.size()));
    auto max_age = attributes.find("max-age=");
    if (max_age != std::string::npos) {
      std::string_view number = std::string_view(attributes).substr(max_age + 8);
      expired = expired || number.starts_with("0") || number.starts_with("-");
    }
    if (attributes.find("expires=thu, 01 jan 1970") != std::string::npos) expired = true;
    if (expired) {
      cookies_.erase(cookie_name);
    } else {
      cookies_[cookie_name] = cookie_value;
    }
  }
  reply.body = std::move(message.body());
  return reply;
}

void TestClient::ClearCookies() { cookies_.clear(); }

std::optional<std::string> TestClient::CookieValue(const std::string& name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

void TestClient::SetCookie(const std::string& name, const std::string& value) {
  cookies_[name] = value;
}

}  // namespace tp::test
