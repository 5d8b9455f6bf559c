#include "web/mail/email_renderer.h"

#include <boost/json.hpp>

#include "domain/accounts/actor.h"
#include "resources/resources.h"
#include "web/accounts/routes.h"
#include "web/i18n.h"
#include "web/views.h"

namespace tp::web {
namespace {

std::string TranslatedRoles(const I18n& i18n, const std::string& lang, const std::string& stored) {
  std::string out, rest = stored;
  while (!rest.empty()) {
    auto comma = rest.find(", ");
    std::string one = rest.substr(0, comma);
    rest = comma == std::string::npos ? "" : rest.substr(comma + 2);
    auto role = domain::ParseRole(one);
    if (!out.empty()) out += ", ";
    out += role ? i18n.Translate(lang, RoleLabel(*role)) : one;
  }
  return out;
}

bool KnownLanguage(const std::string& lang) {
  for (const auto& l : I18n::Languages())
    if (l == lang) return true;
  return false;
}

}  // namespace

services::EmailContent SplitEmail(const std::string& rendered,
                                  const std::string& fallback_subject) {
  auto end = rendered.find('\n');
  if (end == std::string::npos || rendered.compare(end + 1, 1, "\n") != 0)
    return {fallback_subject, rendered};
  std::string subject = rendered.substr(0, end);
  while (!subject.empty() && (subject.back() == '\r' || subject.back() == ' ')) subject.pop_back();
  return {subject, rendered.substr(end + 2)};
}

void InstallEmailRenderer(services::Mailer& mailer, const Views& views, const I18n& i18n) {
  const Views* v = &views;
  const I18n* t = &i18n;
  mailer.SetRenderer([v, t](const std::string& kind, const std::string& lang_in,
                            const std::map<std::string, std::string>& vars) {
    const std::string lang = KnownLanguage(lang_in) ? lang_in : I18n::Languages().front();
    const std::string path = "templates/emails/" + kind + ".mustache";
    boost::json::object data;
    for (const auto& [k, val] : vars) data[k] = val;
    if (auto it = vars.find("roles"); it != vars.end())
      data["roles"] = TranslatedRoles(*t, lang, it->second);
    if (kind.find("..") != std::string::npos || !resources::Find(path))
      return services::Mailer::Plain(kind, vars);
    return SplitEmail(v->Fragment(lang, path, data), kind);
  });
}

}  // namespace tp::web
