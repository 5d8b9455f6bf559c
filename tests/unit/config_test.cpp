#include "app/config.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace tp::app {
namespace {

TEST(Config, DefaultsServeSqliteOnLocalhost) {
  Config c;
  EXPECT_EQ(c.database_url, "sqlite:data/traineeportal.db");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_FALSE(c.Https());
}

TEST(Config, FileTextSetsValuesAndIgnoresComments) {
  Config c;
  ApplyConfigText(c,
                  "# production\nDATABASE_URL = postgresql://tp@db/tp\nlisten=0.0.0.0:9000\n"
                  "public_url=https://trainee.example.no/\nsession_lifetime_hours=8\n\n",
                  "tp.conf");
  EXPECT_EQ(c.database_url, "postgresql://tp@db/tp");
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  EXPECT_EQ(c.public_url, "https://trainee.example.no");
  EXPECT_TRUE(c.Https());
  EXPECT_EQ(c.session_lifetime_hours, 8);
}

TEST(Config, ErrorsNameTheSourceLineAndSetting) {
  Config c;
  try {
    ApplyConfigText(c, "listen=127.0.0.1:80\nworker_threads=lots\n", "tp.conf");
    FAIL() << "accepted a bad number";
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("tp.conf:2"), std::string::npos) << what;
    EXPECT_NE(what.find("worker_threads"), std::string::npos) << what;
  }
  EXPECT_THROW(ApplyConfigText(c, "colour=blue\n", "tp.conf"), std::invalid_argument);
  EXPECT_THROW(ApplyConfigText(c, "just words\n", "tp.conf"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "listen", "8080", "--listen"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "listen", "host:70000", "--listen"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "io_threads", "0", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "io_threads", "-1", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "database_url", "mysql://x", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "public_url", "trainee.example.no", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "sqlite_synchronous", "OFF", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "demo", "maybe", "x"), std::invalid_argument);
}

TEST(Config, EnvironmentOverridesTheFile) {
  Config c;
  ApplyConfigText(c, "worker_threads=2\n", "tp.conf");
  setenv("TP_WORKER_THREADS", "7", 1);
  setenv("TP_SQLITE_SYNCHRONOUS", "normal", 1);
  ApplyEnvironment(c);
  unsetenv("TP_WORKER_THREADS");
  unsetenv("TP_SQLITE_SYNCHRONOUS");
  EXPECT_EQ(c.worker_threads, 7u);
  EXPECT_EQ(c.sqlite_synchronous, "NORMAL");
}

TEST(Config, IPv6ListenAddress) {
  Config c;
  ApplySetting(c, "listen", "[::1]:8443", "--listen");
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.listen_port, 8443);
}

TEST(Config, ProxyAndMetricsSettingsAreCheckedAtStart) {
  Config c;
  EXPECT_EQ(c.trusted_proxies, "");
  EXPECT_EQ(c.metrics_allow, "127.0.0.0/8, ::1");
  EXPECT_EQ(c.metrics_token, "");
  ApplyConfigText(c,
                  "trusted_proxies = 10.0.0.0/8, 2001:db8::/32\nmetrics_allow=192.0.2.7\n"
                  "metrics_token=0123456789abcdef\n",
                  "tp.conf");
  EXPECT_EQ(c.trusted_proxies, "10.0.0.0/8, 2001:db8::/32");
  EXPECT_EQ(c.metrics_allow, "192.0.2.7");
  EXPECT_EQ(c.metrics_token, "0123456789abcdef");
  try {
    ApplyConfigText(c, "trusted_proxies=10.0.0.0/33\n", "tp.conf");
    FAIL() << "accepted a bad range";
  } catch (const std::invalid_argument& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("tp.conf:1: setting trusted_proxies"), std::string::npos) << what;
    EXPECT_NE(what.find("10.0.0.0/33"), std::string::npos) << what;
  }
  EXPECT_THROW(ApplySetting(c, "metrics_allow", "localhost", "x"), std::invalid_argument);
  EXPECT_THROW(ApplySetting(c, "metrics_token", "short", "x"), std::invalid_argument);
}

TEST(Config, KnowsWhichSettingsWereGiven) {
  Config c;
  EXPECT_FALSE(c.IsSet("public_url"));
  ApplySetting(c, "PUBLIC_URL", "https://trainee.example.no", "x");
  EXPECT_TRUE(c.IsSet("public_url"));
  EXPECT_FALSE(c.IsSet("smtp_host"));
}

TEST(Config, DemoPublicUrlFollowsListen) {
  Config c;
  c.demo = true;
  ApplySetting(c, "listen", "127.0.0.1:9090", "--listen");
  EXPECT_TRUE(ApplyDerivedSettings(c).empty());
  EXPECT_EQ(c.public_url, "http://127.0.0.1:9090");

  Config wildcard;
  wildcard.demo = true;
  ApplySetting(wildcard, "listen", "0.0.0.0:8181", "--listen");
  ApplyDerivedSettings(wildcard);
  EXPECT_EQ(wildcard.public_url, "http://127.0.0.1:8181");

  Config v6;
  v6.demo = true;
  ApplySetting(v6, "listen", "[::1]:8282", "--listen");
  ApplyDerivedSettings(v6);
  EXPECT_EQ(v6.public_url, "http://[::1]:8282");

  // An explicit public_url is kept.
  Config given;
  given.demo = true;
  ApplySetting(given, "public_url", "https://demo.example.no", "x");
  ApplySetting(given, "listen", "127.0.0.1:9090", "--listen");
  ApplyDerivedSettings(given);
  EXPECT_EQ(given.public_url, "https://demo.example.no");

  // A free port chosen at bind time (0) says nothing about the URL.
  Config any_port;
  any_port.demo = true;
  any_port.listen_port = 0;
  ApplyDerivedSettings(any_port);
  EXPECT_EQ(any_port.public_url, "http://127.0.0.1:8080");
}

TEST(Config, OutsideDemoADefaultPublicUrlWithAnotherListenIsAWarning) {
  Config c;
  ApplySetting(c, "listen", "0.0.0.0:9090", "--listen");
  auto warnings = ApplyDerivedSettings(c);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("public_url"), std::string::npos);
  EXPECT_NE(warnings[0].find("0.0.0.0:9090"), std::string::npos);
  EXPECT_EQ(c.public_url, "http://127.0.0.1:8080");  // not guessed outside demo mode

  Config same;
  EXPECT_TRUE(ApplyDerivedSettings(same).empty());
  Config set;
  ApplySetting(set, "listen", "0.0.0.0:9090", "--listen");
  ApplySetting(set, "public_url", "https://trainee.example.no", "x");
  EXPECT_TRUE(ApplyDerivedSettings(set).empty());
}

TEST(Config, DemoModeSendsNoMailUnlessAnSmtpHostIsGiven) {
  Config demo;
  demo.demo = true;
  ApplyDerivedSettings(demo);
  EXPECT_FALSE(demo.MailDeliveryOn());

  Config demo_smtp;
  demo_smtp.demo = true;
  ApplySetting(demo_smtp, "smtp_host", "mail.example.no", "x");
  ApplyDerivedSettings(demo_smtp);
  EXPECT_TRUE(demo_smtp.MailDeliveryOn());

  Config production;
  ApplyDerivedSettings(production);
  EXPECT_TRUE(production.MailDeliveryOn());
}

}  // namespace
}  // namespace tp::app
