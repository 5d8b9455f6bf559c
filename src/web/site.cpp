#include "web/site.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "domain/errors.h"
#include "http/log.h"
#include "http/text.h"
#include "services/accounts/actor_resolver.h"
#include "services/tokens.h"
#include "web/i18n.h"
#include "web/views.h"

namespace tp::web {
namespace {

constexpr const char* kCsrfCookie = "tp_csrf";
constexpr const char* kLangCookie = "tp_lang";

// Constant-time comparison so the token cannot be guessed byte by byte.
bool SameToken(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string ChooseLanguage(const http::Request& request, const domain::Actor& actor) {
  const auto& langs = I18n::Languages();
  auto supported = [&](const std::string& l) {
    return std::find(langs.begin(), langs.end(), l) != langs.end();
  };
  if (supported(actor.locale)) return actor.locale;
  if (auto cookie = request.Cookie(kLangCookie); cookie && supported(*cookie)) return *cookie;
  return I18n::Negotiate(request.Header("accept-language"));
}

// One JSON log line with the request id; `detail` (an exception's what()) goes to the log only.
void Note(spdlog::level::level_enum level, const http::Request& request, std::string_view message,
          const std::string& detail) {
  boost::json::object fields{{"method", request.method}, {"path", request.path}};
  if (!detail.empty()) fields["detail"] = detail;
  http::LogEvent(level, request.request_id, message, fields);
}

constexpr const char* kRetryAfterSeconds = "30";
constexpr const char* kUnavailable =
    "The service cannot save or fetch data right now. Nothing was lost. Try again in a minute.";
constexpr const char* kNotText =
    "The text sent is not valid: it must be UTF-8. Check what you typed and send it again.";

// The one check of text at the boundary: every query value must be clean one-line text.
bool CleanQuery(const http::Request& request) {
  for (const auto& [name, value] : request.query) {
    if (!http::IsCleanText(name, false) || !http::IsCleanText(value, false)) return false;
  }
  return true;
}

// Every form field (and uploaded file name) is valid UTF-8 and is stored without control
// characters: line breaks become "\n", other controls are dropped (http::CleanInputText).
bool CleanForm(Context& ctx) {
  std::multimap<std::string, std::string> clean;
  for (const auto& [typed_name, typed_value] : ctx.form) {
    std::string name = typed_name, value = typed_value;
    if (!http::CleanInputText(name) || !http::CleanInputText(value)) return false;
    clean.emplace(std::move(name), std::move(value));
  }
  ctx.form = std::move(clean);
  for (auto& file : ctx.files) {
    if (!http::CleanInputText(file.name)) return false;
    if (file.filename && !http::CleanInputText(*file.filename)) return false;
  }
  return true;
}

// The same for a JSON body: every string (and key) valid UTF-8, controls removed as in forms.
bool CleanJson(boost::json::value& value) {
  if (auto* text = value.if_string()) {
    std::string clean(*text);
    if (!http::CleanInputText(clean)) return false;
    if (clean.size() != text->size()) *text = clean;
  } else if (auto* object = value.if_object()) {
    for (auto& field : *object) {
      if (!http::IsCleanText(field.key(), false) || !CleanJson(field.value())) return false;
    }
  } else if (auto* array = value.if_array()) {
    for (auto& item : *array)
      if (!CleanJson(item)) return false;
  }
  return true;
}

}  // namespace

Site::Site(http::Router& router, services::ActorResolver& resolver, const I18n& i18n,
           const Views& views, bool secure_cookies)
    : router_(router),
      resolver_(resolver),
      i18n_(i18n),
      views_(views),
      secure_cookies_(secure_cookies) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");

