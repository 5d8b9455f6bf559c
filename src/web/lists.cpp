#include "web/lists.h"

#include <algorithm>
#include <boost/url.hpp>

namespace tp::web {
namespace {

long ToLong(const std::optional<std::string>& s, long fallback) {
  if (!s) return fallback;
  try {
    return std::stol(*s);
  } catch (...) {
    return fallback;
  }
}

std::string WithParams(const http::Request& request,
                       const std::vector<std::pair<std::string, std::string>>& changes) {
  boost::urls::url url("/");
  url.set_path(request.path);
  auto params = url.params();
  for (const auto& [k, v] : request.query) {
    bool changed =
        std::any_of(changes.begin(), changes.end(), [&](const auto& c) { return c.first == k; });
    if (!changed) params.append({k, v});
  }
  for (const auto& [k, v] : changes) params.append({k, v});
  return std::string(url.buffer());
}

}  // namespace

domain::PageRequest ParsePageRequest(const http::Request& request,
                                     const std::vector<std::string>& sorts,
                                     const std::string& default_sort) {
  domain::PageRequest page;
  page.page = std::max(1L, ToLong(request.Query("page"), 1));
  page.per_page = std::clamp(ToLong(request.Query("per_page"), 25), 1L, 200L);
  std::string sort = request.Query("sort").value_or(default_sort);
  page.sort = std::find(sorts.begin(), sorts.end(), sort) != sorts.end() ? sort : default_sort;
  page.descending = request.Query("dir").value_or("") == "desc";
  std::string q = request.Query("q").value_or("");
  auto b = q.find_first_not_of(" \t");
  auto e = q.find_last_not_of(" \t");
  page.q = b == std::string::npos ? "" : q.substr(b, e - b + 1);
  return page;
}

boost::json::object Pager(const http::Request& request, const domain::PageRequest& page,
                          long total) {
  long pages = std::max(1L, (total + page.per_page - 1) / page.per_page);
  boost::json::object pager{{"page", page.page}, {"pages", pages}, {"total", total}};
  if (page.page > 1)
    pager["prev_url"] = WithParams(request, {{"page", std::to_string(page.page - 1)}});
  if (page.page < pages)
    pager["next_url"] = WithParams(request, {{"page", std::to_string(page.page + 1)}});
  return boost::json::object{{"pager", pager}};
}

std::string SortUrl(const http::Request& request, const domain::PageRequest& page,
                    const std::string& key) {
  std::string dir = (page.sort == key && !page.descending) ? "desc" : "asc";
  return WithParams(request, {{"sort", key}, {"dir", dir}, {"page", "1"}});
}

http::Response JsonListPage(const http::Request& request, boost::json::array items) {
  domain::PageRequest page = ParsePageRequest(request, {}, "");
  const long total = static_cast<long>(items.size());
  boost::json::array slice;
  for (long i = page.Offset(); i < total && i < page.Offset() + page.per_page; ++i) {
    slice.push_back(std::move(items[static_cast<std::size_t>(i)]));
  }
  boost::json::object body{{"items", std::move(slice)},
                           {"page", page.page},
                           {"per_page", page.per_page},
                           {"total", total}};
  return http::Response::Json(200, boost::json::serialize(body));
}

http::Response CsvResponse(const std::string& filename,
                           const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ';';
      std::string cell = row[i];
      if (!cell.empty() && std::string("=+-@").find(cell[0]) != std::string::npos)
        cell = "'" + cell;
      bool quote = cell.find_first_of(";\"\n\r") != std::string::npos;
      if (quote) {
        std::string q = "\"";
        for (char c : cell) {
          if (c == '"') q += '"';
          q += c;
        }
        cell = q + "\"";
      }
      out += cell;
    }
    out += "\r\n";
  }
  http::Response response = http::Response::Text(200, std::move(out));
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition", http::ContentDisposition("attachment", filename));
  return response;
}

}  // namespace tp::web
