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
class SignupService;
class GatheringService;
class TraineeService;
class PoolService;
class ApplicationService;
class Mailer;
class MailService;
}  // namespace tp::services

namespace tp::app {

class Jobs;

/// The composition root: builds every object once from the configuration and wires them
/// together (database pool → repositories → services → views → routes → server).
class App {
 public:
  /// Opens the database; refuses (std::runtime_error) a database behind the binary's migrations
  /// unless config.migrate. Builds services, views and routes, and binds the listener.
  explicit App(Config config);
  ~App();

  /// Starts the background jobs and serves until SIGTERM/SIGINT or Stop(), then stops the jobs.
  void Run();
  void Stop();
  unsigned short port() const;

  const Config& config() const;
  storage::Database& database();
  services::AccountService& accounts();
  services::ProgrammeService& programmes();
  services::SignupService& signup();
  services::GatheringService& gatherings();
  services::TraineeService& trainees();
  services::PoolService& pool();
  services::ApplicationService& applications();
  /// Renders and queues e-mails for every service.
  services::Mailer& mailer();
  /// The e-mail pages' use cases (own e-mails, the outbox).
  services::MailService& mail();
  /// Periodic background jobs (outbox delivery when configured); they run while Run() serves.
  /// Add jobs before Run().
  Jobs& jobs();
  /// Every registered route (tests walk them to check that strangers are refused).
  const http::Router& router() const;

  /// The private parts (opaque outside app.cpp).
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace tp::app
