#pragma once
#include <map>
#include <string>
#include <string_view>

#include "http/router.h"

namespace tp::http {

/// The embedded files under static/ served with content-hash URLs and a year-long immutable
/// cache: "static/app.css" is served at "/static/app.<hash8>.css".
class StaticFiles {
 public:
  /// Loads every embedded file under "static/".
  StaticFiles();
  /// URL for a file name relative to static/ ("app.css" -> "/static/app.1a2b3c4d.css").
  /// Throws std::out_of_range for an unknown name.
  const std::string& Url(std::string_view name) const;
  /// Registers GET routes for every file (on the I/O thread).
  void Register(Router& router) const;

 private:
  struct File {
    std::string url, content_type;
    std::string_view data;
  };
  std::map<std::string, File, std::less<>> files_;  // key: name relative to static/
};

}  // namespace tp::http
