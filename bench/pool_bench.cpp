// Pool benchmark: one cohort with 50 000 sent applications (SQLite by default, or
// --database URL), served by the real application in this process on a free port, measured over
// HTTP with one keep-alive connection per logged-in user:
//   - an employer coordinator's pool page, filtered (degree) and searched (q), p50/p99;
//   - the operator's full-text search on the application list, p50/p99;
//   - the .xlsx export of all applications (wall time, size).
//
//   pool_bench [--applications 50000] [--requests 300] [--database URL] [--generate-only]
#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "app/config.h"
#include "services/accounts/account_service.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/sql_helpers.h"

using namespace tp;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kPassword = "pool-bench-2026";

struct Reply {
  int status = 0;
  std::string body;
};

// One keep-alive connection with a cookie jar.
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  Reply Send(bhttp::verb method, const std::string& target, const std::string& body = "") {
    try {
      return SendOnce(method, target, body);
    } catch (const std::exception&) {
      stream_.reset();  // the server closed an idle keep-alive connection: one new attempt
      return SendOnce(method, target, body);
    }
  }
  Reply SendOnce(bhttp::verb method, const std::string& target, const std::string& body) {
    if (!stream_) {
      stream_.emplace(ioc_);
      stream_->connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
      stream_->socket().set_option(tcp::no_delay(true));
    }
    bhttp::request<bhttp::string_body> req{method, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(true);
    std::string cookies;
    for (const auto& [k, v] : jar_) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
    if (!cookies.empty()) req.set(bhttp::field::cookie, cookies);
    if (!body.empty()) req.set(bhttp::field::content_type, "application/x-www-form-urlencoded");
    req.body() = body;
    req.prepare_payload();
    bhttp::write(*stream_, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(512 * 1024 * 1024);
    bhttp::read(*stream_, buffer, parser);
    auto res = parser.release();
    for (const auto& h : res.base()) {
      if (h.name() != bhttp::field::set_cookie) continue;
      std::string v(h.value());
      auto eq = v.find('='), semi = v.find(';');
      jar_[v.substr(0, eq)] =
          v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
    }
    if (!res.keep_alive()) stream_.reset();
    return {static_cast<int>(res.result_int()), std::move(res.body())};
  }
  void Login(const std::string& email) {
    Send(bhttp::verb::get, "/login");
    auto r = Send(
        bhttp::verb::post, "/login",
        "_csrf=" + jar_["tp_csrf"] + "&email=" + Encode(email) + "&password=" + Encode(kPassword));
    if (r.status != 303) throw std::runtime_error("login failed for " + email);
  }
  static std::string Encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

 private:
  unsigned short port_;
  boost::asio::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  std::map<std::string, std::string> jar_;
};

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

const char* kGiven[] = {"Kari", "Ola",  "Ingrid", "Per",    "Nora",  "Emil",   "Sara",  "Jonas",
                        "Maja", "Lars", "Ida",    "Henrik", "Sofie", "Magnus", "Hanna", "Sander"};
const char* kFamily[] = {"Hansen", "Johansen",    "Olsen",  "Larsen",  "Andersen", "Pedersen",
                         "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Berg",     "Haugen",
                         "Hagen",  "Eriksen",     "Bakken", "Solberg"};
const char* kFields[] = {"Samfunnsøkonomi", "Statsvitenskap",      "Bygg og miljø",
                         "Vann og avløp",   "Informatikk",         "Jus",
                         "Sykepleie",       "Samfunnsplanlegging", "Regnskap og revisjon",
                         "Geografi"};
// Topics combined into 15 x 8 = 120 search words, so one word occurs in roughly 4 % of the
// applications (five words each), like a family name or a subject in a real cohort.
const char* kTopics[] = {"samferdsel",  "klima",     "digitalisering", "folkehelse",
                         "barnehage",   "arealplan", "innovasjon",     "økonomistyring",
                         "beredskap",   "kulturliv", "vegbygging",     "vannforsyning",
                         "eldreomsorg", "skole",     "næringsliv"};
const char* kSuffixes[] = {"",          "arbeid",  "prosjekt", "strategi",
                           "tjenester", "analyse", "ledelse",  "utvikling"};
std::string Word(int i) { return std::string(kTopics[i % 15]) + kSuffixes[(i / 15) % 8]; }
const char* kInstitutions[] = {"NTNU",    "Universitetet i Oslo", "Universitetet i Bergen",
                               "OsloMet", "Nord universitet",     "Høgskolen i Innlandet"};

}  // namespace

