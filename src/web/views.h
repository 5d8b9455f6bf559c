#pragma once
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <string>

#include "http/message.h"
#include "web/context.h"

namespace tp::http {
class StaticFiles;
}

namespace tp::web {

/// Renders mustache templates (embedded from templates/) into the main layout.
///
/// In every template:
///  - `{{#t}}English text{{/t}}` translates into the request's language;
///  - `{{csrf_token}}` is the CSRF token (use the partial `{{> csrf}}` in forms);
///  - `{{actor.name}}`, `{{actor.logged_in}}`, `{{lang}}`, `{{static.css}}` are set;
///  - `{{#has_errors}}` / `{{errors}}` follow the form convention below.
/// Form convention for data: {"values": {field: typed text}, "errors": {field: translated msg}},
/// plus "error_list": [{"field","message"}] for the summary at the top of the form.
class Views {
 public:
  Views(const I18n& i18n, const http::StaticFiles& static_files, bool demo_mode);
  ~Views();

  /// Renders templates/pages/<page>.mustache inside templates/layouts/main.mustache with
  /// `title` (an English msgid, translated) and `data`. Adds Set-Cookie from ctx.set_cookies.
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      boost::json::object data, int status = 200) const;
  /// Renders one template to a string without the layout (e.g. e-mail bodies).
  std::string Fragment(const std::string& lang, const std::string& template_path,
                       const boost::json::object& data) const;
  bool demo_mode() const { return demo_mode_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  bool demo_mode_;
};

}  // namespace tp::web
