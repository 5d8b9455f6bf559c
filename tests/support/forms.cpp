#include "support/forms.h"

#include "http/message.h"
#include "support/test_app.h"

namespace tp::test {

std::string FormBody(const TestClient& client,
                     const std::vector<std::pair<std::string, std::string>>& fields,
                     bool with_csrf) {
  std::string body = with_csrf ? "_csrf=" + http::UrlEncode(CsrfOf(client)) : "x=1";
  for (const auto& [k, v] : fields) body += "&" + http::UrlEncode(k) + "=" + http::UrlEncode(v);
  return body;
}

}  // namespace tp::test
