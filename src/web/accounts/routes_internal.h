#pragma once
// Inside web/accounts only: the page groups that routes.cpp registers and what they share.
// Nothing outside this folder includes this file.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/accounts/person.h"
#include "services/accounts/account_service.h"
#include "web/site.h"

namespace tp::web::accounts {

// --- the page groups (each file opens with its route table) -------------------------------------

/// The (role label msgid, e-mail) pairs and the password the login page lists in demo mode.
struct DemoLogins {
  std::vector<std::pair<std::string, std::string>> logins;
  std::string password;
};

/// Log in and out (login_routes.cpp).
void RegisterLoginRoutes(Site& site, services::AccountService& accounts, DemoLogins demo);
/// The forgotten password and its reset link (password_routes.cpp).
void RegisterPasswordResetRoutes(Site& site, services::AccountService& accounts);
/// The invitation link: an invited person chooses a name and password (invitation_routes.cpp).
void RegisterInvitationRoutes(Site& site, services::AccountService& accounts);
/// The own account: roles, language, password, API tokens (account_routes.cpp).
void RegisterAccountPageRoutes(Site& site, services::AccountService& accounts);
/// An operator's people, inviting them, and one person's roles (people_routes.cpp).
void RegisterPeopleRoutes(Site& site, services::AccountService& accounts);
/// The JSON API of the area (api_routes.cpp).
void RegisterApiRoutes(Site& site, services::AccountService& accounts);

// --- shared by the pages and the API (account_views.cpp) ----------------------------------------

/// "Operator", "Employer", "Trainee" (msgids), or "" for the unscoped roles.
std::string ScopeLabel(domain::Role role);
/// A unix time as the Norwegian date in Oslo.
std::string Date(std::int64_t unix_seconds);
boost::json::object PersonJson(const domain::Person& p);
boost::json::array GrantsJson(const std::vector<domain::GrantRecord>& grants);
boost::json::object TokenJson(const domain::ApiTokenInfo& t);
/// A scope id from a path segment; -1 for anything that is not a plain non-negative number.
std::int64_t ParseScope(const std::string& text);
/// The role named `text`; Invalid on `field` ("Choose a role.") otherwise.
domain::Role RoleFromText(const std::string& text, const std::string& field = "role");
/// Invalid on "new_password_confirm" unless "new_password" and "new_password_confirm" agree.
void RequireRepeatedPassword(const Context& ctx);
/// The page for an unknown, used or expired e-mail link (404).
http::Response LinkInvalid(const Site& site, Context& ctx);

// --- the forms with role and scope selects (grant_forms.cpp) ------------------------------------

/// The msgid of a scope that does not fit the chosen role.
inline constexpr const char* kScopeMismatch = "Choose a scope that fits the role.";
/// The scope id of `role` from the form's "scope" select ("operator:3", "employer:12",
/// "trainee:7", or empty for the unscoped roles). Invalid on "scope" when it does not fit.
std::int64_t ScopeFromForm(const Context& ctx, domain::Role role);
/// The service names the scope "scope_id" (the API's field); the forms call it "scope".
std::vector<FieldError> OnScopeSelect(std::vector<FieldError> errors);
/// The invitation form of an operator's people, with `data` (values and errors) in it.
http::Response InvitePage(const Site& site, services::AccountService& accounts, Context& ctx,
                          std::int64_t operator_id, boost::json::object data, int status);
/// One person with their roles and, for those who may grant roles, the form to add one.
http::Response PersonPage(const Site& site, services::AccountService& accounts, Context& ctx,
                          std::int64_t person_id, boost::json::object data, int status);

}  // namespace tp::web::accounts
