#include "support/test_app.h"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <stdexcept>
#include <thread>

#include "support/test_database.h"

namespace tp::test {

struct TestApp::Impl {
  // Declared first so the database outlives the app that uses it.
  TempDatabase database;
  std::unique_ptr<app::App> app;
  std::thread thread;
};

namespace {

std::string Encode(const std::string& s) {
  return boost::urls::encode(s, boost::urls::unreserved_chars);
}

}  // namespace

TestApp::TestApp(bool demo_mode) : impl_(std::make_unique<Impl>()) {
  app::Config config;
  config.database_url = impl_->database.url();
  config.listen_port = 0;
  config.migrate = true;
  config.demo = demo_mode;
  config.db_pool_size = 4;
  config.worker_threads = 4;
  config.mail_delivery = false;  // the outbox stays as queued; mail tests deliver themselves
  impl_->app = std::make_unique<app::App>(config);
  // The listener is bound in the constructor, so connections made before Run() wait in the
  // backlog: no sleep is needed.
  impl_->thread = std::thread([this] { impl_->app->Run(); });
}

TestApp::~TestApp() {
  impl_->app->Stop();
  impl_->thread.join();
}

unsigned short TestApp::port() const { return impl_->app->port(); }

app::App& TestApp::app() { return *impl_->app; }

TestClient TestApp::Anonymous() { return TestClient(port()); }

TestClient TestApp::LoggedIn(const std::string& email, const std::string& password) {
  TestClient client(port());
  client.Get("/login");
  auto reply = client.Post("/login", "_csrf=" + Encode(CsrfOf(client)) + "&email=" + Encode(email) +
                                         "&password=" + Encode(password));
  if (reply.status != 303 || !client.CookieValue("tp_session")) {
    throw std::runtime_error("login of " + email + " failed with status " +
                             std::to_string(reply.status));
  }
  return client;
}

std::string CsrfOf(const TestClient& client) { return client.CookieValue("tp_csrf").value_or(""); }

}  // namespace tp::test
