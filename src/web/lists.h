#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/paging.h"
#include "http/message.h"

/// Shared pieces of list pages: reading paging/sorting/search from the query string, the pager
/// links, sortable column headers and spreadsheet (CSV) export.
namespace tp::web {

/// page (≥1), per_page (1..200, default 25), sort (one of `sorts`, else `default_sort`),
/// dir=desc, q (trimmed) from the request's query string.
domain::PageRequest ParsePageRequest(const http::Request& request,
                                     const std::vector<std::string>& sorts,
                                     const std::string& default_sort);
/// Data for the `{{> pager}}` partial: {"pager": {page, pages, total, prev_url, next_url}},
/// keeping the other query parameters.
boost::json::object Pager(const http::Request& request, const domain::PageRequest& page,
                          long total);
/// URL of the same list sorted by `key` (toggles the direction when already sorted by it).
std::string SortUrl(const http::Request& request, const domain::PageRequest& page,
                    const std::string& key);
/// An API list that the service returns whole (short lists: operators, cohorts, goals...),
/// paged here by the request's page and per_page into the envelope
/// {"items", "page", "per_page", "total"}.
http::Response JsonListPage(const http::Request& request, boost::json::array items);
/// A CSV download for Norwegian spreadsheets: UTF-8 with BOM, ';' separated, quoted as needed,
/// cells starting with = + - @ prefixed with ' so a spreadsheet never runs them as formulas.
http::Response CsvResponse(const std::string& filename,
                           const std::vector<std::vector<std::string>>& rows);

}  // namespace tp::web
