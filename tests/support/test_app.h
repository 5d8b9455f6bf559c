#pragma once
#include <memory>
#include <string>

#include "app/app.h"
#include "support/http_client.h"

namespace tp::test {

/// The whole application on a fresh, migrated database (SQLite or PostgreSQL by
/// TP_TEST_DATABASE) served on a free port from a background thread. Stops in the destructor.
class TestApp {
 public:
  explicit TestApp(bool demo_mode = false);
  ~TestApp();
  unsigned short port() const;
  app::App& app();
  /// A client whose cookie jar holds a session of `email` logged in through the real
  /// login form (GET /login for the CSRF cookie, POST /login).
  TestClient LoggedIn(const std::string& email, const std::string& password);
  /// A client without a session.
  TestClient Anonymous();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The value of hidden input "_csrf" (or the tp_csrf cookie) the client holds, for form posts.
std::string CsrfOf(const TestClient& client);

}  // namespace tp::test
