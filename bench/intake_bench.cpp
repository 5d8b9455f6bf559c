// Intake benchmark and kill -9 durability check for the application portal.
//
// Starts the real traineeportal binary on a fresh SQLite database (synchronous=FULL), seeds one
// open cohort per "round" with a confirmed employer and `applicants` applicant accounts, logs
// every applicant in through the real login form, and then lets all applicants send their
// applications concurrently (one keep-alive connection each): per round every applicant sends
// a complete application with a 100 KB PDF to that round's cohort as one multipart POST.
//
//   intake_bench --binary PATH [--applicants 64] [--rounds 20] [--worker-threads 16]
//       prints applications per second, p50/p99 latency, and the raw durable insert rate of the
//       same rows written straight into SQLite through the repositories (the ceiling), then
//       checks that every acknowledged application is stored.
//   intake_bench --binary PATH --kill-after-ms N [--applicants 16] [--rounds 50]
//       kills the server with SIGKILL N ms after the first `applicants` acknowledgements (in the
//       middle of the load), restarts it, and checks that every
//       acknowledged (303) application is stored as sent with its education and file rows, that
//       no application is half-written, and that PRAGMA integrity_check says ok. Exit 1 on any
//       failure (registered as a test).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "services/accounts/account_service.h"
#include "services/applications/application_service.h"
#include "services/mail/mailer.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/applications/application_repositories.h"
#include "storage/database.h"
#include "storage/sql_helpers.h"

using namespace tp;

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kPassword = "intake-bench-2026";
const std::string kBoundary = "----intakeBenchBoundary0123456789";

struct Options {
  std::string binary;
  int applicants = 64;
  int rounds = 20;
  int kill_after_ms = 0;
  int worker_threads = 16;  ///< the server's worker_threads (and database pool size)
};

// A keep-alive HTTP/1.1 connection with a cookie jar (tp_session, tp_csrf).
class Client {
 public:
  explicit Client(unsigned short port) : port_(port) {}
  struct Reply {
    int status = 0;
    std::string location;
    std::string body;
  };
  Reply Send(http::verb method, const std::string& target, const std::string& body,
             const std::string& content_type) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!stream_) Connect();
        http::request<http::string_body> req{method, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.keep_alive(true);
        std::string cookies;
        for (const auto& [k, v] : jar_) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
        if (!cookies.empty()) req.set(http::field::cookie, cookies);
        if (!content_type.empty()) req.set(http::field::content_type, content_type);
        req.body() = body;
        req.prepare_payload();
        http::write(*stream_, req);
        beast::flat_buffer buffer;
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        http::read(*stream_, buffer, parser);
        auto res = parser.release();
        for (const auto& h : res.base()) {
          if (h.name() != http::field::set_cookie) continue;
          std::string v(h.value());
          auto eq = v.find('='), semi = v.find(';');
          jar_[v.substr(0, eq)] =
              v.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
        }
        if (!res.keep_alive()) stream_.reset();
        return {static_cast<int>(res.result_int()), std::string(res[http::field::location]),
                std::move(res.body())};
      } catch (const std::exception&) {
        stream_.reset();
        if (attempt == 1) throw;
      }
    }
    return {};
  }
  std::string Csrf() const {
    auto it = jar_.find("tp_csrf");
    return it == jar_.end() ? "" : it->second;
  }

 private:
  void Connect() {
    stream_.emplace(ioc_);
    stream_->connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
    stream_->socket().set_option(tcp::no_delay(true));
  }
  unsigned short port_;
  boost::asio::io_context ioc_;
  std::optional<beast::tcp_stream> stream_;
  std::map<std::string, std::string> jar_;
};

std::string UrlEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// A valid PDF of about `size` bytes.
std::string MakePdf(std::size_t size) {
  std::string pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ";
  std::mt19937 rng(42);
  while (pdf.size() + 40 < size) pdf += static_cast<char>('a' + rng() % 26);
  pdf += "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
  return pdf;
}

