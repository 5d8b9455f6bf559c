#pragma once
#include <cstddef>
#include <set>
#include <string>
#include <vector>

/// Settings of one traineeportal process: defaults, then a config file (KEY=VALUE lines),
/// then environment variables (TP_KEY), then command-line flags.
namespace tp::app {

struct Config {
  std::string database_url = "sqlite:data/traineeportal.db";  ///< TP_DATABASE_URL
  std::string listen_host = "127.0.0.1";                      ///< TP_LISTEN (HOST:PORT)
  unsigned short listen_port = 8080;
  std::string public_url = "http://127.0.0.1:8080";   ///< TP_PUBLIC_URL, for links in e-mail
  std::size_t io_threads = 1;                         ///< TP_IO_THREADS
  std::size_t worker_threads = 4;                     ///< TP_WORKER_THREADS
  std::size_t db_pool_size = 8;                       ///< TP_DB_POOL_SIZE
  std::string sqlite_synchronous = "FULL";            ///< TP_SQLITE_SYNCHRONOUS
  std::size_t body_limit_bytes = 1024 * 1024;         ///< TP_BODY_LIMIT_BYTES
  std::size_t upload_limit_bytes = 10 * 1024 * 1024;  ///< TP_UPLOAD_LIMIT_BYTES
  long session_lifetime_hours = 12;                   ///< TP_SESSION_LIFETIME_HOURS
  std::string smtp_host = "127.0.0.1";                ///< TP_SMTP_HOST
  unsigned short smtp_port = 25;                      ///< TP_SMTP_PORT
  std::string smtp_user;                              ///< TP_SMTP_USER
  std::string smtp_password;                          ///< TP_SMTP_PASSWORD
  std::string smtp_from = "traineeportal@localhost";  ///< TP_SMTP_FROM
  std::string smtp_tls = "none";                      ///< TP_SMTP_TLS: none, starttls, tls
  bool mail_delivery = true;        ///< TP_MAIL_DELIVERY: send the outbox (off: queue only)
  long mail_interval_seconds = 10;  ///< TP_MAIL_INTERVAL_SECONDS between outbox runs
  int mail_max_attempts = 10;       ///< TP_MAIL_MAX_ATTEMPTS before a message is failed
  bool demo = false;                ///< TP_DEMO
  bool migrate = false;             ///< TP_MIGRATE: migrate on start
  /// TP_TRUSTED_PROXIES: addresses/CIDRs of reverse proxies whose X-Forwarded-For / Forwarded
  /// is believed; empty means the peer address is the client.
  std::string trusted_proxies;
  /// TP_METRICS_ALLOW: client addresses/CIDRs that may read /metrics.
  std::string metrics_allow = "127.0.0.0/8, ::1";
  /// TP_METRICS_TOKEN: a bearer token that opens /metrics from anywhere; empty: none.
  std::string metrics_token;
  /// Keys given by a config file, the environment or a flag (through ApplySetting).
  std::set<std::string> explicitly_set;

  /// True when the setting was given rather than left at its default.
  bool IsSet(const std::string& key) const { return explicitly_set.count(key) > 0; }

  /// True when public_url starts with https:// (Secure cookies, HSTS).
  bool Https() const { return public_url.rfind("https://", 0) == 0; }
  /// True when the outbox is sent: mail_delivery on and an smtp_host set.
  bool MailDeliveryOn() const { return mail_delivery && !smtp_host.empty(); }
};

/// Applies KEY=VALUE text (a config file; '#' comments; keys as in the TP_ variables without
/// the prefix, lower or upper case). Throws std::invalid_argument naming the bad key or value.
void ApplyConfigText(Config& config, const std::string& text, const std::string& source_name);
/// Applies TP_* environment variables.
void ApplyEnvironment(Config& config);
/// Sets one setting by key ("database_url", "listen", ...). Throws std::invalid_argument with one
/// line naming the key and the problem.
void ApplySetting(Config& config, const std::string& key, const std::string& value,
                  const std::string& source_name);
/// Checks cross-field rules (threads > 0, limits > 0, URL schemes). Throws std::invalid_argument.
void Validate(const Config& config);
/// Fills in what follows from other settings, before a server starts. In demo mode:
/// public_url, when not set, becomes the --listen address (a wildcard host becomes loopback;
/// a port of 0 is left alone), and e-mail delivery is off unless smtp_host was set. Returns
/// warnings to log: public_url left at its default while the server listens elsewhere (not for
/// port 0, which commands that do not serve use).
std::vector<std::string> ApplyDerivedSettings(Config& config);

}  // namespace tp::app
