#pragma once
#include <map>
#include <optional>
#include <string>

#include "domain/accounts/actor.h"
#include "http/message.h"

namespace tp::web {

class I18n;

/// Everything a route handler knows about the request beyond the raw HTTP message.
struct Context {
  http::Request& request;
  domain::Actor actor;        ///< anonymous unless a session or API token identified someone
  std::string lang;           ///< "nb", "nn" or "en": user setting, else Accept-Language
  std::string csrf_token;     ///< put in every form as hidden field "_csrf"
  std::string session_token;  ///< raw session cookie value, empty when none
  const I18n& i18n;
  /// Parsed POST body: urlencoded fields, or the plain fields of a multipart/form-data body.
  std::multimap<std::string, std::string> form;
  /// Set-Cookie headers the handler wants added to its response (e.g. after login).
  std::vector<std::string> set_cookies;
  /// File inputs of a multipart/form-data body (pages registered with PageOptions::uploads).
  std::vector<http::MultipartPart> files;
  /// Set when a form was shown again because the database could not save (tp::Unavailable):
  /// the page then goes out as 503 with Retry-After instead of 422.
  bool unavailable = false;

  /// Translation of an English msgid in the request's language.
  std::string T(const std::string& msgid) const;
  /// First form value of that name, or "" (trimmed of surrounding whitespace).
  std::string Field(const std::string& name) const;
  /// The uploaded file of that input name with a non-empty file name and content, or nullptr
  /// when none was chosen.
  const http::MultipartPart* File(const std::string& name) const;
  /// Route parameter as a positive id; throws tp::NotFound when it is not a number.
  std::int64_t IdParam(const std::string& name) const;
  /// Throws tp::Unauthenticated when the actor is anonymous.
  void RequireLogin() const;
};

}  // namespace tp::web
