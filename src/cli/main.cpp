// traineeportal: the command-line entry point (serve, migrate, create-admin, seed-demo, backup,
// healthcheck, version).
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/config.h"
#include "app/demo.h"
#include "app/openapi.h"
#include "http/log.h"
#include "services/accounts/account_service.h"
#include "services/mail/mailer.h"
#include "services/publiclist/publiclist_service.h"
#include "storage/database.h"

#ifndef TP_VERSION
#define TP_VERSION "dev"
#endif

namespace {

using tp::app::Config;

struct Command {
  const char* name;
  const char* summary;
  const char* usage;
};

const Command kCommands[] = {
    {"serve", "Serve the web application and the API",
     "traineeportal serve [--config FILE] [--database URL] [--listen HOST:PORT] [--demo] "
     "[--migrate]\n"
     "  --demo     demo mode: load demo data on an empty database and list demo logins\n"
     "  --migrate  apply pending migrations before serving (otherwise refuse to start)"},
    {"migrate", "Apply pending database migrations",
     "traineeportal migrate [--config FILE] [--database URL]"},
    {"create-admin", "Create a system administrator",
     "traineeportal create-admin --email EMAIL --name NAME [--config FILE] [--database URL]\n"
     "  The password is read from TP_ADMIN_PASSWORD or, when unset, from standard input."},
    {"seed-demo", "Load the demo data into an empty database",
     "traineeportal seed-demo [--config FILE] [--database URL]"},
    {"backup", "Back up the database",
     "traineeportal backup --output FILE [--config FILE] [--database URL]\n"
     "  SQLite: an online, consistent copy. PostgreSQL: prints the pg_dump command to use."},
    {"healthcheck", "Exit 0 when the running server answers /readyz with 200",
     "traineeportal healthcheck [--config FILE] [--listen HOST:PORT]"},
    {"retention", "Delete the applications that are due under the retention rules, once",
     "traineeportal retention [--config FILE] [--database URL]\n"
     "  Deletes applications that led to no hire once hiring has closed and the cohort's\n"
     "  retention period has passed (as the server does every six hours), logs each deletion\n"
     "  in retention_log and prints the counts."},
    {"openapi", "Print the API's OpenAPI document",
     "traineeportal openapi [--config FILE]\n"
     "  The document served at /api/v1/openapi.json, for client generators and linters."},
    {"version", "Print the version", "traineeportal version"},
};

void PrintHelp() {
  std::cout << "traineeportal " << TP_VERSION
            << " - trainee programmes shared by many public employers\n\n"
               "Usage: traineeportal COMMAND [OPTIONS]   (traineeportal COMMAND --help)\n\n"
               "Commands:\n";
  for (const auto& c : kCommands)
    std::cout << "  " << c.name << std::string(14 - std::string(c.name).size(), ' ') << c.summary
              << "\n";
  std::cout << "\nSettings come from defaults, then --config FILE (KEY=VALUE lines), then TP_* "
               "environment variables, then flags.\n";
}

struct Args {
  std::map<std::string, std::string> options;  // --key value
  std::vector<std::string> flags;              // --flag
  bool Has(const std::string& f) const {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  }
};

// Flags that take no value; everything else starting with -- takes the next argument.
bool IsFlag(const std::string& name) {
  return name == "demo" || name == "migrate" || name == "help";
}

Args Parse(int argc, char** argv, int first) {
  Args args;
  for (int i = first; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h") a = "--help";
    if (a.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument \"" + a + "\"");
    std::string name = a.substr(2);
    auto eq = name.find('=');
    if (eq != std::string::npos) {
      args.options[name.substr(0, eq)] = name.substr(eq + 1);
    } else if (IsFlag(name)) {
      args.flags.push_back(name);
    } else {
      if (i + 1 >= argc) throw std::invalid_argument("option --" + name + " needs a value");
      args.options[name] = argv[++i];
    }
  }
  return args;
}

Config LoadConfig(const Args& args) {
  Config config;
  if (auto it = args.options.find("config"); it != args.options.end()) {
    std::ifstream in(it->second);
    if (!in) throw std::invalid_argument("cannot read config file " + it->second);
    std::stringstream text;
    text << in.rdbuf();
    tp::app::ApplyConfigText(config, text.str(), it->second);
  }
  tp::app::ApplyEnvironment(config);
  if (auto it = args.options.find("database"); it != args.options.end()) {
    tp::app::ApplySetting(config, "database_url", it->second, "--database");
  }
  if (auto it = args.options.find("listen"); it != args.options.end()) {
    tp::app::ApplySetting(config, "listen", it->second, "--listen");
  }
  if (args.Has("demo")) config.demo = true;
  if (args.Has("migrate")) config.migrate = true;
  tp::app::Validate(config);
  return config;
}

void CheckKnownOptions(const Args& args, std::initializer_list<const char*> allowed) {
  for (const auto& [k, v] : args.options) {
    if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; }) ==
        allowed.end()) {
      throw std::invalid_argument("unknown option --" + k);
    }
  }
}

std::string ReadPassword() {
  if (const char* p = std::getenv("TP_ADMIN_PASSWORD")) return p;
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return password;
}

