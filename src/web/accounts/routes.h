#pragma once
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/actor.h"
#include "web/site.h"

namespace tp::services {
class AccountService;
}

namespace tp::web {

/// Registers the accounts pages (login, logout, account, passwords, invitations, API tokens,
/// an operator's people) and the /api/v1 endpoints (me, tokens, people, invitations, grants).
/// `demo_logins` holds (role label msgid, e-mail) pairs listed on the login page only in demo
/// mode, together with `demo_password` when that is not empty.
void RegisterAccountRoutes(Site& site, services::AccountService& accounts,
                           const std::vector<std::pair<std::string, std::string>>& demo_logins = {},
                           const std::string& demo_password = "");

/// The English msgid naming a role ("Trainee coordinator"), for pages and e-mails.
std::string RoleLabel(domain::Role role);

}  // namespace tp::web
