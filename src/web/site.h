#pragma once
#include <boost/json.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "http/router.h"
#include "web/context.h"

namespace tp::services {
class ActorResolver;
}

namespace tp::web {

/// The cookie that carries the browser session's token.
inline constexpr const char* kSessionCookie = "tp_session";

class I18n;
class Views;

/// Options of a page route.
struct PageOptions {
  /// Accept multipart/form-data (file uploads): plain fields go to Context::form (including
  /// "_csrf"), files to Context::files. A damaged or cut-off body gets a 400 page.
  bool uploads = false;
  /// Largest request body; unset: the server's body_limit. Larger bodies get 413.
  std::optional<std::size_t> body_limit = std::nullopt;
};

/// Registers the application's routes on the router and gives every handler a Context.
///
/// Page routes (HTML):
///  - the actor comes from the "tp_session" cookie;
///  - unsafe methods (POST) must carry form field "_csrf" equal to the "tp_csrf" cookie
///    (double-submit) or get a 403 page; the CSRF cookie is issued on any page that lacks it;
///  - tp::Unauthenticated -> 303 to /login?next=...; tp::Forbidden -> 403 page;
///    tp::NotFound -> 404 page; tp::Conflict -> 409 page; any other exception -> 500 page
///    (logged with the request id; what() never reaches the user). tp::Invalid must be handled
///    by the handler itself (re-render the form); if it escapes, it becomes a 422 page.
/// API routes (JSON, under /api/v1):
///  - the actor comes from "Authorization: Bearer <token>" or, failing that, from the session
///    cookie, in which case unsafe methods need header "X-CSRF-Token" equal to the "tp_csrf"
///    cookie;
///  - request bodies are parsed as JSON (malformed -> 400 problem);
///  - errors become application/problem+json with translated "title" and "detail":
///    401, 403, 404, 409, 422 (with "errors": [{"field","message"}]), 500.
class Site {
 public:
  using PageHandler = std::function<http::Response(Context&)>;
  /// API handler: `body` is the parsed JSON body (null for GET/DELETE).
  using ApiHandler = std::function<http::Response(Context&, const boost::json::value& body)>;

  Site(http::Router& router, services::ActorResolver& resolver, const I18n& i18n,
       const Views& views, bool secure_cookies);

  void Page(const std::string& method, const std::string& pattern, PageHandler handler,
            PageOptions options = {});
  /// `body_limit`: largest request body for this route (e.g. base64 uploads); unset: the
  /// server's body_limit.
  void Api(const std::string& method, const std::string& pattern, ApiHandler handler,
           std::optional<std::size_t> body_limit = std::nullopt);

  const Views& views() const { return views_; }
  const I18n& i18n() const { return i18n_; }
  bool secure_cookies() const { return secure_cookies_; }

  /// A Set-Cookie value with HttpOnly, SameSite=Lax, Path=/ and Secure when configured.
  std::string Cookie(const std::string& name, const std::string& value, long max_age_seconds) const;
  /// The Set-Cookie value for a new browser session, or, with an empty token, one that ends it.
  std::string SessionCookie(const std::string& token, long lifetime_hours) const {
    return Cookie(kSessionCookie, token, token.empty() ? 0 : lifetime_hours * 3600);
  }

  /// The 404 page for unmatched paths (used as the server's not-found handler).
  http::Response NotFoundPage(http::Request& request) const;

  /// Helpers for API handlers.
  static http::Response JsonOk(const boost::json::value& value, int status = 200);
  /// Paged list envelope: {"items": [...], "page": n, "per_page": n, "total": n}.
  static http::Response JsonPage(boost::json::array items, long page, long per_page, long total);

 private:
  http::Response ServePage(http::Request& request, const PageHandler& handler, bool uploads) const;
  http::Response ServeApi(Context& ctx, const ApiHandler& handler) const;
  /// A login or logout (a response that sets the session cookie) also gets a new CSRF cookie,
  /// so that a token known before it is not valid after it.
  void RotateCsrfOnNewSession(http::Response& response) const;
  /// The 503 page (Retry-After) for a request the database could not serve.
  http::Response UnavailablePage(Context& ctx) const;

  http::Router& router_;
  services::ActorResolver& resolver_;
  const I18n& i18n_;
  const Views& views_;
  bool secure_cookies_;
};

}  // namespace tp::web
