#include "web/context.h"

#include <charconv>

#include "domain/errors.h"
#include "web/i18n.h"

namespace tp::web {

std::string Context::T(const std::string& msgid) const { return i18n.Translate(lang, msgid); }

std::string Context::Field(const std::string& name) const {
  auto it = form.find(name);
  if (it == form.end()) return "";
  const std::string& v = it->second;
  auto b = v.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = v.find_last_not_of(" \t\r\n");
  return v.substr(b, e - b + 1);
}

const http::MultipartPart* Context::File(const std::string& name) const {
  for (const auto& part : files) {
    if (part.name == name && part.filename && !part.filename->empty() && !part.data.empty())
      return &part;
  }
  return nullptr;
}

std::int64_t Context::IdParam(const std::string& name) const {
  auto it = request.params.find(name);
  if (it == request.params.end()) throw NotFound("missing route parameter " + name);
  std::int64_t value = 0;
  const auto& s = it->second;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || value <= 0) {
    throw NotFound("bad id " + s);
  }
  return value;
}

void Context::RequireLogin() const {
  if (actor.IsAnonymous()) throw Unauthenticated("login required");
}

}  // namespace tp::web
