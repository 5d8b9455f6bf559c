// storage::DatabaseUrl: parsing "sqlite:PATH" and "postgresql://..." URLs into what SOCI needs,
// and redacting passwords from them.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/database_internal.h"

namespace tp::storage {
namespace {

constexpr std::string_view kSupportedForms =
    "use sqlite:PATH or postgresql://user:password@host:port/dbname";

[[noreturn]] void ThrowBadUrl(const std::string& url, std::string_view problem) {
  throw std::invalid_argument("database URL \"" + DatabaseUrl::Redact(url) + "\" " +
                              std::string(problem));
}

std::string PercentDecode(std::string_view text, const std::string& url) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    unsigned value = 0;
    const char* first = text.data() + i + 1;
    const char* last = first + std::min<std::size_t>(2, text.size() - i - 1);
    auto [end, ec] = std::from_chars(first, last, value, 16);
    if (ec != std::errc() || end != first + 2) ThrowBadUrl(url, "has a malformed %-escape");
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

// libpq's keyword/value syntax: single quotes protect spaces, backslash escapes ' and \.
std::string QuoteConnValue(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

bool IsKeyword(std::string_view key) {
  return !key.empty() && std::all_of(key.begin(), key.end(),
                                     [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool IsPort(std::string_view port) {
  int value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  return ec == std::errc() && end == port.data() + port.size() && value >= 1 && value <= 65535;
}

DatabaseUrl ParsePostgresql(const std::string& url, std::string_view rest) {
  const auto authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  const std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);

  std::vector<std::pair<std::string, std::string>> params;
  std::string_view hostport = authority;
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    const auto colon = userinfo.find(':');
    const std::string user = PercentDecode(userinfo.substr(0, colon), url);
    if (user.empty()) ThrowBadUrl(url, "has an empty user name");
    params.emplace_back("user", user);
    if (colon != std::string_view::npos) {
      params.emplace_back("password", PercentDecode(userinfo.substr(colon + 1), url));
    }
  }

  // libpq accepts a comma-separated list of hosts (tried in turn); keep that ability.
  std::string hosts;
  std::string ports;
  bool any_host = false;
  bool any_port = false;
  std::size_t start = 0;
  while (!hostport.empty()) {
    const auto comma = hostport.find(',', start);
    std::string_view item = hostport.substr(start, comma - start);
    std::string_view host = item;
    std::string_view port;
    if (item.starts_with('[')) {
      const auto close = item.find(']');
      if (close == std::string_view::npos) ThrowBadUrl(url, "has an unclosed [ in its host");
      host = item.substr(1, close - 1);
      const std::string_view after = item.substr(close + 1);
      if (!after.empty()) {
        if (!after.starts_with(':')) ThrowBadUrl(url, "has text after the ] of its host");
        port = after.substr(1);
      }
    } else if (const auto colon = item.rfind(':'); colon != std::string_view::npos) {
      host = item.substr(0, colon);
      port = item.substr(colon + 1);
    }
    if (!port.empty() && !IsPort(port)) {
      ThrowBadUrl(url, "has an invalid port \"" + std::string(port) + "\"");
    }
    any_host = any_host || !host.empty();
    any_port = any_port || !port.empty();
    if (start != 0) {
      hosts += ',';
      ports += ',';
    }
    hosts += PercentDecode(host, url);
    ports += port;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (any_host) params.emplace_back("host", hosts);
  if (any_port) params.emplace_back("port", ports);

  std::string_view query;
  if (tail.starts_with('/')) {
    const auto question = tail.find('?');
    const std::string dbname = PercentDecode(tail.substr(1, question - 1), url);
    if (dbname.find('/') != std::string::npos) ThrowBadUrl(url, "has a '/' in its database name");
    if (!dbname.empty()) params.emplace_back("dbname", dbname);
    if (question != std::string_view::npos) query = tail.substr(question + 1);
  } else if (tail.starts_with('?')) {
    query = tail.substr(1);
  }

  bool has_connect_timeout = false;
  bool has_application_name = false;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::string key = PercentDecode(pair.substr(0, eq), url);
    if (!IsKeyword(key) || eq == std::string_view::npos) {
      ThrowBadUrl(url, "has a malformed parameter \"" + std::string(pair.substr(0, eq)) + "\"");
    }
    has_connect_timeout = has_connect_timeout || key == "connect_timeout";
    has_application_name = has_application_name || key == "application_name";
    params.emplace_back(key, PercentDecode(pair.substr(eq + 1), url));
  }
  // Without a timeout libpq waits for the operating system's TCP timeout (minutes) when the
  // server is unreachable; a health check must fail sooner than that.
  if (!has_connect_timeout) params.emplace_back("connect_timeout", "10");
  // Lets an operator tell our connections apart in pg_stat_activity.
  if (!has_application_name) params.emplace_back("application_name", "traineeportal");

  DatabaseUrl parsed{Backend::kPostgresql, {}, {}};
  for (const auto& [key, value] : params) {
    if (!parsed.connection_string.empty()) parsed.connection_string += ' ';
    parsed.connection_string += key + "=" + QuoteConnValue(value);
  }
  return parsed;
}

}  // namespace

namespace detail {

std::string PasswordOf(const DatabaseUrl& url) {
  constexpr std::string_view kKey = "password='";
  const auto pos = url.connection_string.find(kKey);
  if (pos == std::string::npos) return {};
  std::string out;
  for (auto i = pos + kKey.size(); i < url.connection_string.size(); ++i) {
    const char c = url.connection_string[i];
    if (c == '\\' && i + 1 < url.connection_string.size()) {
      out.push_back(url.connection_string[++i]);
    } else if (c == '\'') {
      break;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// DatabaseUrl

DatabaseUrl DatabaseUrl::Parse(const std::string& url) {
  if (url.empty()) {
    throw std::invalid_argument("database URL is empty: " + std::string(kSupportedForms));
  }
  if (url.starts_with("sqlite:")) {
    const std::string path = url.substr(std::string_view("sqlite:").size());
    if (path.starts_with("//")) {
      // "sqlite://data/x.db" would silently mean the absolute path "/data/x.db".
      ThrowBadUrl(url,
                  "is not supported: write sqlite:PATH, e.g. sqlite:data/traineeportal.db "
                  "or sqlite:/var/lib/traineeportal/traineeportal.db");
    }
    if (path.empty()) ThrowBadUrl(url, "has no file path: use sqlite:PATH");
    if (path == ":memory:" || path.starts_with("file:")) {
      ThrowBadUrl(url,
                  "is not supported: the connection pool needs a database file, not an "
                  "in-memory database or SQLite URI");
    }
    if (path.find('"') != std::string::npos) {
      // SOCI's connection string quotes the path with double quotes and has no escape for them.
      ThrowBadUrl(url, "has a double quote in its path");
    }
    return DatabaseUrl{Backend::kSqlite, path, {}};
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) {
      return ParsePostgresql(url, std::string_view(url).substr(scheme.size()));
    }
  }
  ThrowBadUrl(url, "is not supported: " + std::string(kSupportedForms));
}

std::string DatabaseUrl::Redact(const std::string& url) {
  std::string out = url;
  const auto scheme_end = out.find("://");
  if (scheme_end != std::string::npos) {
    const auto authority_start = scheme_end + 3;
    const auto authority_end = out.find_first_of("/?#", authority_start);
    const auto at =
        out.rfind('@', authority_end == std::string::npos ? out.size() - 1 : authority_end - 1);
    if (at != std::string::npos && at >= authority_start) {
      const auto colon = out.find(':', authority_start);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password can also travel as a query parameter.
  for (auto pos = out.find("password="); pos != std::string::npos;
       pos = out.find("password=", pos + 1)) {
    if (pos != 0 && out[pos - 1] != '?' && out[pos - 1] != '&') continue;
    const auto value_start = pos + std::string_view("password=").size();
    const auto value_end = out.find('&', value_start);
    out.replace(value_start,
                (value_end == std::string::npos ? out.size() : value_end) - value_start, "***");
  }
  return out;
}

}  // namespace tp::storage
