#pragma once
#include <string>
#include <utility>
#include <vector>

#include "web/site.h"

namespace tp::services {
class AccountService;
}

namespace tp::web {

/// Registers the accounts pages (login, logout, account, passwords, invitations, API tokens,
/// an operator's people) and the /api/v1 endpoints (me, tokens, people, invitations, grants),
/// and installs the template-based e-mail renderer on `accounts`.
/// `demo_logins` holds (role label msgid, e-mail) pairs listed on the login page only in demo
/// mode, together with `demo_password` when that is not empty.
void RegisterAccountRoutes(Site& site, services::AccountService& accounts,
                           const std::vector<std::pair<std::string, std::string>>& demo_logins = {},
                           const std::string& demo_password = "");

/// True for a "next" target that stays on this site: a path starting with one '/', not "//"
/// and without a backslash or control characters.
bool IsLocalReturnPath(const std::string& next);

}  // namespace tp::web
