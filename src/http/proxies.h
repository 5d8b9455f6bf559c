#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// Client addresses behind reverse proxies, and address ranges (CIDR) for settings such as
/// trusted_proxies and metrics_allow. Pure functions: no sockets, no clock.
namespace tp::http {

/// One address range: an IPv4 or IPv6 network and its prefix length. IPv4 is kept as
/// IPv4-mapped IPv6 (::ffff:a.b.c.d, prefix + 96), so one comparison serves both families.
struct Cidr {
  std::array<std::uint8_t, 16> network{};
  int prefix = 128;
};

/// Parses an IPv4 or IPv6 address ("192.0.2.7", "2001:db8::1", "[2001:db8::1]") into its
/// 16-byte IPv4-mapped form; nullopt when it is not an address.
std::optional<std::array<std::uint8_t, 16>> ParseAddress(std::string_view text);

/// The canonical text of an address ("::ffff:192.0.2.7" becomes "192.0.2.7"); the input
/// unchanged when it is not an address.
std::string CanonicalAddress(std::string_view text);

/// Parses a comma-separated list of addresses and CIDRs ("10.0.0.0/8, ::1, 2001:db8::/32");
/// a bare address is a single host. Empty text is an empty list. Throws std::invalid_argument
/// naming the first entry that is not an address or range.
std::vector<Cidr> ParseCidrList(std::string_view text);

/// True when `address` (text) is an address inside one of the ranges.
bool InRanges(const std::vector<Cidr>& ranges, std::string_view address);

/// The client's address for a request that arrived from `peer` with the given X-Forwarded-For
/// and Forwarded header values (either may be empty). Only when the peer is a trusted proxy is
/// a forwarding header believed: X-Forwarded-For when present, else the for= values of
/// Forwarded. The hops are read from the right; the first one that is not itself a trusted
/// proxy is the client. When every hop is trusted, the left-most one is. A hop that is not an
/// address ends the walk at the last trusted hop. The result is in canonical form.
std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          std::string_view forwarded, const std::vector<Cidr>& trusted_proxies);

}  // namespace tp::http