int main(int argc, char** argv) {
  long applications = 50000;
  int requests = 300;
  std::string database;
  bool generate_only = false;
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]) == "--generate-only") generate_only = true;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--applications")
      applications = std::stol(argv[i + 1]);
    else if (a == "--requests")
      requests = std::stoi(argv[i + 1]);
    else if (a == "--database")
      database = argv[i + 1];
  }
  auto dir = std::filesystem::temp_directory_path() / ("tp-pool-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  if (database.empty()) database = "sqlite:" + (dir / "bench.db").string();

  app::Config config;
  config.database_url = database;
  config.listen_port = 0;
  config.migrate = true;
  config.mail_delivery = false;
  config.sqlite_synchronous = "NORMAL";
  auto app = std::make_unique<app::App>(config);
  auto& db = app->database();

  // --- data ----------------------------------------------------------------------------------
  std::int64_t op = 0, cohort = 0, employer = 0, participation = 0;
  std::vector<std::int64_t> backgrounds, participations;
  auto t0 = Clock::now();
  db.Transact([&](storage::Tx& tx) {
    using storage::sqlx::Params;
    using storage::sqlx::Scalar;
    op = Scalar(tx,
                "INSERT INTO operators (name, short_name, kind, created_at) VALUES ('KS', "
                "'KS', 'national', 1) RETURNING id");
    auto programme = Scalar(tx,
                            "INSERT INTO programmes (operator_id, name, structure, description, "
                            "created_at) VALUES (:o, 'Traineeprogram', 'national_model', '', 1) "
                            "RETURNING id",
                            Params().Int("o", op));
    cohort = Scalar(tx,
                    "INSERT INTO cohorts (programme_id, name, signup_deadline, "
                    "application_deadline, starts_on, ends_on, fee_ore, created_at) VALUES (:p, "
                    "'Kull 50000', '2026-11-15', '2027-02-15', '2027-09-01', '2029-03-01', "
                    "6900000, 1) RETURNING id",
                    Params().Int("p", programme));
    for (int b = 0; b < 6; ++b)
      backgrounds.push_back(Scalar(tx,
                                   "INSERT INTO backgrounds (operator_id, name, created_at) "
                                   "VALUES (:o, :n, 1) RETURNING id",
                                   Params().Int("o", op).Text("n", kFields[b])));
    for (int e = 0; e < 40; ++e) {
      auto id = Scalar(tx,
                       "INSERT INTO employers (name, kind, org_number, created_at) VALUES (:n, "
                       "'municipality', :o, 1) RETURNING id",
                       Params()
                           .Text("n", "Kommune " + std::to_string(e))
                           .Text("o", std::to_string(900000000 + e)));
      auto p = Scalar(tx,
                      "INSERT INTO participations (cohort_id, employer_id, status, created_at) "
                      "VALUES (:c, :e, 'confirmed', 1) RETURNING id",
                      Params().Int("c", cohort).Int("e", id));
      storage::sqlx::Exec(tx,
                          "INSERT INTO participation_backgrounds (participation_id, "
                          "background_id) VALUES (:p, :b)",
                          Params().Int("p", p).Int("b", backgrounds[e % 6]));
      participations.push_back(p);
      if (e == 0) {
        employer = id;
        participation = p;
      }
    }
    std::mt19937 rng(42);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    storage::PoolRepository repo(tx);
    for (long i = 0; i < applications; ++i) {
      auto person = Scalar(tx,
                           "INSERT INTO people (email, name, created_at) VALUES (:e, :n, 1) "
                           "RETURNING id",
                           Params()
                               .Text("e", "soker" + std::to_string(i) + "@example.no")
                               .Text("n", "Søker " + std::to_string(i)));
      storage::NewApplication a;
      a.cohort_id = cohort;
      a.person_id = person;
      a.given_name = kGiven[pick(16)];
      a.family_name = kFamily[pick(16)];
      {
        char birth[48];
        std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", 1985 + pick(15), 1 + pick(12),
                      1 + pick(28));
        a.birth_date = birth;
      }
      a.phone = std::to_string(90000000 + i);
      a.qualification = pick(10) < 8 ? "qualified" : (pick(2) ? "not_qualified" : "unassessed");
      a.experience = "Erfaring med " + Word(pick(120)) + " og " + Word(pick(120));
      a.motivation = "Jeg ønsker å arbeide med " + Word(pick(120)) + ", " + Word(pick(120)) +
                     " og " + Word(pick(120)) + " i kommunesektoren.";
      a.sent_at = 1'790'000'000 + i;
      int f = pick(10);
      a.education.push_back({pick(3) ? "master" : "bachelor", f < 6 ? backgrounds[f] : 0,
                             kFields[f], kInstitutions[pick(6)], 2018 + pick(8)});
      for (int k = 0; k < 3; ++k) {
        auto p = participations[static_cast<std::size_t>(pick(40))];
        if (std::find(a.preferences.begin(), a.preferences.end(), p) == a.preferences.end())
          a.preferences.push_back(p);
      }
      repo.InsertApplication(a, 1'790'000'000);
    }
    storage::sqlx::Exec(tx, "UPDATE cohorts SET pool_released_at = 1790000000 WHERE id = :c",
                        Params().Int("c", cohort));
  });
  std::cout << "generated " << applications << " applications in "
            << static_cast<long>(Ms(Clock::now() - t0)) << " ms (" << db.url().substr(0, 6)
            << ")\n";
  if (db.backend() == storage::Backend::kPostgresql)
    db.Transact([](storage::Tx& tx) { storage::sqlx::Exec(tx, "ANALYZE"); });

  if (generate_only) {
    app.reset();
    std::filesystem::remove_all(dir);
    return 0;
  }
  app->accounts().CreatePersonWithPassword("staff@bench.no", "Staff", kPassword,
                                           {{domain::Role::kOperatorStaff, op}});
  app->accounts().CreatePersonWithPassword("koord@bench.no", "Koordinator", kPassword,
                                           {{domain::Role::kCoordinator, employer}});
  std::thread server([&] { app->Run(); });
  const auto port = app->port();
  const std::string base = "/cohorts/" + std::to_string(cohort);
  (void)participation;

  auto measure = [&](const std::string& what, Client& c, const std::string& path_prefix) {
    std::vector<double> ms;
    for (int i = 0; i < requests; ++i) {
      const std::string q = Word(i * 7 % 120);
      auto start = Clock::now();
      auto r = c.Send(bhttp::verb::get, path_prefix + Client::Encode(q));
      ms.push_back(Ms(Clock::now() - start));
      if (r.status != 200) throw std::runtime_error(what + ": status " + std::to_string(r.status));
    }
    std::printf("%-58s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d requests)\n", what.c_str(),
                Percentile(ms, 0.5), Percentile(ms, 0.99), Percentile(ms, 1.0), requests);
  };

  int rc = 0;
  try {
    Client coordinator(port);
    coordinator.Login("koord@bench.no");
    Client staff(port);
    staff.Login("staff@bench.no");
    measure("employer pool page (degree=master, q=word, 25 rows)", coordinator,
            base + "/pool?degree=master&q=");
    measure("employer pool page, unfiltered first page (fit first)", coordinator,
            base + "/pool?x=");
    measure("operator full-text search (q=word, 25 rows)", staff, base + "/applications?q=");
    measure("the same through the JSON API", staff, "/api/v1" + base + "/applications?q=");
    measure("employer pool through the JSON API (degree=master, q=word)", coordinator,
            "/api/v1" + base + "/pool?degree=master&q=");
    auto start = Clock::now();
    auto x = staff.Send(bhttp::verb::get, base + "/applications.xlsx");
    auto took = Ms(Clock::now() - start);
    if (x.status != 200) throw std::runtime_error("xlsx status " + std::to_string(x.status));
    std::printf("operator .xlsx export of all %ld applications: %.0f ms, %zu bytes\n", applications,
                took, x.body.size());
    start = Clock::now();
    auto csv = staff.Send(bhttp::verb::get, base + "/applications.csv");
    std::printf("operator .csv export of all %ld applications: %.0f ms, %zu bytes\n", applications,
                Ms(Clock::now() - start), csv.body.size());
  } catch (const std::exception& e) {
    std::cerr << "pool_bench: " << e.what() << "\n";
    rc = 1;
  }
  app->Stop();
  server.join();
  app.reset();
  std::filesystem::remove_all(dir);
  return rc;
}
