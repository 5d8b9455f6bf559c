#include "http/response_cache.h"

#include <cstdio>

namespace tp::http {
namespace {

std::string_view WithoutWeakPrefix(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool NoneMatchHits(std::string_view header, std::string_view etag) {
  etag = WithoutWeakPrefix(etag);
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    tag = WithoutWeakPrefix(tag);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

std::string WeakETag(std::string_view body) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return std::string("W/\"") + buf + "\"";
}

Response WithValidator(const Request& request, Response response, bool shared) {
  const std::string etag = WeakETag(response.body);
  Response out;
  out.status = response.status;
  for (const auto& [name, value] : response.headers)
    if (name != "Set-Cookie") out.headers.emplace_back(name, value);
  out.Set("ETag", etag);
  // A logged-in visitor's page carries their name in the header: never for shared caches.
  out.Set("Cache-Control", shared ? "public, max-age=5" : "private, no-cache");
  out.Set("Vary", "Accept-Language, Cookie");
  if (NoneMatchHits(request.Header("if-none-match"), etag)) {
    out.status = 304;
    return out;
  }
  out.body = std::move(response.body);
  return out;
}

std::optional<Response> ResponseCache::Get(const std::string& key, std::uint64_t version) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.version != version ||
      std::chrono::steady_clock::now() - it->second.stored > ttl_) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.response;
}

void ResponseCache::Put(const std::string& key, std::uint64_t version, const Response& response) {
  std::lock_guard lock(mutex_);
  // A crawler asking for many missing ids never gets here (only 200s are stored), but clearing
  // keeps memory bounded regardless.
  if (entries_.size() > max_entries_) entries_.clear();
  entries_[key] = Entry{version, std::chrono::steady_clock::now(), response};
}

}  // namespace tp::http
