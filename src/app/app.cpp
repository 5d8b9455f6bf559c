#include "app/app.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <stdexcept>

#include "app/demo.h"
#include "app/jobs.h"
#include "app/openapi.h"
#include "http/metrics.h"
#include "http/proxies.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "services/accounts/account_service.h"
#include "services/applications/application_service.h"
#include "services/gatherings/gathering_service.h"
#include "services/mail/delivery.h"
#include "services/mail/mail_service.h"
#include "services/mail/mailer.h"
#include "services/pool/pool_service.h"
#include "services/programmes/programme_service.h"
#include "services/publiclist/publiclist_service.h"
#include "services/signup/signup_service.h"
#include "services/trainees/trainee_service.h"
#include "storage/database.h"
#include "web/accounts/routes.h"
#include "web/advert/routes.h"
#include "web/applications/routes.h"
#include "web/gatherings/routes.h"
#include "web/i18n.h"
#include "web/mail/email_renderer.h"
#include "web/mail/routes.h"
#include "web/pool/routes.h"
#include "web/programmes/routes.h"
#include "web/publiclist/routes.h"
#include "web/signup/routes.h"
#include "web/site.h"
#include "web/views.h"

#ifndef TP_VERSION
#define TP_VERSION "dev"
#endif

namespace tp::app {

struct App::Impl {
  Config config;
  std::unique_ptr<storage::Database> database;
  services::Mailer mailer;
  std::unique_ptr<services::AccountService> accounts;
  std::unique_ptr<services::ProgrammeService> programmes;
  std::unique_ptr<services::SignupService> signup;
  std::unique_ptr<services::GatheringService> gatherings;
  std::unique_ptr<services::TraineeService> trainees;
  std::unique_ptr<services::PoolService> pool;
  std::unique_ptr<services::ApplicationService> applications;
  std::unique_ptr<services::PublicListService> publiclist;
  std::unique_ptr<services::MailService> mail;
  std::unique_ptr<services::MailDelivery> delivery;
  http::Metrics metrics;
  http::Router router;
  http::StaticFiles static_files;
  web::I18n i18n;
  std::unique_ptr<web::Views> views;
  std::unique_ptr<web::Site> site;
  std::unique_ptr<http::Server> server;
  std::string openapi;
  // Last, so the job thread stops before anything it uses is destroyed.
  Jobs jobs;
};

namespace {

storage::DatabaseOptions DatabaseOptionsFor(const Config& config) {
  storage::DatabaseOptions options;
  options.pool_size = config.db_pool_size;
  options.sqlite_synchronous = config.sqlite_synchronous;
  // Only a server told to migrate may make a new database; otherwise a mistyped path is refused.
  options.create_sqlite_file = config.migrate;
  return options;
}

void RegisterOperationalRoutes(App::Impl& impl) {
  http::Router& router = impl.router;
  router.Add("GET", "/healthz", [](http::Request&) { return http::Response::Text(200, "ok\n"); },
             {.on_io_thread = true});
  // The bare-HTTP ceiling for benchmarks: no database, no templates.
  router.Add("GET", "/ping", [](http::Request&) { return http::Response::Text(200, "pong\n"); },
             {.on_io_thread = true});
  storage::Database* db = impl.database.get();
  router.Add("GET", "/readyz", [db](http::Request&) {
    try {
      if (!db->Ping()) return http::Response::Text(503, "database unreachable\n");
      if (db->CurrentVersion() != db->LatestVersion()) {
        return http::Response::Text(503, "database migrations are not current\n");
      }
    } catch (const std::exception& e) {
      spdlog::warn("readyz: {}", e.what());
      return http::Response::Text(503, "database unreachable\n");
    }
    return http::Response::Text(200, "ready\n");
  });
  http::MetricsAccess metrics_access;
  metrics_access.allow = http::ParseCidrList(impl.config.metrics_allow);
  metrics_access.token = impl.config.metrics_token;
  http::RegisterMetricsRoute(router, impl.metrics, std::move(metrics_access));
  std::string* openapi = &impl.openapi;
  router.Add("GET", "/api/v1/openapi.json",
             [openapi](http::Request&) { return http::Response::Json(200, *openapi); },
             {.on_io_thread = true});
  impl.metrics.AddGauge("tp_db_pool_size", "Connections in the database pool",
                        [db] { return static_cast<double>(db->pool_size()); });
  impl.metrics.AddGauge("tp_db_pool_in_use", "Database connections leased right now",
                        [db] { return static_cast<double>(db->pool_in_use()); });
}

}  // namespace

App::App(Config config) : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.config = std::move(config);
  for (const auto& warning : ApplyDerivedSettings(impl.config)) spdlog::warn("{}", warning);
  const Config& c = impl.config;

