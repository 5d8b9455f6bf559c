#include "http/proxies.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <stdexcept>

namespace tp::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (true) {
    auto at = text.find(separator);
    parts.push_back(Trim(text.substr(0, at)));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return parts;
}

// One hop as proxies write it: "192.0.2.7", "192.0.2.7:4711", "2001:db8::1", "[2001:db8::1]"
// or "[2001:db8::1]:4711", possibly quoted (Forwarded). Returns the address part.
std::string_view HopText(std::string_view hop) {
  hop = Trim(hop);
  if (hop.size() >= 2 && hop.front() == '"' && hop.back() == '"')
    hop = hop.substr(1, hop.size() - 2);
  if (!hop.empty() && hop.front() == '[') {
    auto close = hop.find(']');
    return close == std::string_view::npos ? std::string_view() : hop.substr(1, close - 1);
  }
  if (std::count(hop.begin(), hop.end(), ':') == 1) return hop.substr(0, hop.find(':'));
  return hop;
}

// The hops of a Forwarded header (RFC 7239): the for= parameter of each element, in order.
std::vector<std::string_view> ForwardedHops(std::string_view header) {
  std::vector<std::string_view> hops;
  for (auto element : Split(header, ',')) {
    std::string_view found;
    for (auto pair : Split(element, ';')) {
      if (pair.size() > 4 && (pair[0] == 'f' || pair[0] == 'F') &&
          (pair[1] == 'o' || pair[1] == 'O') && (pair[2] == 'r' || pair[2] == 'R') &&
          pair[3] == '=') {
        found = pair.substr(4);
      }
    }
    hops.push_back(found);
  }
  return hops;
}

bool Contains(const Cidr& range, const std::array<std::uint8_t, 16>& address) {
  int bits = range.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((range.network[i] & mask) != (address[i] & mask)) return false;
  }
  return true;
}

bool InRanges(const std::vector<Cidr>& ranges, const std::array<std::uint8_t, 16>& address) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const Cidr& range) { return Contains(range, address); });
}

std::string Text(const std::array<std::uint8_t, 16>& bytes) {
  auto v6 = boost::asio::ip::address_v6(bytes);
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  return v6.to_string();
}

}  // namespace

std::optional<std::array<std::uint8_t, 16>> ParseAddress(std::string_view text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 64 || text.find('%') != std::string_view::npos)
    return std::nullopt;
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v4()) {
    return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, address.to_v4()).to_bytes();
  }
  return address.to_v6().to_bytes();
}

std::string CanonicalAddress(std::string_view text) {
  auto bytes = ParseAddress(text);
  return bytes ? Text(*bytes) : std::string(text);
}

std::vector<Cidr> ParseCidrList(std::string_view text) {
  std::vector<Cidr> ranges;
  if (Trim(text).empty()) return ranges;
  for (auto entry : Split(text, ',')) {
    auto bad = [&] {
      return std::invalid_argument("\"" + std::string(entry) +
                                   "\" is not an IP address or a range like 10.0.0.0/8");
    };
    auto slash = entry.find('/');
    auto bytes = ParseAddress(entry.substr(0, slash));
    if (!bytes) throw bad();
    const bool v4 = boost::asio::ip::address_v6(*bytes).is_v4_mapped();
    Cidr range;
    range.network = *bytes;
    range.prefix = 128;
    if (slash != std::string_view::npos) {
      auto digits = entry.substr(slash + 1);
      if (digits.empty() || digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        throw bad();
      int prefix = std::stoi(std::string(digits));
      if (prefix > (v4 ? 32 : 128)) throw bad();
      range.prefix = v4 ? prefix + 96 : prefix;
    }
    ranges.push_back(range);
  }
  return ranges;
}

bool InRanges(const std::vector<Cidr>& ranges, std::string_view address) {
  auto bytes = ParseAddress(address);
  return bytes && InRanges(ranges, *bytes);
}

std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          std::string_view forwarded, const std::vector<Cidr>& trusted_proxies) {
  auto current = ParseAddress(peer);
  if (!current) return std::string(peer);
  if (!InRanges(trusted_proxies, *current)) return Text(*current);
  std::vector<std::string_view> hops;
  if (!Trim(x_forwarded_for).empty()) {
    hops = Split(x_forwarded_for, ',');
  } else if (!Trim(forwarded).empty()) {
    hops = ForwardedHops(forwarded);
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    auto address = ParseAddress(HopText(*hop));
    if (!address) break;  // "unknown", an obfuscated name or garbage: trust stops here
    current = address;
    if (!InRanges(trusted_proxies, *current)) break;
  }
  return Text(*current);
}

}  // namespace tp::http