  // Language choice for everyone, also before logging in; a cookie keeps it.
  Page("GET", "/lang/{code}", [this](Context& ctx) {
    std::string code = ctx.request.params.at("code");
    const auto& langs = I18n::Languages();
    if (std::find(langs.begin(), langs.end(), code) == langs.end()) throw NotFound("language");
    std::string next = ctx.request.Query("next").value_or("/");
    if (!http::IsLocalReturnPath(next)) next = "/";
    auto response = http::Response::Redirect(next);
    response.Add("Set-Cookie", Cookie(kLangCookie, code, 365L * 24 * 3600));
    return response;
  });
}

std::string Site::Cookie(const std::string& name, const std::string& value,
                         long max_age_seconds) const {
  std::string c = name + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (secure_cookies_) c += "; Secure";
  return c;
}

namespace {

struct PreparedContext {
  std::optional<domain::Actor> actor;
  std::string csrf;
  bool new_csrf = false;
};

}  // namespace

void Site::Page(const std::string& method, const std::string& pattern, PageHandler handler,
                PageOptions options) {
  const bool uploads = options.uploads;
  http::RouteOptions route_options;
  route_options.body_limit = options.body_limit;
  router_.Add(
      method, pattern,
      [this, handler, uploads](http::Request& request) -> http::Response {
        try {
          return ServePage(request, handler, uploads);
        } catch (const Unavailable& e) {
          // Not even the session could be looked up (the database is down).
          Note(spdlog::level::warn, request, "database unavailable", e.detail);
          Context ctx{request, {}, "", "", "", i18n_, {}, {}, {}};
          ctx.lang = ChooseLanguage(request, ctx.actor);
          return UnavailablePage(ctx);
        }
      },
      route_options);
}

void Site::RotateCsrfOnNewSession(http::Response& response) const {
  bool session = false, csrf = false;
  for (const auto& [name, value] : response.headers) {
    if (name != "Set-Cookie") continue;
    session = session || value.rfind(std::string(kSessionCookie) + "=", 0) == 0;
    csrf = csrf || value.rfind(std::string(kCsrfCookie) + "=", 0) == 0;
  }
  if (session && !csrf)
    response.Add("Set-Cookie", Cookie(kCsrfCookie, services::RandomToken(), 365L * 24 * 3600));
}

http::Response Site::UnavailablePage(Context& ctx) const {
  boost::json::object data{
      {"status", 503}, {"message", ctx.T(kUnavailable)}, {"request_id", ctx.request.request_id}};
  auto response = views_.Page(ctx, "error", "Service unavailable", std::move(data), 503);
  response.Set("Retry-After", kRetryAfterSeconds);
  return response;
}

http::Response Site::ServePage(http::Request& request, const PageHandler& handler,
                               bool uploads) const {
  std::string session = request.Cookie(kSessionCookie).value_or("");
  domain::Actor actor;
  std::string rotated;  // a new session id after the person's roles changed
  if (!session.empty()) {
    if (auto found = resolver_.ResolveSession(session, &rotated)) actor = std::move(*found);
  }
  if (!rotated.empty()) session = rotated;
  std::string csrf = request.Cookie(kCsrfCookie).value_or("");
  bool new_csrf = csrf.size() < 20;
  if (new_csrf) csrf = services::RandomToken();
  Context ctx{request, std::move(actor), "", csrf, session, i18n_, {}, {}, {}};
  ctx.lang = ChooseLanguage(request, ctx.actor);
  if (new_csrf) ctx.set_cookies.push_back(Cookie(kCsrfCookie, csrf, 365L * 24 * 3600));
  if (!rotated.empty())
    ctx.set_cookies.push_back(SessionCookie(rotated, resolver_.SessionLifetimeHours()));

  auto error_page = [&](int status, const std::string& title, const std::string& message) {
    boost::json::object data{
        {"status", status}, {"message", ctx.T(message)}, {"request_id", request.request_id}};
    return views_.Page(ctx, "error", title, std::move(data), status);
  };

  if (!CleanQuery(request)) {
    Note(spdlog::level::info, request, "query is not clean text", "");
    return error_page(422, "Invalid input", kNotText);
  }
  if (IsUnsafe(request.method)) {
    if (request.Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0) {
      ctx.form = http::ParseForm(request.body);
    } else if (uploads && request.Header("content-type").rfind("multipart/form-data", 0) == 0) {
      auto parts = http::ParseMultipart(request.Header("content-type"), request.body);
      if (!parts) {
        Note(spdlog::level::info, request, "damaged multipart body", "");
        return error_page(400, "Bad request",
                          "The form arrived incomplete or damaged. Go back and send it again.");
      }
      for (auto& part : *parts) {
        if (part.filename) {
          ctx.files.push_back(std::move(part));
        } else {
          ctx.form.emplace(part.name, std::move(part.data));
        }
      }
    }
    if (!CleanForm(ctx)) {
      Note(spdlog::level::info, request, "form text is not valid UTF-8", "");
      return error_page(422, "Invalid input", kNotText);
    }
    auto sent = ctx.form.find("_csrf");
    if (new_csrf || sent == ctx.form.end() || !SameToken(sent->second, csrf)) {
      Note(spdlog::level::warn, request, "csrf check failed", "");
      return error_page(403, "Forbidden",
                        "The form had expired or came from another site. Go back, reload the "
                        "page and try again.");
    }
  }
  try {
    http::Response response = handler(ctx);
    if (ctx.unavailable && response.status == 422) {
      // The form is shown again with what was typed; the status says "try again".
      response.status = 503;
      response.Set("Retry-After", kRetryAfterSeconds);
    }
    // Redirects (no rendering) still need the cookies the handler asked for, and a rotated
    // session id must reach the browser whatever the page answers.
    for (const auto& c : ctx.set_cookies) {
      if ((response.status < 300 || response.status >= 400) &&
          (rotated.empty() || c.rfind(std::string(kSessionCookie) + "=", 0) != 0))
        continue;
      bool present = false;
      for (const auto& [k, v] : response.headers)
        if (k == "Set-Cookie" && v == c) present = true;
      if (!present) response.Add("Set-Cookie", c);
    }
    if (response.status >= 300 && response.status < 400) RotateCsrfOnNewSession(response);
    return response;
  } catch (const Unauthenticated&) {
    auto response = http::Response::Redirect("/login?next=" + http::UrlEncode(request.target));
    for (const auto& c : ctx.set_cookies) response.Add("Set-Cookie", c);
    return response;
  } catch (const Forbidden& e) {
    Note(spdlog::level::info, request, "forbidden", e.what());
    return error_page(403, "Forbidden", "You do not have access to this page.");
  } catch (const NotFound& e) {
    Note(spdlog::level::info, request, "not found", e.what());
    return error_page(404, "Page not found", "We could not find the page you asked for.");
  } catch (const Conflict& e) {
    Note(spdlog::level::info, request, "conflict", e.what());
    return error_page(409, "Conflict",
                      "The change clashes with data that already exists. Check and try again.");
  } catch (const Unavailable& e) {
    Note(spdlog::level::warn, request, "database unavailable", e.detail);
    return UnavailablePage(ctx);
  } catch (const Invalid& e) {
    return error_page(422, "Invalid input", "Some of the information is not valid.");
  } catch (const std::exception& e) {
    Note(spdlog::level::err, request, "unhandled error", e.what());
    return error_page(500, "Something went wrong",
                      "An unexpected error occurred. Try again; if it persists, contact support "
                      "and quote the reference below.");
  }
}

namespace {

http::Response Problem(const Context& ctx, int status, const std::string& title,
                       const std::string& detail, boost::json::array errors = {}) {
  boost::json::object body{{"type", "about:blank"},
                           {"title", ctx.T(title)},
                           {"status", status},
                           {"detail", ctx.T(detail)},
                           {"instance", http::ToValidUtf8(ctx.request.path)},
                           {"request_id", ctx.request.request_id}};
  if (!errors.empty()) body["errors"] = std::move(errors);
  return http::Response::Json(status, boost::json::serialize(body), "application/problem+json");
}

}  // namespace

void Site::Api(const std::string& method, const std::string& pattern, ApiHandler handler,
               std::optional<std::size_t> body_limit) {
  http::RouteOptions route_options;
  route_options.body_limit = body_limit;
  router_.Add(
      method, pattern,
      [this, handler](http::Request& request) -> http::Response {
        Context ctx{request, {}, "", "", "", i18n_, {}, {}, {}};
        ctx.lang = ChooseLanguage(request, ctx.actor);
        http::Response response;
        try {
          response = ServeApi(ctx, handler);
        } catch (const Unavailable& e) {
          Note(spdlog::level::warn, request, "database unavailable", e.detail);
          response = Problem(ctx, 503, "Service unavailable", kUnavailable);
          response.Set("Retry-After", kRetryAfterSeconds);
        }
        for (const auto& c : ctx.set_cookies) response.Add("Set-Cookie", c);  // a rotated session
        return response;
      },
      route_options);
}

http::Response Site::ServeApi(Context& ctx, const ApiHandler& handler) const {
  http::Request& request = ctx.request;
  domain::Actor actor;
  std::string auth = request.Header("authorization");
  bool bearer = auth.rfind("Bearer ", 0) == 0;
  std::string session;
  if (bearer) {
    auto found = resolver_.ResolveApiToken(auth.substr(7));
    if (!found) return Problem(ctx, 401, "Unauthorized", "The access token is unknown or revoked.");
    actor = std::move(*found);
  } else if (auto cookie = request.Cookie(kSessionCookie)) {
    session = *cookie;
    std::string rotated;  // a new session id after the person's roles changed
    if (auto found = resolver_.ResolveSession(session, &rotated)) actor = std::move(*found);
    if (!rotated.empty()) {
      session = rotated;
      ctx.set_cookies.push_back(SessionCookie(rotated, resolver_.SessionLifetimeHours()));
    }
    // A browser session may only change data with the CSRF header (double submit).
    if (!actor.IsAnonymous() && IsUnsafe(request.method)) {
      std::string csrf = request.Cookie(kCsrfCookie).value_or("");
      if (!SameToken(request.Header("x-csrf-token"), csrf)) {
        return Problem(ctx, 403, "Forbidden", "The X-CSRF-Token header is missing or wrong.");
      }
    }
  }
  ctx.actor = std::move(actor);
  ctx.session_token = session;
  ctx.lang = ChooseLanguage(request, ctx.actor);

  if (!CleanQuery(request) || !http::IsValidUtf8(request.body))
    return Problem(ctx, 400, "Bad request", kNotText);
  boost::json::value body;
  if (!request.body.empty()) {
    boost::system::error_code ec;
    body = boost::json::parse(request.body, ec);
    if (ec) return Problem(ctx, 400, "Bad request", "The request body is not valid JSON.");
    if (!CleanJson(body)) return Problem(ctx, 400, "Bad request", kNotText);
  }
  try {
    return handler(ctx, body);
  } catch (const Unauthenticated&) {
    auto r = Problem(ctx, 401, "Unauthorized", "Log in or send a personal access token.");
    r.Set("WWW-Authenticate", "Bearer");
    return r;
  } catch (const Forbidden& e) {
    Note(spdlog::level::info, request, "forbidden", e.what());
    return Problem(ctx, 403, "Forbidden", "You do not have access to this resource.");
  } catch (const NotFound& e) {
    return Problem(ctx, 404, "Not found", "The resource does not exist.");
  } catch (const Conflict& e) {
    return Problem(ctx, 409, "Conflict", "The change clashes with data that already exists.");
  } catch (const Unavailable&) {
    throw;
  } catch (const Invalid& e) {
    boost::json::array errors;
    for (const auto& fe : e.errors)
      errors.push_back(boost::json::object{{"field", fe.field}, {"message", ctx.T(fe.message)}});
    return Problem(ctx, 422, "Invalid input", "Some of the information is not valid.",
                   std::move(errors));
  } catch (const std::exception& e) {
    Note(spdlog::level::err, request, "unhandled API error", e.what());
    return Problem(ctx, 500, "Internal error", "An unexpected error occurred.");
  }
}

http::Response Site::NotFoundPage(http::Request& request) const {
  domain::Actor actor;
  if (auto session = request.Cookie(kSessionCookie)) {
    try {
      if (auto found = resolver_.ResolveSession(*session)) actor = std::move(*found);
    } catch (const Unavailable&) {
      // The 404 page needs no one's rights: shown as to a visitor while the database is away.
    }
  }
  Context ctx{
      request, std::move(actor), "", request.Cookie(kCsrfCookie).value_or(""), "", i18n_, {}, {},
      {}};
  ctx.lang = ChooseLanguage(request, ctx.actor);
  if (request.path.rfind("/api/", 0) == 0) {
    return Problem(ctx, 404, "Not found", "There is no such API endpoint.");
  }
  boost::json::object data{{"status", 404},
                           {"message", ctx.T("We could not find the page you asked for.")},
                           {"request_id", request.request_id}};
  return views_.Page(ctx, "error", "Page not found", std::move(data), 404);
}

http::Response Site::JsonOk(const boost::json::value& value, int status) {
  return http::Response::Json(status, boost::json::serialize(value));
}

http::Response Site::JsonPage(boost::json::array items, long page, long per_page, long total) {
  boost::json::object body{
      {"items", std::move(items)}, {"page", page}, {"per_page", per_page}, {"total", total}};
  return JsonOk(body);
}

}  // namespace tp::web