  impl.database = storage::Database::Open(c.database_url, DatabaseOptionsFor(c));
  int current = impl.database->CurrentVersion();
  int latest = impl.database->LatestVersion();
  if (current > latest) {
    throw std::runtime_error("database schema version " + std::to_string(current) +
                             " is newer than this binary knows (" + std::to_string(latest) +
                             "): upgrade traineeportal");
  }
  if (current < latest) {
    if (!c.migrate) {
      throw std::runtime_error("database is at schema version " + std::to_string(current) +
                               " but this binary needs " + std::to_string(latest) +
                               ": run `traineeportal migrate` or start with --migrate");
    }
    int applied = impl.database->Migrate();
    spdlog::info("applied {} migration(s)", applied);
  }

  services::AccountSettings account_settings;
  account_settings.public_url = c.public_url;
  account_settings.session_lifetime_hours = c.session_lifetime_hours;
  impl.accounts =
      std::make_unique<services::AccountService>(*impl.database, account_settings, impl.mailer);
  impl.programmes = std::make_unique<services::ProgrammeService>(
      *impl.database, services::ProgrammeSettings{c.public_url, {}});
  impl.programmes->EnsureMunicipalitiesLoaded();
  impl.signup =
      std::make_unique<services::SignupService>(*impl.database, *impl.programmes, impl.mailer);
  impl.gatherings = std::make_unique<services::GatheringService>(*impl.database);
  impl.trainees = std::make_unique<services::TraineeService>(*impl.database);
  impl.pool = std::make_unique<services::PoolService>(*impl.database, impl.mailer,
                                                      services::PoolSettings{c.public_url, {}});
  {
    const auto& a = impl.accounts->settings();
    impl.applications = std::make_unique<services::ApplicationService>(
        *impl.database, impl.mailer,
        services::ApplicationSettings{a.public_url, a.session_lifetime_hours, a.argon2_opslimit,
                                      a.argon2_memlimit, a.clock});
  }
  impl.mail = std::make_unique<services::MailService>(*impl.database);
  impl.publiclist = std::make_unique<services::PublicListService>(
      *impl.database, impl.mailer, services::PublicListSettings{c.public_url, {}});

  if (c.demo && SeedDemo(*this)) spdlog::info("demo data loaded");

