#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

/// Transport-level HTTP types shared by the server and the routes. No knowledge of the domain.
namespace tp::http {

/// One parsed request. Header names are lower-case. `path` is percent-decoded, without the query.
struct Request {
  std::string method;                             ///< "GET", "POST", ...
  std::string target;                             ///< raw request target, e.g. "/cohorts/5?page=2"
  std::string path;                               ///< decoded path, e.g. "/cohorts/5"
  std::multimap<std::string, std::string> query;  ///< decoded query parameters
  std::map<std::string, std::string> headers;     ///< lower-case name -> value
  std::string body;
  std::map<std::string, std::string> params;  ///< route parameters, e.g. {"id","5"}
  std::string request_id;                     ///< set by the server for every request
  std::string remote_address;                 ///< peer IP address as text
  std::string route;                          ///< the matched route pattern (for metrics)

  /// Header value or empty string.
  std::string Header(std::string_view lower_name) const;
  /// First query parameter with that name, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
  /// Value of a cookie from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
};

/// One response. The server adds Date, Content-Length, security headers and X-Request-Id.
struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// Sets or replaces a header.
  Response& Set(std::string name, std::string value);
  /// Adds a header (several Set-Cookie may be present).
  Response& Add(std::string name, std::string value);
  /// Value of a header (case-insensitive) or empty.
  std::string Get(std::string_view name) const;

  static Response Text(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Json(int status, std::string body, std::string content_type = "application/json");
  /// 303 See Other to `location`.
  static Response Redirect(std::string location, int status = 303);
};

/// A route handler. Runs on the worker pool (may block on SQL, argon2id) unless the route is
/// registered with `RouteOptions::on_io_thread`.
using Handler = std::function<Response(Request&)>;

/// Percent-encodes text for a query parameter or form value (RFC 3986 unreserved kept).
std::string UrlEncode(std::string_view text);

/// Percent-decoding of an application/x-www-form-urlencoded body into name/value pairs.
std::multimap<std::string, std::string> ParseForm(std::string_view body);

/// One part of a multipart/form-data body. `filename` is set (possibly empty) for file inputs.
struct MultipartPart {
  std::string name;
  std::optional<std::string> filename;  ///< nullopt for plain fields
  std::string content_type;             ///< as sent; "text/plain" when absent
  std::string data;
};

/// Parses a multipart/form-data body (RFC 7578) whose Content-Type header is `content_type`.
/// nullopt when the header has no boundary or the body is damaged or cut off (no closing
/// boundary). Part headers other than Content-Disposition and Content-Type are ignored.
std::optional<std::vector<MultipartPart>> ParseMultipart(std::string_view content_type,
                                                         std::string_view body);

/// Lenient percent-decoding: "%XX" with two hex digits becomes that byte, any other '%' is kept
/// literally; with `plus_as_space`, '+' becomes a space (form and query encoding).
std::string PercentDecode(std::string_view text, bool plus_as_space = false);

/// True for a header field name that is an RFC 9110 token (letters, digits, !#$%&'*+-.^_`|~).
bool IsValidHeaderName(std::string_view name);

/// True for a header field value that cannot end the field or start another: no CR, LF, NUL or
/// other control character but tab, and no leading or trailing space or tab (RFC 9110 5.5).
/// The server refuses a response whose handler set anything else.
bool IsSafeHeaderValue(std::string_view value);

/// The one rule for every "next" / return target in the product: true for a path on this site,
/// i.e. it starts with one '/' (not "//"), and holds only printable ASCII without a backslash,
/// so that no browser reads it as another host ("/\evil", "/\t/evil") and it can go into a
/// Location header as it is. At most 2000 characters.
bool IsLocalReturnPath(std::string_view next);

/// A Content-Disposition value ("attachment" or "inline") naming `filename` both ways RFC 6266
/// allows: `filename="..."` with an ASCII stand-in (other characters, quotes, backslashes and
/// controls become '_') for old clients, and `filename*=UTF-8''...` with the real name.
std::string ContentDisposition(std::string_view disposition, std::string_view filename);

/// The reason phrase of a status code ("Not Found"), or "Unknown".
std::string_view StatusText(int status);

}  // namespace tp::http
