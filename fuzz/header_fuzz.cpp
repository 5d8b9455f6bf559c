// libFuzzer target for the header rule: a response whose fields pass IsValidHeaderName and
// IsSafeHeaderValue must come back from the wire with exactly those fields (nothing added, split
// or cut), and a return path that passes IsLocalReturnPath must stay on this site. Run by
// fuzz/run.sh.
#include <algorithm>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/message.h"

namespace bhttp = boost::beast::http;

namespace {

// The input as fields: each is "name\x01value" and fields are separated by "\x02".
std::vector<std::pair<std::string, std::string>> Fields(std::string_view input) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!input.empty() && out.size() < 16) {
    std::size_t end = input.find('\x02');
    std::string_view field = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    std::size_t split = field.find('\x01');
    if (split == std::string_view::npos) continue;
    out.emplace_back(std::string(field.substr(0, split)), std::string(field.substr(split + 1)));
  }
  return out;
}

void CheckRoundTrip(const std::vector<std::pair<std::string, std::string>>& fields) {
  for (const auto& [name, value] : fields) {
    if (!tp::http::IsValidHeaderName(name) || !tp::http::IsSafeHeaderValue(value)) return;
    // Framing fields are the server's own (it drops them from a handler's response).
    if (boost::beast::iequals(name, "content-length") ||
        boost::beast::iequals(name, "transfer-encoding"))
      return;
  }
  bhttp::response<bhttp::string_body> out{bhttp::status::ok, 11};
  for (const auto& [name, value] : fields) out.insert(name, value);
  out.body() = "ok";
  out.prepare_payload();
  std::ostringstream wire;
  wire << out;

  bhttp::response_parser<bhttp::string_body> parser;
  parser.eager(true);
  boost::beast::error_code ec;
  const std::string text = wire.str();
  std::size_t used = parser.put(boost::asio::buffer(text), ec);
  if (ec || !parser.is_done() || used != text.size()) __builtin_trap();
  // Beast keeps fields of one name together, so the order may differ: compare as multisets.
  auto lower = [](std::string_view name) {
    std::string out(name);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  std::vector<std::pair<std::string, std::string>> sent, received;
  for (const auto& [name, value] : fields) sent.emplace_back(lower(name), value);
  sent.emplace_back("content-length", "2");
  for (const auto& field : parser.get())
    received.emplace_back(lower(field.name_string()), std::string(field.value()));
  std::sort(sent.begin(), sent.end());
  std::sort(received.begin(), received.end());
  if (sent != received) __builtin_trap();  // a field split, cut, lost or added
}

void CheckReturnPath(std::string_view next) {
  if (!tp::http::IsLocalReturnPath(next)) return;
  // What a browser does with a Location: a relative reference without scheme or host, and no
  // backslash, tab or line break that a browser would rewrite into "//".
  auto ref = boost::urls::parse_uri_reference(next);
  if (!ref || ref->has_scheme() || ref->has_authority()) __builtin_trap();
  if (next.size() > 1 && next[1] == '/') __builtin_trap();
  for (char c : next)
    if (c == '\\' || c == '\t' || c == '\r' || c == '\n') __builtin_trap();
  if (!tp::http::IsSafeHeaderValue(next)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckRoundTrip(Fields(input));
  CheckReturnPath(input);
  return 0;
}
