// The accounts area's sitemap. Each group's file opens with its route table.
//
//   login_routes.cpp        /login, /logout                              logging in and out
//   password_routes.cpp     /password/forgot, /password/reset/{token}    the forgotten password
//   invitation_routes.cpp   /invitation/{token}                          accepting an invitation
//   account_routes.cpp      /account, /account/language, /account/password,
//                           /account/tokens[/{id}/revoke]                the own account
//   people_routes.cpp       /operators/{id}/people[.csv|/invite],
//                           /people/{id}[/grants...]                     people and their roles
//   api_routes.cpp          /api/v1/me, /api/v1/tokens..., /api/v1/operators/{id}/people,
//                           /api/v1/operators/{id}/invitations, /api/v1/people/{id}[/grants...]
//
// What the pages share: routes_internal.h (labels and JSON in account_views.cpp, the role and
// scope selects in grant_forms.cpp).
#include "web/accounts/routes.h"

#include "web/accounts/routes_internal.h"

namespace tp::web {

void RegisterAccountRoutes(Site& site, services::AccountService& accounts,
                           const std::vector<std::pair<std::string, std::string>>& demo_logins,
                           const std::string& demo_password) {
  accounts::RegisterLoginRoutes(site, accounts, {demo_logins, demo_password});
  accounts::RegisterAccountPageRoutes(site, accounts);
  accounts::RegisterPasswordResetRoutes(site, accounts);
  accounts::RegisterInvitationRoutes(site, accounts);
  accounts::RegisterPeopleRoutes(site, accounts);
  accounts::RegisterApiRoutes(site, accounts);
}

}  // namespace tp::web
