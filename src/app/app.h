#pragma once
#include <memory>

#include "app/config.h"

namespace tp::storage {
class Database;
}
namespace tp::http {
class Router;
class Server;
}  // namespace tp::http
namespace tp::services {
class AccountService;
class ProgrammeService;
class Mailer;
}  // namespace tp::services

namespace tp::app {

/// The composition root: builds every object once from the configuration and wires them
/// together (database pool → repositories → services → views → routes → server).
class App {
 public:
  /// Opens the database; refuses (std::runtime_error) a database behind the binary's migrations
  /// unless config.migrate. Builds services, views and routes, and binds the listener.
  explicit App(Config config);
  ~App();

  /// Serves until SIGTERM/SIGINT or Stop().
  void Run();
  void Stop();
  unsigned short port() const;

  const Config& config() const;
  storage::Database& database();
  services::AccountService& accounts();
  services::ProgrammeService& programmes();
  /// Renders and queues e-mails for every service.
  services::Mailer& mailer();
  /// Every registered route (tests walk them to check that strangers are refused).
  const http::Router& router() const;

  /// The private parts (opaque outside app.cpp).
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tp::app
