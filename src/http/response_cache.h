#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.h"

/// Caching of public responses: conditional requests (ETag / If-None-Match) and a short-lived
/// in-memory store of rendered responses.
namespace tp::http {

/// True when an If-None-Match `header` (a list of entity tags, or "*") holds `etag`. The
/// comparison is weak (RFC 9110 13.1.2): a "W/" prefix on either side is ignored.
bool NoneMatchHits(std::string_view header, std::string_view etag);

/// A weak entity tag of `body` (W/"…", FNV-1a 64).
std::string WeakETag(std::string_view body);

/// `response` made ready for a public page: no Set-Cookie, an ETag of the body, Cache-Control
/// ("public, max-age=5" when `shared`, else "private, no-cache") and Vary; a 304 without body
/// when the request's If-None-Match matches.
Response WithValidator(const Request& request, Response response, bool shared);

/// Rendered responses kept for `ttl`, keyed by text, dropped as soon as the version of what they
/// show changes. Thread-safe. The store is emptied when it holds more than `max_entries`.
class ResponseCache {
 public:
  explicit ResponseCache(std::chrono::steady_clock::duration ttl, std::size_t max_entries = 10000)
      : ttl_(ttl), max_entries_(max_entries) {}
  std::optional<Response> Get(const std::string& key, std::uint64_t version);
  void Put(const std::string& key, std::uint64_t version, const Response& response);

 private:
  struct Entry {
    std::uint64_t version = 0;
    std::chrono::steady_clock::time_point stored;
    Response response;
  };
  std::chrono::steady_clock::duration ttl_;
  std::size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace tp::http
