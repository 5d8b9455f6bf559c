#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace tp::test {

/// A small synchronous HTTP/1.1 client for tests: one new connection to 127.0.0.1 per request,
/// and a cookie jar (by name) filled from Set-Cookie and sent back on the next requests.
/// Throws std::runtime_error when the server cannot be reached or does not answer in 30 s.
class TestClient {
 public:
  explicit TestClient(unsigned short port);

  /// One response.
  struct Reply {
    int status = 0;
    /// Lower-case names; several Set-Cookie are joined by "\n", other repeats by ", ".
    std::map<std::string, std::string> headers;
    std::string body;
    /// Header value by name (any case), or empty.
    std::string Header(std::string_view name) const;
  };

  Reply Get(const std::string& target, std::map<std::string, std::string> headers = {});
  Reply Post(const std::string& target, const std::string& body,
             const std::string& content_type = "application/x-www-form-urlencoded",
             std::map<std::string, std::string> headers = {});
  /// Any method. `headers` win over the defaults (Host, Cookie from the jar, Content-Type).
  /// For HEAD the body is not read.
  Reply Send(const std::string& method, const std::string& target, const std::string& body,
             std::map<std::string, std::string> headers);

  /// Forgets every cookie.
  void ClearCookies();
  /// A cookie received via Set-Cookie (and not since deleted), or nullopt.
  std::optional<std::string> CookieValue(const std::string& name) const;
  /// Sets a cookie in the jar as if the server had sent it.
  void SetCookie(const std::string& name, const std::string& value);
  /// The port the client talks to.
  unsigned short port() const { return port_; }

 private:
  unsigned short port_;
  std::map<std::string, std::string> cookies_;
};

}  // namespace tp::test
