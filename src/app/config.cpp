#include "app/config.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "domain/text.h"
#include "http/proxies.h"

namespace tp::app {
namespace {

using domain::Trim;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

[[noreturn]] void Bad(const std::string& source, const std::string& key, const std::string& why) {
  throw std::invalid_argument(source + ": setting " + key + " " + why);
}

unsigned long long Number(const std::string& source, const std::string& key,
                          const std::string& value, unsigned long long min,
                          unsigned long long max) {
  std::size_t used = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(value, &used);
  } catch (...) {
    Bad(source, key, "must be a whole number, got \"" + value + "\"");
  }
  if (used != value.size() || value[0] == '-') {
    Bad(source, key, "must be a whole number, got \"" + value + "\"");
  }
  if (n < min || n > max) {
    Bad(source, key,
        "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
            value);
  }
  return n;
}

bool Flag(const std::string& source, const std::string& key, const std::string& value) {
  std::string v = Lower(value);
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off" || v.empty()) return false;
  Bad(source, key, "must be true or false, got \"" + value + "\"");
}

const char* kKeys[] = {"database_url",
                       "listen",
                       "public_url",
                       "io_threads",
                       "worker_threads",
                       "db_pool_size",
                       "sqlite_synchronous",
                       "body_limit_bytes",
                       "upload_limit_bytes",
                       "session_lifetime_hours",
                       "smtp_host",
                       "smtp_port",
                       "smtp_user",
                       "smtp_password",
                       "smtp_from",
                       "smtp_tls",
                       "mail_delivery",
                       "mail_interval_seconds",
                       "mail_max_attempts",
                       "demo",
                       "migrate",
                       "trusted_proxies",
                       "metrics_allow",
                       "metrics_token"};

// A comma-separated list of addresses and CIDRs, checked here so start-up names the setting.
std::string Ranges(const std::string& source, const std::string& key, const std::string& value) {
  try {
    http::ParseCidrList(value);
  } catch (const std::invalid_argument& e) {
    Bad(source, key, std::string("has an entry that ") + e.what());
  }
  return value;
}

std::string UrlHost(const std::string& host) {
  if (host.empty() || host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "[::1]";
  if (host.find(':') != std::string::npos) return "[" + host + "]";
  return host;
}

}  // namespace

void ApplySetting(Config& c, const std::string& raw_key, const std::string& raw_value,
                  const std::string& source) {
  const std::string key = Lower(Trim(raw_key));
  const std::string value = Trim(raw_value);
  if (key == "database_url") {
    if (value.rfind("sqlite:", 0) != 0 && value.rfind("postgresql://", 0) != 0 &&
        value.rfind("postgres://", 0) != 0) {
      Bad(source, key, "must start with sqlite: or postgresql://, got \"" + value + "\"");
    }
    c.database_url = value;
  } else if (key == "listen") {
    auto colon = value.rfind(':');
    if (colon == std::string::npos || colon == 0) {
      Bad(source, key, "must be HOST:PORT, got \"" + value + "\"");
    }
    c.listen_host = value.substr(0, colon);
    if (c.listen_host.size() > 2 && c.listen_host.front() == '[') {
      c.listen_host = c.listen_host.substr(1, c.listen_host.size() - 2);
    }
    c.listen_port =
        static_cast<unsigned short>(Number(source, key, value.substr(colon + 1), 0, 65535));
  } else if (key == "public_url") {
    if (value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0) {
      Bad(source, key, "must start with http:// or https://, got \"" + value + "\"");
    }
    c.public_url = value;
    while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  } else if (key == "io_threads") {
    c.io_threads = Number(source, key, value, 1, 256);
  } else if (key == "worker_threads") {
    c.worker_threads = Number(source, key, value, 1, 1024);
  } else if (key == "db_pool_size") {
    c.db_pool_size = Number(source, key, value, 1, 1024);
  } else if (key == "sqlite_synchronous") {
    std::string v = value;
    std::transform(v.begin(), v.end(), v.begin(), ::toupper);
    if (v != "FULL" && v != "NORMAL")
      Bad(source, key, "must be FULL or NORMAL, got \"" + value + "\"");
    c.sqlite_synchronous = v;
  } else if (key == "body_limit_bytes") {
    c.body_limit_bytes = Number(source, key, value, 1024, 1ULL << 32);
  } else if (key == "upload_limit_bytes") {
    c.upload_limit_bytes = Number(source, key, value, 1024, 1ULL << 32);
  } else if (key == "session_lifetime_hours") {
    c.session_lifetime_hours = static_cast<long>(Number(source, key, value, 1, 24 * 365));
  } else if (key == "smtp_host") {
    c.smtp_host = value;
  } else if (key == "smtp_port") {
    c.smtp_port = static_cast<unsigned short>(Number(source, key, value, 1, 65535));
  } else if (key == "smtp_user") {
    c.smtp_user = value;
  } else if (key == "smtp_password") {
    c.smtp_password = value;
  } else if (key == "smtp_from") {
    if (value.find('@') == std::string::npos) Bad(source, key, "must be an e-mail address");
    c.smtp_from = value;
  } else if (key == "smtp_tls") {
    const std::string v = Lower(value);
    if (v != "none" && v != "starttls" && v != "tls")
      Bad(source, key, "must be none, starttls or tls, got \"" + value + "\"");
    c.smtp_tls = v;
  } else if (key == "mail_delivery") {
    c.mail_delivery = Flag(source, key, value);
  } else if (key == "mail_interval_seconds") {
    c.mail_interval_seconds = static_cast<long>(Number(source, key, value, 1, 86400));
  } else if (key == "mail_max_attempts") {
    c.mail_max_attempts = static_cast<int>(Number(source, key, value, 1, 100));
  } else if (key == "demo") {
    c.demo = Flag(source, key, value);
  } else if (key == "migrate") {
    c.migrate = Flag(source, key, value);
  } else if (key == "trusted_proxies") {
    c.trusted_proxies = Ranges(source, key, value);
  } else if (key == "metrics_allow") {
    c.metrics_allow = Ranges(source, key, value);
  } else if (key == "metrics_token") {
    if (!value.empty() && value.size() < 16)
      Bad(source, key, "must be at least 16 characters long (or empty to disable it)");
    c.metrics_token = value;
  } else {
    throw std::invalid_argument(source + ": unknown setting \"" + raw_key + "\"");
  }
  c.explicitly_set.insert(key);
}

void ApplyConfigText(Config& config, const std::string& text, const std::string& source_name) {
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto eq = t.find('=');
    std::string where = source_name + ":" + std::to_string(number);
    if (eq == std::string::npos) {
      throw std::invalid_argument(where + ": expected KEY=VALUE, got \"" + t + "\"");
    }
    ApplySetting(config, t.substr(0, eq), t.substr(eq + 1), where);
  }
}

