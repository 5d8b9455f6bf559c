#include "support/mail_smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tp::test {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string Base64Decode(const std::string& in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    auto pos = kAlphabet.find(c);
    if (pos == std::string::npos) continue;  // '=' and whitespace
    buffer = (buffer << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The script sits in scripts/ of the source tree the tests were built from (an absolute path
// from CMake: __FILE__ may be relative when the compiler cache rewrites paths).
std::string ScriptPath() {
  return (fs::path(TP_SOURCE_DIR) / "scripts" / "smtp-test-server.py").string();
}

std::string Python() {
  if (const char* p = std::getenv("PYTHON"); p && *p) return p;
  // Debian's interpreter, where python3-aiosmtpd is installed.
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

}  // namespace

SmtpTestServer::SmtpTestServer() {
  const char* port = std::getenv("TP_TEST_SMTP_PORT");
  const char* dir = std::getenv("TP_TEST_SMTP_DIR");
  if (port && *port && dir && *dir) {
    port_ = static_cast<unsigned short>(std::stoi(port));
    dir_ = dir;
    return;
  }
  Start(FreePort());
}

SmtpTestServer::SmtpTestServer(unsigned short port) { Start(port); }

void SmtpTestServer::Start(unsigned short port) {
  char tmpl[] = "/tmp/tp-smtp-test.XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  own_workdir_ = tmpl;
  dir_ = own_workdir_ + "/mail";
  const std::string port_file = own_workdir_ + "/port";
  const std::string python = Python();
  const std::string script = ScriptPath();
  const std::string port_text = std::to_string(port);
  std::vector<std::string> args{python,   script,    "--dir",       dir_,
                                "--port", port_text, "--port-file", port_file};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  if (posix_spawnp(&pid_, python.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    pid_ = -1;
    throw std::runtime_error("could not start " + script);
  }
  for (int i = 0; i < 200; ++i) {
    if (fs::exists(port_file)) {
      port_ = static_cast<unsigned short>(std::stoi(ReadAll(port_file)));
      return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(
          "the SMTP test server exited at start (is python3-aiosmtpd "
          "installed?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the SMTP test server did not start within 10 s");
}

SmtpTestServer::~SmtpTestServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (!own_workdir_.empty()) {
    std::error_code ignored;
    fs::remove_all(own_workdir_, ignored);
  }
}

unsigned short SmtpTestServer::FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (fd >= 0) close(fd);
    throw std::runtime_error("no free port");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

std::vector<ReceivedMail> SmtpTestServer::MessagesTo(const std::string& rcpt) const {
  std::vector<fs::path> metas;
  for (const auto& entry : fs::directory_iterator(dir_))
    if (entry.path().extension() == ".json" && entry.path().filename().string()[0] != '.')
      metas.push_back(entry.path());
  std::sort(metas.begin(), metas.end());
  std::vector<ReceivedMail> out;
  for (const auto& meta_path : metas) {
    auto meta = boost::json::parse(ReadAll(meta_path)).as_object();
    ReceivedMail m;
    m.mail_from = std::string(meta.at("mail_from").as_string());
    bool match = false;
    for (const auto& r : meta.at("rcpt_tos").as_array()) {
      m.rcpt_tos.emplace_back(r.as_string());
      if (Lower(m.rcpt_tos.back()) == Lower(rcpt)) match = true;
    }
    if (!match) continue;
    m.raw = ReadAll(meta_path.parent_path() / std::string(meta.at("file").as_string()));
    auto split = m.raw.find("\r\n\r\n");
    std::string head = m.raw.substr(0, split);
    std::string body = split == std::string::npos ? "" : m.raw.substr(split + 4);
    // Unfold continuation lines, then split "Name: value".
    std::string unfolded;
    for (std::size_t i = 0; i < head.size(); ++i) {
      if (head.compare(i, 3, "\r\n ") == 0 || head.compare(i, 3, "\r\n\t") == 0) {
        i += 2;
        continue;
      }
      unfolded += head[i];
    }
    std::istringstream lines(unfolded);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value = line.substr(colon + 1);
      if (!value.empty() && value[0] == ' ') value.erase(0, 1);
      m.headers[Lower(line.substr(0, colon))] = value;
    }
    m.subject = DecodeHeader(m.headers["subject"]);
    m.body = Lower(m.headers["content-transfer-encoding"]) == "quoted-printable"
                 ? DecodeQuotedPrintable(body)
                 : body;
    out.push_back(std::move(m));
  }
  return out;
}

std::string DecodeHeader(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  bool last_was_word = false;
  while (pos < value.size()) {
    auto start = value.find("=?", pos);
    if (start == std::string::npos) {
      out += value.substr(pos);
      break;
    }
    std::string between = value.substr(pos, start - pos);
    // Whitespace between two encoded words is not part of the text.
    if (!(last_was_word && between.find_first_not_of(" \t\r\n") == std::string::npos))
      out += between;
    auto q1 = value.find('?', start + 2);
    auto q2 = q1 == std::string::npos ? q1 : value.find('?', q1 + 1);
    auto end = q2 == std::string::npos ? q2 : value.find("?=", q2 + 1);
    if (end == std::string::npos) {
      out += value.substr(start);
      break;
    }
    const char enc = static_cast<char>(std::toupper(value[q1 + 1]));
    const std::string text = value.substr(q2 + 1, end - q2 - 1);
    if (enc == 'B') {
      out += Base64Decode(text);
    } else {
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
          out += ' ';
        } else if (text[i] == '=' && i + 2 < text.size()) {
          out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
          i += 2;
        } else {
          out += text[i];
        }
      }
    }
    pos = end + 2;
    last_was_word = true;
  }
  return out;
}

std::string DecodeQuotedPrintable(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '=') {
      if (text.compare(i + 1, 2, "\r\n") == 0) {
        i += 2;
        continue;
      }
      if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
        out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
        i += 2;
        continue;
      }
    }
    if (text.compare(i, 2, "\r\n") == 0) {
      out += '\n';
      ++i;
      continue;
    }
    out += text[i];
  }
  return out;
}

}  // namespace tp::test
