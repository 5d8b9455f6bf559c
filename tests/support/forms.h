#pragma once
#include <string>
#include <utility>
#include <vector>

#include "support/http_client.h"

namespace tp::test {

/// An application/x-www-form-urlencoded body of `fields`, starting with the client's CSRF token
/// (or, when `with_csrf` is false, without one).
std::string FormBody(const TestClient& client,
                     const std::vector<std::pair<std::string, std::string>>& fields,
                     bool with_csrf = true);

}  // namespace tp::test
