#include "http/static_files.h"

#include <cstdint>
#include <stdexcept>

#include "http/response_cache.h"

namespace tp::http {
namespace {

// FNV-1a is enough: the hash only has to change when the bytes do, within one build; it is not a
// defence against anyone choosing the content.
std::uint64_t Fnv1a64(std::string_view data) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : data) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string Hex16(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kDigits[value & 0xf];
    value >>= 4;
  }
  return out;
}

std::string ContentType(std::string_view extension) {
  static const std::map<std::string_view, std::string_view> kTypes = {
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"webmanifest", "application/manifest+json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"txt", "text/plain; charset=utf-8"},
      {"pdf", "application/pdf"},
  };
  auto it = kTypes.find(extension);
  return std::string(it == kTypes.end() ? std::string_view("application/octet-stream")
                                        : it->second);
}

constexpr std::string_view kPrefix = "static/";
constexpr const char* kCacheControl = "public, max-age=31536000, immutable";

}  // namespace

StaticFiles::StaticFiles() : StaticFiles(resources::List(kPrefix)) {}

StaticFiles::StaticFiles(const std::vector<resources::Entry>& entries) {
  for (const auto& entry : entries) {
    if (!entry.path.starts_with(kPrefix)) continue;
    std::string_view name = entry.path.substr(kPrefix.size());
    auto slash = name.rfind('/');
    std::string_view base = slash == std::string_view::npos ? name : name.substr(slash + 1);
    if (base.empty() || base.front() == '.') continue;

    std::string hash = Hex16(Fnv1a64(entry.data));
    auto dot = base.rfind('.');
    std::string_view dir = name.substr(0, name.size() - base.size());
    std::string_view stem = dot == std::string_view::npos ? base : base.substr(0, dot);
    std::string_view extension =
        dot == std::string_view::npos ? std::string_view() : base.substr(dot + 1);

    File file;
    file.url = "/static/" + std::string(dir) + std::string(stem) + "." + hash.substr(0, 8);
    if (!extension.empty()) file.url += "." + std::string(extension);
    file.content_type = ContentType(extension);
    file.data = entry.data;
    file.etag = "\"" + hash + "\"";
    files_.emplace(std::string(name), std::move(file));
  }
}

const std::string& StaticFiles::Url(std::string_view name) const {
  auto it = files_.find(name);
  if (it == files_.end()) throw std::out_of_range("unknown static file: " + std::string(name));
  return it->second.url;
}

std::map<std::string, std::string> StaticFiles::Urls() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, file] : files_) out.emplace(name, file.url);
  return out;
}

void StaticFiles::Register(Router& router) const {
  for (const auto& [name, file] : files_) {
    // The handler keeps its own copy of the file's description: the router may outlive this.
    router.Add(
        "GET", file.url,
        [file](Request& request) {
          Response response;
          response.Set("Cache-Control", kCacheControl);
          response.Set("ETag", file.etag);
          if (NoneMatchHits(request.Header("if-none-match"), file.etag)) {
            response.status = 304;
            return response;
          }
          response.Set("Content-Type", file.content_type);
          response.body.assign(file.data.data(), file.data.size());
          return response;
        },
        RouteOptions{.on_io_thread = true});
  }
}

}  // namespace tp::http
