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

}  // namespace
}  // namespace tp::app
