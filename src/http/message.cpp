#include "http/message.h"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <ostream>  // boost/beast/http/status.hpp uses std::ostream without including it

namespace tp::http {

std::string UrlEncode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

namespace {

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string Request::Header(std::string_view lower_name) const {
  // Callers are asked for lower-case names, but a stray "Content-Type" should not silently miss.
  std::string key(lower_name);
  std::transform(key.begin(), key.end(), key.begin(), ToLower);
  auto it = headers.find(key);
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  auto header = headers.find("cookie");
  if (header == headers.end()) return std::nullopt;
  std::string_view rest = header->second;
  while (!rest.empty()) {
    auto end = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    // RFC 6265 allows the value in double quotes; the quotes are not part of the value.
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return std::nullopt;
}

Response& Response::Set(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return EqualsIgnoreCase(h.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

Response& Response::Add(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
  return *this;
}

std::string Response::Get(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

Response Response::Text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

Response Response::Html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", "text/html; charset=utf-8");
  return r;
}

Response Response::Json(int status, std::string body, std::string content_type) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.Set("Content-Type", std::move(content_type));
  return r;
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.Set("Location", std::move(location));
  return r;
}

std::string PercentDecode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]);
      int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_as_space && c == '+' ? ' ' : c);
  }
  return out;
}

// Boost.URL's parse_query would fit here, but it rejects a body with an invalid escape as a
// whole, while browsers and hand-written clients do send a lone '%'; such escapes are kept.
std::multimap<std::string, std::string> ParseForm(std::string_view body) {
  std::multimap<std::string, std::string> out;
  while (!body.empty()) {
    auto end = body.find('&');
    std::string_view pair = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    out.emplace(PercentDecode(name, true), PercentDecode(value, true));
  }
  return out;
}

namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Value of `key` among "; key=value" parameters of a header value (quotes removed, \" kept
/// literal as browsers send it). nullopt when absent.
std::optional<std::string> HeaderParameter(std::string_view value, std::string_view key) {
  std::size_t pos = value.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = value.substr(pos + 1);
    std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view name = TrimSpaces(rest.substr(0, eq));
    std::string_view after = rest.substr(eq + 1);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    std::string out;
    std::size_t consumed = 0;
    if (!after.empty() && after.front() == '"') {
      std::size_t i = 1;
      for (; i < after.size() && after[i] != '"'; ++i) {
        if (after[i] == '\\' && i + 1 < after.size()) ++i;
        out += after[i];
      }
      consumed = i + 1;
    } else {
      std::size_t end = after.find(';');
      out = std::string(TrimSpaces(after.substr(0, end)));
      consumed = end == std::string_view::npos ? after.size() : end;
    }
    if (EqualsIgnoreCase(name, key)) return out;
    std::size_t offset = static_cast<std::size_t>(after.data() - value.data()) + consumed;
    if (offset >= value.size()) return std::nullopt;
    pos = value.find(';', offset);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                         std::string_view body) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  if (!EqualsIgnoreCase(TrimSpaces(type), "multipart/form-data")) return std::nullopt;
  auto boundary = HeaderParameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 200) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  const std::string next_delimiter = "\r\n" + delimiter;

  std::vector<MultipartPart> parts;
  // The body starts with the first delimiter (a preamble before it is allowed and skipped).
  std::size_t pos = body.rfind(delimiter, 0) == 0 ? 0 : body.find(next_delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  if (pos != 0) pos += 2;
  pos += delimiter.size();
  while (true) {
    // After a delimiter: "--" ends the body, CRLF starts a part.
    if (body.substr(pos, 2) == "--") return parts;
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    MultipartPart part;
    part.content_type = "text/plain";
    bool has_disposition = false;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      std::size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      std::string_view name = TrimSpaces(line.substr(0, colon));
      std::string_view value = TrimSpaces(line.substr(colon + 1));
      if (EqualsIgnoreCase(name, "content-disposition")) {
        if (!EqualsIgnoreCase(TrimSpaces(value.substr(0, value.find(';'))), "form-data"))
          return std::nullopt;
        auto field = HeaderParameter(value, "name");
        if (!field) return std::nullopt;
        part.name = *field;
        part.filename = HeaderParameter(value, "filename");
        has_disposition = true;
      } else if (EqualsIgnoreCase(name, "content-type")) {
        part.content_type = std::string(value);
      }
    }
    if (!has_disposition) return std::nullopt;
    std::size_t data_start = headers_end + 4;
    std::size_t data_end = body.find(next_delimiter, data_start);
    if (data_end == std::string_view::npos) return std::nullopt;  // cut off
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + next_delimiter.size();
  }
}

bool IsValidHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum &&
        std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) == std::string_view::npos)
      return false;
  }
  return true;
}

bool IsSafeHeaderValue(std::string_view value) {
  if (!value.empty() && (value.front() == ' ' || value.front() == '\t' || value.back() == ' ' ||
                         value.back() == '\t'))
    return false;
  for (unsigned char c : value) {
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

bool IsLocalReturnPath(std::string_view next) {
  if (next.empty() || next.size() > 2000 || next[0] != '/') return false;
  if (next.size() > 1 && next[1] == '/') return false;
  for (unsigned char c : next) {
    if (c <= 0x20 || c >= 0x7f || c == '\\') return false;
  }
  // And a well-formed path with an optional query (valid percent escapes, no fragment).
  return boost::urls::parse_origin_form(next).has_value();
}

std::string ContentDisposition(std::string_view disposition, std::string_view filename) {
  std::string fallback;
  bool plain = true;
  for (unsigned char c : filename) {
    bool printable = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    // One '_' per character, not per byte of its UTF-8 form.
    if (!printable && (c & 0xC0) == 0x80) continue;
    fallback += printable ? static_cast<char>(c) : '_';
    plain = plain && printable;
  }
  if (fallback.empty()) fallback = "download";
  std::string out = std::string(disposition) + "; filename=\"" + fallback + "\"";
  if (!plain) out += "; filename*=UTF-8''" + UrlEncode(filename);
  return out;
}

std::string_view StatusText(int status) {
  if (status < 0 || status > 999) return "Unknown";
  auto text = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  return {text.data(), text.size()};
}

}  // namespace tp::http