  impl.views = std::make_unique<web::Views>(impl.i18n, impl.static_files, c.demo);
  impl.site =
      std::make_unique<web::Site>(impl.router, *impl.accounts, impl.i18n, *impl.views, c.Https());
  impl.openapi = BuildOpenApiDocument(TP_VERSION, c.public_url);
  RegisterOperationalRoutes(impl);
  impl.static_files.Register(impl.router);
  web::RegisterAccountRoutes(
      *impl.site, *impl.accounts,
      c.demo ? DemoLogins() : std::vector<std::pair<std::string, std::string>>{},
      c.demo ? kDemoPassword : "");
  web::RegisterProgrammeRoutes(*impl.site, *impl.programmes, *impl.signup);
  web::RegisterSignupRoutes(*impl.site, *impl.signup, *impl.programmes);
  web::RegisterGatheringRoutes(*impl.site, *impl.gatherings, *impl.programmes);
  web::RegisterAdvertRoutes(*impl.site, *impl.programmes, impl.static_files, c.public_url);
  web::RegisterPoolRoutes(*impl.site, *impl.pool);
  web::RegisterApplicationRoutes(*impl.site, *impl.applications);
  web::InstallEmailRenderer(impl.mailer, *impl.views, impl.i18n);
  web::RegisterMailRoutes(*impl.site, *impl.mail);
  web::RegisterPublicListRoutes(*impl.site, *impl.publiclist);
  impl.jobs.AddPeriodic("retention", std::chrono::hours(6), [p = impl.publiclist.get()] {
    auto r = p->RunRetention();
    if (r.applications > 0)
      spdlog::info("retention: deleted {} application(s), {} file(s)", r.applications, r.files);
  });
  if (c.MailDeliveryOn()) {
    services::SmtpSettings smtp;
    smtp.host = c.smtp_host;
    smtp.port = c.smtp_port;
    smtp.user = c.smtp_user;
    smtp.password = c.smtp_password;
    smtp.from = c.smtp_from;
    smtp.tls = c.smtp_tls;
    services::DeliverySettings delivery;
    delivery.max_attempts = c.mail_max_attempts;
    impl.delivery = std::make_unique<services::MailDelivery>(*impl.database, smtp, delivery);
    services::MailDelivery* d = impl.delivery.get();
    Jobs* jobs = &impl.jobs;
    spdlog::info("e-mail delivery to {}:{} ({}) every {} s", c.smtp_host, c.smtp_port, c.smtp_tls,
                 c.mail_interval_seconds);
    impl.jobs.AddPeriodic("mail-delivery", std::chrono::seconds(c.mail_interval_seconds),
                          [d, jobs] { d->RunOnce([jobs] { return jobs->stopping(); }); });
  } else if (c.demo && !c.IsSet("smtp_host")) {
    spdlog::info(
        "demo mode: e-mails are queued, not sent (read them on /outbox); set smtp_host to send");
  }

  http::ServerOptions options;
  options.host = c.listen_host;
  options.port = c.listen_port;
  options.io_threads = c.io_threads;
  options.worker_threads = c.worker_threads;
  options.body_limit = c.body_limit_bytes;
  options.hsts = c.Https();
  impl.server = std::make_unique<http::Server>(options, impl.router, impl.metrics);
  // First of all, the client's address behind trusted proxies: throttling, logs and /metrics
  // see the client, not the proxy.
  auto client_address = [trusted = http::ParseCidrList(c.trusted_proxies)](http::Request& r) {
    r.remote_address = http::ClientAddress(r.remote_address, r.Header("x-forwarded-for"),
                                           r.Header("forwarded"), trusted);
  };
  impl.server->Use([client_address](http::Request& r, const http::Handler& next) {
    client_address(r);
    return next(r);
  });
  web::Site* site = impl.site.get();
  impl.server->SetNotFound([site, client_address](http::Request& r) {
    client_address(r);
    return site->NotFoundPage(r);
  });
  impl.server->Listen();
}

App::~App() = default;

void App::Run() {
  impl_->jobs.Start();
  impl_->server->Run();
  impl_->jobs.Stop();
}
void App::Stop() { impl_->server->Stop(); }
unsigned short App::port() const { return impl_->server->port(); }
const Config& App::config() const { return impl_->config; }
storage::Database& App::database() { return *impl_->database; }
services::AccountService& App::accounts() { return *impl_->accounts; }
services::ProgrammeService& App::programmes() { return *impl_->programmes; }
services::SignupService& App::signup() { return *impl_->signup; }
services::GatheringService& App::gatherings() { return *impl_->gatherings; }
services::TraineeService& App::trainees() { return *impl_->trainees; }
services::PoolService& App::pool() { return *impl_->pool; }
services::ApplicationService& App::applications() { return *impl_->applications; }
services::Mailer& App::mailer() { return impl_->mailer; }
services::MailService& App::mail() { return *impl_->mail; }
Jobs& App::jobs() { return impl_->jobs; }
const http::Router& App::router() const { return impl_->router; }

}  // namespace tp::app