void ApplyEnvironment(Config& config) {
  for (const char* key : kKeys) {
    std::string name = "TP_" + std::string(key);
    std::transform(name.begin(), name.end(), name.begin(), ::toupper);
    if (const char* v = std::getenv(name.c_str())) ApplySetting(config, key, v, name);
  }
}

void Validate(const Config& config) {
  if (config.listen_host.empty()) throw std::invalid_argument("setting listen has an empty host");
}

std::vector<std::string> ApplyDerivedSettings(Config& config) {
  std::vector<std::string> warnings;
  const Config defaults;
  const std::string listen_url =
      "http://" + UrlHost(config.listen_host) + ":" + std::to_string(config.listen_port);
  if (config.demo) {
    if (!config.IsSet("public_url") && config.listen_port != 0) config.public_url = listen_url;
    // A fresh demo machine runs no mail server: queue only, unless one was named.
    if (!config.IsSet("smtp_host")) config.mail_delivery = false;
  } else if (config.public_url == defaults.public_url && config.listen_port != 0 &&
             (config.listen_host != defaults.listen_host ||
              config.listen_port != defaults.listen_port)) {
    warnings.push_back("public_url is " + config.public_url +
                       " (the default) but the server listens on " + config.listen_host + ":" +
                       std::to_string(config.listen_port) +
                       ": links in e-mails may not reach it; set public_url (TP_PUBLIC_URL) to "
                       "the address people use");
  }
  return warnings;
}

}  // namespace tp::app