std::vector<std::pair<std::string, std::string>> Fields(std::int64_t participation, int n) {
  return {{"given_name", "Søker"},
          {"family_name", "Nummer " + std::to_string(n)},
          {"birth_date", "01.02.1996"},
          {"gender", n % 2 ? "female" : "male"},
          {"phone", "912 34 567"},
          {"address", "Storgata " + std::to_string(n)},
          {"postal_code", "0155"},
          {"city", "Oslo"},
          {"municipality_number", "0301"},
          {"occupation", "Rådgiver"},
          {"experience", "Fem år som saksbehandler i en kommune."},
          {"motivation", "Jeg ønsker å bidra til en bedre kommunesektor."},
          {"edu_rows", "2"},
          {"edu_degree_0", "master"},
          {"edu_field_0", "Samfunnsøkonomi"},
          {"edu_institution_0", "Universitetet i Oslo"},
          {"edu_year_0", "2020"},
          {"edu_degree_1", "bachelor"},
          {"edu_field_1", "Statsvitenskap"},
          {"edu_institution_1", "NTNU"},
          {"edu_year_1", "2018"},
          {"pref_" + std::to_string(participation), "1"},
          {"action", "send"}};
}

std::string Multipart(const std::string& csrf,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& pdf) {
  std::string out;
  auto field = [&](const std::string& name, const std::string& value) {
    out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
           value + "\r\n";
  };
  field("_csrf", csrf);
  for (const auto& [k, v] : fields) field(k, v);
  out += "--" + kBoundary +
         "\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"cv.pdf\"\r\nContent-Type: "
         "application/pdf\r\n\r\n" +
         pdf + "\r\n--" + kBoundary + "--\r\n";
  return out;
}