int Healthcheck(const Config& config) {
  namespace beast = boost::beast;
  namespace http = beast::http;
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(5));
  std::string host = config.listen_host == "0.0.0.0" ? "127.0.0.1" : config.listen_host;
  stream.connect(resolver.resolve(host, std::to_string(config.listen_port)));
  http::request<http::empty_body> req{http::verb::get, "/readyz", 11};
  req.set(http::field::host, host);
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  std::cout << res.result_int() << " " << res.body();
  return res.result_int() == 200 ? 0 : 1;
}

int Run(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" ||
      std::string(argv[1]) == "help") {
    PrintHelp();
    return argc < 2 ? 2 : 0;
  }
  std::string command = argv[1];
  const Command* found = nullptr;
  for (const auto& c : kCommands)
    if (command == c.name) found = &c;
  if (!found) {
    std::cerr << "traineeportal: unknown command \"" << command
              << "\" (see traineeportal --help)\n";
    return 2;
  }
  Args args = Parse(argc, argv, 2);
  if (args.Has("help")) {
    std::cout << found->summary << "\n\nUsage: " << found->usage << "\n";
    return 0;
  }

  if (command == "version") {
    std::cout << "traineeportal " << TP_VERSION << "\n";
    return 0;
  }
  if (command == "openapi") {
    CheckKnownOptions(args, {"config"});
    std::cout << tp::app::BuildOpenApiDocument(TP_VERSION, LoadConfig(args).public_url) << "\n";
    return 0;
  }
  if (command == "serve") {
    CheckKnownOptions(args, {"config", "database", "listen"});
    Config config = LoadConfig(args);
    auto started = std::chrono::steady_clock::now();
    tp::app::App app(config);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - started)
                  .count();
    spdlog::info("traineeportal {} listening on http://{}:{} (ready in {} ms{})", TP_VERSION,
                 config.listen_host, app.port(), ms, config.demo ? ", demo mode" : "");
    app.Run();
    spdlog::info("stopped");
    return 0;
  }
  if (command == "migrate") {
    CheckKnownOptions(args, {"config", "database"});
    Config config = LoadConfig(args);
    auto db = tp::storage::Database::Open(config.database_url, {.create_sqlite_file = true});
    int applied = db->Migrate();
    std::cout << "applied " << applied << " migration(s); schema version " << db->CurrentVersion()
              << "\n";
    return 0;
  }
  if (command == "healthcheck") {
    CheckKnownOptions(args, {"config", "listen"});
    return Healthcheck(LoadConfig(args));
  }
  if (command == "backup") {
    CheckKnownOptions(args, {"config", "database", "output"});
    Config config = LoadConfig(args);
    auto out = args.options.find("output");
    auto url = tp::storage::DatabaseUrl::Parse(config.database_url);
    if (url.backend == tp::storage::Backend::kPostgresql) {
      std::cout
          << "PostgreSQL: use pg_dump, for example\n  pg_dump --format=custom --file=BACKUP.dump '"
          << "<your database URL>'\n";
      return 0;
    }
    if (out == args.options.end()) throw std::invalid_argument("backup needs --output FILE");
    auto db = tp::storage::Database::Open(config.database_url);
    db->BackupSqlite(out->second);
    std::cout << "backup written to " << out->second << "\n";
    return 0;
  }
  if (command == "retention") {
    CheckKnownOptions(args, {"config", "database"});
    Config config = LoadConfig(args);
    auto db = tp::storage::Database::Open(config.database_url);
    if (db->CurrentVersion() != db->LatestVersion())
      throw std::runtime_error("database schema is not current: run `traineeportal migrate`");
    tp::services::Mailer mailer;
    tp::services::PublicListService publiclist(*db, mailer, {config.public_url, {}});
    auto r = publiclist.RunRetention();
    std::cout << "deleted " << r.applications << " application(s) with " << r.files << " file(s) ("
              << r.file_bytes << " bytes) in " << r.cohorts << " cohort(s)\n";
    return 0;
  }
  // create-admin and seed-demo need the services; they run the app without serving.
  Config config;
  if (command == "create-admin") {
    CheckKnownOptions(args, {"config", "database", "email", "name"});
    config = LoadConfig(args);
  } else {
    CheckKnownOptions(args, {"config", "database"});
    config = LoadConfig(args);
  }
  config.listen_port = 0;  // never clash with a running server
  config.migrate = true;
  config.demo = false;
  tp::app::App app(config);
  if (command == "create-admin") {
    auto email = args.options.find("email");
    auto name = args.options.find("name");
    if (email == args.options.end() || name == args.options.end()) {
      throw std::invalid_argument("create-admin needs --email and --name");
    }
    std::string password = ReadPassword();
    app.accounts().CreateSystemAdmin(email->second, name->second, password);
    std::cout << "system administrator " << email->second << " created\n";
    return 0;
  }
  if (tp::app::SeedDemo(app)) {
    std::cout << "demo data loaded; every demo login uses the password " << tp::app::kDemoPassword
              << "\n";
  } else {
    std::cout << "the database already holds data; nothing loaded\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  tp::http::InstallJsonDefaultLogger();
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "traineeportal: " << e.what() << "\n";
    return 1;
  }
}
