// What every request goes through, tried as an attacker would: return targets, header fields,
// text that is not UTF-8 or holds control characters, log lines, file names, and a database that
// cannot take a write.
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/sinks/base_sink.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <sstream>
#include <thread>

#include "app/app.h"
#include "domain/dates.h"
#include "http/log.h"
#include "http/text.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/database.h"
#include "support/forms.h"
#include "support/test_app.h"
#include "support/test_database.h"

namespace tp {
namespace {

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

TEST(BoundaryHttp, LanguageSwitchSendsOnlyToLocalPathsAndNeverSplitsTheHeader) {
  test::TestApp app;
  auto c = app.Anonymous();
  for (const std::string next :
       {"/%0d%0aSet-Cookie:%20tp_session=attacker", "/%0aLocation:%20https://evil.example", "/%00",
        "/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example",
        "/%2F%5Cevil.example%20x"}) {
    auto r = c.Get("/lang/nb?next=" + next);
    SCOPED_TRACE(next);
    EXPECT_TRUE(r.status == 303 || r.status == 422) << r.status;
    EXPECT_FALSE(Has(r.Header("set-cookie"), "tp_session")) << r.Header("set-cookie");
    if (r.status == 303) {
      EXPECT_EQ(r.Header("location"), "/");
    }
    EXPECT_EQ(r.headers.count("location") + (r.status == 303 ? 0 : 1), 1u);
  }
  // A backslash sent raw in the request target is refused the same way.
  auto raw = c.Get("/lang/en?next=/\\evil.example");
  EXPECT_TRUE(raw.status == 400 || raw.Header("location") == "/") << raw.status;
  // A local path comes through unchanged.
  auto ok = c.Get("/lang/nn?next=%2Fadvert%2Fcohorts%2F7%3Fx%3D1");
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(ok.Header("location"), "/advert/cohorts/7?x=1");
  EXPECT_TRUE(Has(ok.Header("set-cookie"), "tp_lang=nn"));
}

TEST(BoundaryHttp, TextThatIsNotUtf8IsRefusedOnPagesAndInTheApi) {
  test::TestApp app;
  auto c = app.Anonymous();
  c.Get("/register");
  const std::string body = "_csrf=" + test::CsrfOf(c) +
                           "&email=ugyldig%40example.no&name=%FF%FE%C3%28"
                           "&password=hemmelig-passord&password_repeat=hemmelig-passord"
                           "&accept_terms=1";
  auto page = c.Post("/register", body);
  EXPECT_EQ(page.status, 422);
  EXPECT_TRUE(Has(page.body, "gyldig UTF-8")) << page.body;
  // Nothing was stored: no verification e-mail was queued for that address.
  long long queued = -1;
  app.app().database().Read([&](storage::Tx& tx) {
    tx.sql() << "SELECT COUNT(*) FROM outbox WHERE to_address = 'ugyldig@example.no'",
        soci::into(queued);
  });
  EXPECT_EQ(queued, 0);

  auto api = c.Post("/api/v1/registrations",
                    "{\"email\":\"ugyldig@example.no\",\"name\":\"\xFF\xFE\xC3\x28\"}",
                    "application/json");
  EXPECT_EQ(api.status, 400);
  EXPECT_EQ(api.Header("content-type"), "application/problem+json");
  EXPECT_TRUE(boost::json::parse(api.body).as_object().contains("detail"));
  // A query value that is not UTF-8 is refused too, on a page and in the API.
  EXPECT_EQ(c.Get("/login?next=%FF").status, 422);
  EXPECT_EQ(c.Get("/api/v1/advert/cohorts/1?x=%C3%28").status, 400);
}

TEST(BoundaryHttp, ControlCharactersAreRemovedAtTheBoundary) {
  test::TestApp app;
  auto c = app.Anonymous();
  c.Get("/login");
  // A vertical tab (as word processors paste a line break) and an escape character.
  auto r = c.Post("/login", test::FormBody(c, {{"email", "kari\x0b\x1bnordmann@example.no"},
                                               {"password", "feil-passord-123"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_FALSE(Has(r.body, "\x0b"));
  EXPECT_FALSE(Has(r.body, "\x1b"));
  EXPECT_TRUE(Has(r.body, "kari\nnordmann@example.no")) << r.body;
}

TEST(BoundaryHttp, TheAtomFeedStaysWellFormedWhateverWasStored) {
  test::TestApp app;
  auto& svc = app.app().programmes();
  auto& signup = app.app().signup();
  auto ks = svc.CreateOperatorTrusted({"KS", "KS", "national"});
  auto programme = svc.CreateProgrammeTrusted(ks, {"Traineeprogram", "national_model", ""});
  const auto today = domain::OsloToday();
  auto cohort =
      svc.CreateCohortTrusted(programme, {"Kull 21", domain::FormatIso(domain::AddDays(today, 5)),
                                          domain::FormatIso(domain::AddDays(today, 20)),
                                          domain::FormatIso(domain::AddDays(today, 200)), "", ""});
  auto employer = signup.CreateEmployerTrusted(
      {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
  services::ParticipationInput in;
  in.employer_id = std::to_string(employer);
  in.trainees_wanted = "2";
  // Stored before the boundary rule existed: a control character and a broken UTF-8 sequence.
  in.presentation = "Linje\x0bny & <god> \x01slutt";
  // (PostgreSQL itself refuses to store bytes that are not UTF-8.)
  if (test::BackendName() == "sqlite") in.presentation += " \xC3";
  in.status = "confirmed";
  signup.SignUpEmployerTrusted(cohort, in);
  auto feed = app.Anonymous().Get("/advert/cohorts/" + std::to_string(cohort) + "/feed.atom");
  ASSERT_EQ(feed.status, 200);
  for (unsigned char ch : feed.body) {
    EXPECT_FALSE(ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') << int(ch);
  }
  EXPECT_TRUE(Has(feed.body, "ny &amp; &lt;god&gt;")) << feed.body;
  EXPECT_TRUE(http::IsValidUtf8(feed.body));
}

// Log lines as a log shipper reads them: each must parse as JSON (which is UTF-8).
class LineSink : public spdlog::sinks::base_sink<std::mutex> {
 public:
  std::string Text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    text_.append(line.data(), line.size());
  }
  void flush_() override {}

 private:
  std::string text_;
};

class CapturedLog {
 public:
  CapturedLog() : sink_(std::make_shared<LineSink>()) {
    sink_->set_pattern("{%v}");
    http::Logger().sinks().push_back(sink_);
  }
  ~CapturedLog() {
    auto& sinks = http::Logger().sinks();
    sinks.erase(std::remove(sinks.begin(), sinks.end(), sink_), sinks.end());
  }
  std::string Text() { return sink_->Text(); }

 private:
  std::shared_ptr<LineSink> sink_;
};

TEST(BoundaryHttp, LogLinesStayValidJsonWhateverThePath) {
  // Before the server starts and removed after it stops: the logger's sinks are not guarded.
  CapturedLog log;
  test::TestApp app;
  auto c = app.Anonymous();
  EXPECT_EQ(c.Get("/%FF%FE/sti%C3%28").status, 404);
  EXPECT_EQ(c.Get("/api/v1/%FF").status, 404);
  // The access log line is written after the response is sent: wait for both (at most 5 s).
  std::string text;
  int requests = 0;
  for (int attempt = 0; attempt < 100 && requests < 2; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    text = log.Text();
    std::istringstream lines(text);
    std::string line;
    requests = 0;
    while (std::getline(lines, line)) {
      boost::system::error_code ec;
      auto value = boost::json::parse(line, ec);
      ASSERT_FALSE(ec) << line;
      if (value.as_object().contains("path") &&
          value.as_object().at("path").as_string().starts_with("/")) {
        if (value.as_object().at("status") == 404) ++requests;
      }
    }
  }
  EXPECT_GE(requests, 2) << text;
}

TEST(BoundaryHttp, AWriteTheDatabaseCannotTakeIs503WithTheFormShownAgain) {
  test::TestApp app;
  auto c = app.Anonymous();
  c.Get("/register");
  const auto fields =
      std::vector<std::pair<std::string, std::string>>{{"email", "ventende@example.no"},
                                                       {"name", "Vera Ventende"},
                                                       {"password", "hemmelig-passord"},
                                                       {"password_repeat", "hemmelig-passord"},
                                                       {"accept_terms", "1"}};
  if (test::BackendName() == "sqlite") {
    // Another process holds the write lock longer than the busy timeout.
    soci::session lock(soci::sqlite3, "db=\"" + app.app().database().url().substr(7) + "\"");
    lock << "BEGIN EXCLUSIVE";
    auto r = c.Post("/register", test::FormBody(c, fields));
    lock << "ROLLBACK";
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.Header("retry-after"), "30");
    EXPECT_TRUE(Has(r.body, "value=\"ventende@example.no\"")) << r.body;
    EXPECT_TRUE(Has(r.body, "Vera Ventende"));
    EXPECT_TRUE(Has(r.body, "Ingenting gikk tapt")) << r.body;
  } else {
    // The server stops taking connections to the database, and drops the ones it has.
    const char* admin_url = std::getenv("TP_TEST_POSTGRES_URL");
    ASSERT_NE(admin_url, nullptr);
    const std::string url = app.app().database().url();
    const std::string name = url.substr(url.rfind('/') + 1);
    soci::session admin(soci::postgresql, storage::DatabaseUrl::Parse(admin_url).connection_string);
    admin << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false";
    admin << "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
                 "'";
    auto page = c.Get("/advert/cohorts/1");
    auto api = c.Get("/api/v1/advert/cohorts/1");
    auto form = c.Post("/register", test::FormBody(c, fields));
    admin << "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true";
    EXPECT_EQ(page.status, 503);
    EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(page.Header("retry-after"), "30");
    EXPECT_EQ(api.status, 503);
    EXPECT_EQ(api.Header("content-type"), "application/problem+json");
    EXPECT_EQ(form.status, 503);
    EXPECT_TRUE(Has(form.body, "value=\"ventende@example.no\"")) << form.body;
  }
  // Once the database is back, the same form goes through.
  auto again = c.Post("/register", test::FormBody(c, fields));
  EXPECT_EQ(again.status, 200) << again.body;
}

}  // namespace
}  // namespace tp
