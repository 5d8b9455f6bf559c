#include <gtest/gtest.h>

#include <stdexcept>

#include "http/proxies.h"

namespace tp::http {
namespace {

TEST(HttpProxies, CidrListsOfBothFamilies) {
  auto ranges = ParseCidrList(" 10.0.0.0/8, 192.0.2.7 ,2001:db8::/32, ::1");
  ASSERT_EQ(ranges.size(), 4u);
  EXPECT_TRUE(InRanges(ranges, "10.200.3.4"));
  EXPECT_FALSE(InRanges(ranges, "11.0.0.1"));
  EXPECT_TRUE(InRanges(ranges, "192.0.2.7"));
  EXPECT_FALSE(InRanges(ranges, "192.0.2.8"));
  EXPECT_TRUE(InRanges(ranges, "2001:db8:ffff::1"));
  EXPECT_FALSE(InRanges(ranges, "2001:db9::1"));
  EXPECT_TRUE(InRanges(ranges, "::1"));
  EXPECT_TRUE(InRanges(ranges, "::ffff:10.1.2.3"));  // IPv4-mapped peer of a dual-stack socket
  EXPECT_FALSE(InRanges(ranges, "not an address"));
  EXPECT_FALSE(InRanges(ranges, ""));
  EXPECT_TRUE(ParseCidrList("").empty());
  EXPECT_TRUE(ParseCidrList("  ").empty());
  EXPECT_TRUE(InRanges(ParseCidrList("0.0.0.0/0"), "203.0.113.9"));
  EXPECT_FALSE(InRanges(ParseCidrList("0.0.0.0/0"), "2001:db8::1"));
  EXPECT_TRUE(InRanges(ParseCidrList("10.1.2.3/31"), "10.1.2.2"));
  EXPECT_FALSE(InRanges(ParseCidrList("10.1.2.3/31"), "10.1.2.4"));
}

TEST(HttpProxies, BadRangesAreRefusedByName) {
  for (const char* bad : {"10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x", "host.example",
                          "10.0.0.1,", "300.1.1.1", "fe80::1%eth0"}) {
    try {
      ParseCidrList(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("is not an IP address"), std::string::npos) << bad;
    }
  }
}

TEST(HttpProxies, ForwardingHeadersAreIgnoredFromUntrustedPeers) {
  auto trusted = ParseCidrList("10.0.0.0/8");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", "for=198.51.100.2", trusted),
            "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", "", {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress("::ffff:203.0.113.9", "", "", trusted), "203.0.113.9");
}

TEST(HttpProxies, TheRightMostUntrustedHopIsTheClient) {
  auto trusted = ParseCidrList("10.0.0.0/8, 2001:db8:1::/48");
  // One proxy: the address it appended.
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1", "", trusted), "198.51.100.1");
  // A client that sends its own X-Forwarded-For cannot choose the address: the proxy appends.
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1", "", trusted), "198.51.100.1");
  // Two trusted proxies in a row.
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.9", "", trusted),
            "198.51.100.1");
  // Every hop trusted: the left-most.
  EXPECT_EQ(ClientAddress("10.0.0.5", "10.0.0.7, 10.0.0.9", "", trusted), "10.0.0.7");
  // No header from a trusted peer: the peer.
  EXPECT_EQ(ClientAddress("10.0.0.5", "", "", trusted), "10.0.0.5");
  // Ports and brackets as some proxies write them; IPv6 in canonical form.
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1:4711", "", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "[2001:DB8:2::7]:80", "", trusted), "2001:db8:2::7");
  EXPECT_EQ(ClientAddress("2001:db8:1::2", "2001:db8:2::7", "", trusted), "2001:db8:2::7");
  // Garbage stops the walk at the last trusted hop.
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1, bogus", "", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1, unknown, 10.0.0.8", "", trusted), "10.0.0.8");
}

TEST(HttpProxies, ForwardedHeaderWhenThereIsNoXForwardedFor) {
  auto trusted = ParseCidrList("127.0.0.1, ::1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", "for=192.0.2.60;proto=http;by=203.0.113.43", trusted),
            "192.0.2.60");
  EXPECT_EQ(ClientAddress("::1", "", "For=\"[2001:db8:cafe::17]:4711\", for=127.0.0.1", trusted),
            "2001:db8:cafe::17");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", "for=unknown", trusted), "127.0.0.1");
  // X-Forwarded-For wins when both are present.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", "for=192.0.2.60", trusted), "198.51.100.1");
}

}  // namespace
}  // namespace tp::http
