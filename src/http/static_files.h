#pragma once
#include <map>
#include <string>
#include <string_view>

#include "http/router.h"
#include "resources/resources.h"

namespace tp::http {

/// The embedded files under static/ served with content-hash URLs and a year-long immutable
/// cache: "static/app.css" is served at "/static/app.<hash8>.css".
class StaticFiles {
 public:
  /// Loads every embedded file under "static/".
  StaticFiles();
  /// Loads the given files instead of the embedded ones (tests). Paths start with "static/" as in
  /// resources::List("static/"); other paths and hidden files (".gitkeep") are skipped. The data
  /// must outlive this object and the routes it registers.
  explicit StaticFiles(const std::vector<resources::Entry>& entries);
  /// URL for a file name relative to static/ ("app.css" -> "/static/app.1a2b3c4d.css").
  /// Throws std::out_of_range for an unknown name.
  const std::string& Url(std::string_view name) const;
  /// Every file: name relative to static/ -> URL (for templates that list them).
  std::map<std::string, std::string> Urls() const;
  /// Registers GET routes for every file (on the I/O thread).
  void Register(Router& router) const;

 private:
  struct File {
    std::string url, content_type;
    std::string_view data;
    std::string etag;  ///< quoted strong validator from the content hash
  };
  std::map<std::string, File, std::less<>> files_;  // key: name relative to static/
};

}  // namespace tp::http