unsigned short FreePort() {
  boost::asio::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

pid_t StartServer(const Options& o, const std::string& url, unsigned short port,
                  const std::string& log) {
  const auto threads = std::to_string(o.worker_threads);
  setenv("TP_WORKER_THREADS", threads.c_str(), 1);
  setenv("TP_DB_POOL_SIZE", threads.c_str(), 1);
  pid_t pid = fork();
  if (pid == 0) {
    FILE* f = std::freopen(log.c_str(), "a", stdout);
    (void)f;
    dup2(fileno(stdout), fileno(stderr));
    const std::string listen = "127.0.0.1:" + std::to_string(port);
    execl(o.binary.c_str(), o.binary.c_str(), "serve", "--database", url.c_str(), "--listen",
          listen.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait until it answers.
  for (int i = 0; i < 3000; ++i) {
    try {
      Client c(port);
      if (c.Send(http::verb::get, "/readyz", "", "").status == 200) return pid;
    } catch (const std::exception&) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("server did not start; see " + log);
}

struct World {
  std::vector<std::int64_t> cohorts;
  std::vector<std::int64_t> participations;
  std::vector<std::string> emails;
};

World Seed(storage::Database& db, const Options& o) {
  services::Mailer mailer;
  services::AccountService accounts(db, {}, mailer);
  services::ProgrammeService programmes(db);
  services::SignupService signup(db, programmes);
  programmes.EnsureMunicipalitiesLoaded();
  World w;
  const auto op = programmes.CreateOperatorTrusted({"KS", "KS", "national"});
  const auto programme = programmes.CreateProgrammeTrusted(
      op, {"Kommunesektorens traineeprogram", "national_model", ""});
  const auto deadline = domain::FormatIso(domain::AddDays(domain::OsloToday(), 30));
  const auto start = domain::FormatIso(domain::AddDays(domain::OsloToday(), 200));
  const auto employer = signup.CreateEmployerTrusted(
      {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
  for (int r = 0; r < o.rounds; ++r) {
    const auto cohort = programmes.CreateCohortTrusted(
        programme, {"Kull " + std::to_string(r + 1), "2020-01-01", deadline, start, "", ""});
    services::ParticipationInput p;
    p.employer_id = std::to_string(employer);
    p.trainees_wanted = "1";
    p.status = "confirmed";
    w.participations.push_back(signup.SignUpEmployerTrusted(cohort, p));
    w.cohorts.push_back(cohort);
  }
  for (int i = 0; i < o.applicants; ++i) {
    w.emails.push_back("soker" + std::to_string(i) + "@bench.example.no");
    accounts.CreatePersonWithPassword(w.emails.back(), "Søker " + std::to_string(i), kPassword,
                                      {{domain::Role::kApplicant, 0}});
  }
  return w;
}

struct Ack {
  std::string email;
  std::int64_t cohort = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * v.size()))];
}

// Checks every acknowledged application; prints problems; returns their number.
int Verify(storage::Database& db, const std::vector<Ack>& acks, std::size_t pdf_size) {
  int problems = 0;
  db.Read([&](storage::Tx& tx) {
    using storage::sqlx::Cursor;
    using storage::sqlx::Params;
    {
      Cursor c(tx, "PRAGMA integrity_check", {}, "T");
      c.Next();
      if (c.Text(0) != "ok") {
        std::cout << "integrity_check: " << c.Text(0) << "\n";
        ++problems;
      }
    }
    for (const auto& a : acks) {
      Cursor c(tx,
               "SELECT a.status, (SELECT COUNT(*) FROM application_education e WHERE "
               "e.application_id = a.id), (SELECT COUNT(*) FROM application_files f WHERE "
               "f.application_id = a.id AND f.size_bytes = :size), (SELECT COUNT(*) FROM "
               "application_preferences p WHERE p.application_id = a.id) FROM applications a "
               "JOIN people p ON p.id = a.person_id WHERE p.email = :email AND a.cohort_id = "
               ":cohort",
               Params()
                   .Int("size", static_cast<long long>(pdf_size))
                   .Text("email", a.email)
                   .Int("cohort", a.cohort),
               "TIII");
      if (!c.Next() || c.Text(0) != "sent" || c.Int(1) != 2 || c.Int(2) != 1 || c.Int(3) != 1) {
        std::cout << "acknowledged application missing or incomplete: " << a.email << " cohort "
                  << a.cohort << "\n";
        ++problems;
      }
    }
    // Nothing half-written: every application row has exactly its two education rows, one
    // preference and one file (a transaction commits all of them or none).
    const auto half = storage::sqlx::Scalar(
        tx,
        "SELECT COUNT(*) FROM applications a WHERE (SELECT COUNT(*) FROM application_education e "
        "WHERE e.application_id = a.id) <> 2 OR (SELECT COUNT(*) FROM application_files f WHERE "
        "f.application_id = a.id) <> 1 OR a.status <> 'sent'");
    if (half != 0) {
      std::cout << half << " half-written application(s)\n";
      ++problems;
    }
  });
  return problems;
}

// The same rows straight into SQLite through the repositories, one durable transaction per
// application, from one writer (SQLite has one): the ceiling for the whole stack.
double RawInsertRate(const std::string& dir, int count, const std::string& pdf) {
  auto db = storage::Database::Open("sqlite:" + dir + "/raw.db", {.create_sqlite_file = true});
  db->Migrate();
  Options o;
  o.rounds = 1;
  o.applicants = 0;
  auto w = Seed(*db, o);
  std::vector<std::int64_t> people;
  db->Transact([&](storage::Tx& tx) {
    for (int i = 0; i < count; ++i)
      people.push_back(storage::sqlx::Scalar(
          tx,
          "INSERT INTO people (email, name, locale, disabled, created_at) VALUES (:email, 'Raw', "
          "'', 0, 0) RETURNING id",
          storage::sqlx::Params().Text("email", "raw" + std::to_string(i) + "@bench.example.no")));
  });
  const auto& content = pdf;
  const auto t0 = Clock::now();
  for (int i = 0; i < count; ++i) {
    db->Transact([&](storage::Tx& tx) {
      storage::ApplicationRepository repo(tx);
      domain::Application a;
      a.id = repo.Ensure(w.cohorts[0], people[i], 1);
      a.given_name = "Søker";
      a.family_name = "Nummer " + std::to_string(i);
      a.birth_date = "1996-02-01";
      a.phone = "912 34 567";
      a.address = "Storgata 1";
      a.postal_code = "0155";
      a.city = "Oslo";
      a.municipality_number = "0301";
      a.occupation = "Rådgiver";
      a.experience = "Fem år som saksbehandler i en kommune.";
      a.motivation = "Jeg ønsker å bidra til en bedre kommunesektor.";
      a.education = {{0, 1, "master", std::nullopt, "", "Samfunnsøkonomi", "UiO", 2020},
                     {0, 2, "bachelor", std::nullopt, "", "Statsvitenskap", "NTNU", 2018}};
      repo.Update(a, {w.participations[0]}, domain::ApplicationSearchText(a), 1);
      repo.AddFile(a.id, "cv", "cv.pdf", static_cast<std::int64_t>(pdf.size()), "0", content, 1);
      repo.MarkSent(a.id, 1);
    });
  }
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  return count / s;
}

int Run(const Options& o) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("tp-intake-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string url = "sqlite:" + (dir / "intake.db").string();
  const std::string log = (dir / "server.log").string();
  const std::string pdf = MakePdf(100 * 1024);
  World world;
  {
    auto db = storage::Database::Open(url, {.create_sqlite_file = true});
    db->Migrate();
    world = Seed(*db, o);
  }
  const auto port = FreePort();
  pid_t server = StartServer(o, url, port, log);

  // Every applicant logs in through the form (argon2id), concurrently.
  std::vector<std::unique_ptr<Client>> clients;
  for (int i = 0; i < o.applicants; ++i) clients.push_back(std::make_unique<Client>(port));
  const auto login_start = Clock::now();
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < o.applicants; ++i)
      threads.emplace_back([&, i] {
        auto& c = *clients[i];
        c.Send(http::verb::get, "/login", "", "");
        auto r = c.Send(http::verb::post, "/login",
                        "_csrf=" + UrlEncode(c.Csrf()) + "&email=" + UrlEncode(world.emails[i]) +
                            "&password=" + UrlEncode(kPassword),
                        "application/x-www-form-urlencoded");
        if (r.status != 303) std::cerr << "login failed for " << world.emails[i] << "\n";
      });
    for (auto& t : threads) t.join();
  }
  const double login_s = std::chrono::duration<double>(Clock::now() - login_start).count();

  std::mutex mu;
  std::vector<Ack> acks;
  std::vector<double> latencies_ms;
  std::atomic<int> failures{0};
  std::atomic<bool> killed{false};
  const auto start = Clock::now();
  std::thread killer;
  if (o.kill_after_ms > 0) {
    // Counted from the moment the load is under way (the first `applicants` acknowledgements),
    // so a slow build (sanitizers) is killed in the middle of the load as well.
    killer = std::thread([&] {
      const auto give_up = Clock::now() + std::chrono::seconds(120);
      while (Clock::now() < give_up) {
        {
          std::lock_guard lock(mu);
          if (static_cast<int>(acks.size()) >= o.applicants) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(o.kill_after_ms));
      killed = true;
      kill(server, SIGKILL);
    });
  }
  {
    std::vector<std::thread> threads;
    for (int i = 0; i < o.applicants; ++i)
      threads.emplace_back([&, i] {
        auto& c = *clients[i];
        for (int r = 0; r < o.rounds; ++r) {
          const auto body = Multipart(c.Csrf(), Fields(world.participations[r], i), pdf);
          const auto t0 = Clock::now();
          Client::Reply reply;
          try {
            reply = c.Send(http::verb::post, "/apply/cohorts/" + std::to_string(world.cohorts[r]),
                           body, "multipart/form-data; boundary=" + kBoundary);
          } catch (const std::exception&) {
            if (killed) return;
            ++failures;
            continue;
          }
          const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
          if (reply.status == 303 && reply.location.find("/receipt") != std::string::npos) {
            std::lock_guard lock(mu);
            acks.push_back({world.emails[i], world.cohorts[r]});
            latencies_ms.push_back(ms);
          } else {
            ++failures;
          }
        }
      });
    for (auto& t : threads) t.join();
  }
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  if (killer.joinable()) killer.join();

  int problems = 0;
  if (o.kill_after_ms > 0) {
    waitpid(server, nullptr, 0);
    // Restart on the same file: the server recovers the WAL and starts.
    server = StartServer(o, url, port, log);
    auto db = storage::Database::Open(url, {});
    problems = Verify(*db, acks, pdf.size());
    long stored = 0;
    db->Read([&](storage::Tx& tx) {
      stored = static_cast<long>(storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM applications"));
    });
    std::cout << "killed with SIGKILL " << o.kill_after_ms << " ms into the load: " << acks.size()
              << " acknowledged, " << stored << " stored (unacknowledged ones in flight may be "
              << "either), " << problems << " problem(s)\n";
    if (acks.empty()) {
      std::cout << "no application was acknowledged before the kill\n";
      ++problems;
    }
    if (static_cast<int>(acks.size()) == o.applicants * o.rounds)
      std::cout << "warning: the whole load finished before the kill; lower --kill-after-ms\n";
  } else {
    std::printf(
        "applicants: %d concurrent, %d applications each, 100 KB PDF, SQLite "
        "synchronous=FULL\n",
        o.applicants, o.rounds);
    std::printf("logins (argon2id, concurrent): %d in %.2f s\n", o.applicants, login_s);
    std::printf("applications acknowledged: %zu in %.2f s, %d failed\n", acks.size(), elapsed,
                failures.load());
    const double rate = acks.size() / elapsed;
    std::printf("applications per second: %.1f\n", rate);
    std::printf("latency p50: %.1f ms, p99: %.1f ms\n", Percentile(latencies_ms, 0.50),
                Percentile(latencies_ms, 0.99));
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
    server = 0;
    const double ceiling =
        RawInsertRate(dir.string(), std::min<int>(2000, o.applicants * o.rounds), pdf);
    std::printf(
        "raw durable insert ceiling (same rows, repositories, one transaction each): "
        "%.1f per second\n",
        ceiling);
    std::printf("share of the ceiling: %.0f %%\n", 100.0 * rate / ceiling);
    auto db = storage::Database::Open(url, {});
    problems = Verify(*db, acks, pdf.size());
    std::printf("every acknowledged application stored: %s\n", problems == 0 ? "yes" : "NO");
  }
  if (server > 0) {
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
  }
  std::filesystem::remove_all(dir);
  return problems == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  bool rounds_set = false, applicants_set = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--binary") {
      o.binary = v;
    } else if (k == "--applicants") {
      o.applicants = std::stoi(v);
      applicants_set = true;
    } else if (k == "--rounds") {
      o.rounds = std::stoi(v);
      rounds_set = true;
    } else if (k == "--worker-threads") {
      o.worker_threads = std::stoi(v);
    } else if (k == "--kill-after-ms") {
      o.kill_after_ms = std::stoi(v);
    } else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  if (o.binary.empty()) {
    std::cerr << "usage: intake_bench --binary PATH [--applicants N] [--rounds N] "
                 "[--worker-threads N] [--kill-after-ms N]\n";
    return 2;
  }
  if (o.kill_after_ms > 0) {
    if (!applicants_set) o.applicants = 16;
    if (!rounds_set) o.rounds = 50;
  }
  try {
    return Run(o);
  } catch (const std::exception& e) {
    std::cerr << "intake_bench: " << e.what() << "\n";
    return 1;
  }
}
