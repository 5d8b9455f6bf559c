#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/accounts/person.h"
#include "domain/accounts/rules.h"
#include "domain/paging.h"
#include "services/accounts/actor_resolver.h"
#include "services/mail/mailer.h"

namespace tp::storage {
class Database;
class Tx;
}  // namespace tp::storage

namespace tp::services {

/// Tunables of the accounts service.
struct AccountSettings {
  std::string public_url;                  ///< base of links in e-mails, without a trailing slash
  long session_lifetime_hours = 12;        ///< idle lifetime; each use slides the expiry
  unsigned long long argon2_opslimit = 2;  ///< crypto_pwhash_OPSLIMIT_INTERACTIVE
  unsigned long long argon2_memlimit = 67108864;  ///< crypto_pwhash_MEMLIMIT_INTERACTIVE
  /// Failed logins for one account from one address before each further try waits (5 s, 10 s,
  /// 20 s, ... up to max_login_delay_seconds after the latest failure).
  long free_failures_per_account_address = 5;
  long first_login_delay_seconds = 5;
  long max_login_delay_seconds = 300;
  /// Failed logins from one address (any account) within the window after which the address
  /// waits the longest delay on every account it has failed on; accounts it has not failed on
  /// are still tried, so others behind the same address can log in.
  long max_failures_per_address = 20;
  /// Failed logins with one device cookie after which it no longer exempts from throttling.
  long max_failures_per_device = 5;
  long failure_window_seconds = 900;
  long device_lifetime_days = 365;  ///< a device cookie unused this long is forgotten
  /// Current unix time in seconds; empty means the system clock. Tests move time with it.
  std::function<std::int64_t()> clock;
};

/// Outcome of a login attempt. Wrong e-mail and wrong password are the same outcome.
enum class LoginStatus { kOk, kWrongCredentials, kThrottled };

struct LoginResult {
  LoginStatus status = LoginStatus::kWrongCredentials;
  std::string session_token;  ///< raw token for the cookie when kOk
  std::int64_t person_id = 0;
  std::string device_token;  ///< raw device cookie when kOk (the one presented, or a new one)
};

/// A freshly created API token; `raw_token` is shown once and never stored.
struct NewApiToken {
  std::int64_t id = 0;
  std::string raw_token;
};

/// What an invitation did.
struct InvitationResult {
  std::int64_t person_id = 0;
  bool new_person = false;  ///< false when an existing person only got the grants
};

/// What the invitation page shows before it is accepted.
struct InvitationInfo {
  std::string email;
  std::string name;
};

/// What an actor may choose from as grant scopes on the web forms, each list ordered by name.
struct GrantScopeChoices {
  /// Operators the actor administers (every operator for system admins).
  std::vector<domain::OperatorChoice> operators;
  /// Every employer: employers are shared, so any operator admin may name a coordinator.
  std::vector<domain::EmployerChoice> employers;
  /// Trainees in cohorts of those operators' programmes (every trainee for system admins).
  std::vector<domain::TraineeChoice> trainees;
};

/// People, roles, sessions, tokens and account e-mails. Every use case that takes an actor
/// checks the actor's rights before anything else. Expected outcomes (wrong password,
/// throttled, spent link) are return values; rule violations throw the tp:: error types.
class AccountService : public ActorResolver {
 public:
  /// Calls sodium_init(); throws std::runtime_error when libsodium cannot start. Account
  /// e-mails ("accounts/password_reset", "accounts/invitation", "accounts/grant_added") are
  /// queued through the shared `mailer`, which must outlive the service.
  AccountService(storage::Database& db, AccountSettings settings, Mailer& mailer);

  const AccountSettings& settings() const { return settings_; }

  // --- sessions ---------------------------------------------------------------------------
  /// Checks the password and opens a new session, ending `previous_session` (the browser's
  /// old session token, may be empty). Throttling never stops the owner of the account for
  /// good: failures count per account and address, and after a few each further try from that
  /// address waits a growing delay (kThrottled, not verified, not counted); an address with
  /// many failures on any accounts waits the longest delay on the accounts it failed on only.
  /// `device_token` is the browser's device cookie: a device that logged in to this account
  /// before is exempt (until it fails max_failures_per_device times itself). On success the
  /// result carries the device token to keep or set. Disabled people and people without a
  /// password get kWrongCredentials.
  LoginResult Login(const std::string& email, const std::string& password, const std::string& ip,
                    const std::string& user_agent, const std::string& device_token = "",
                    const std::string& previous_session = "");
  /// Ends the session of that raw token (no error when unknown).
  void Logout(const std::string& session_token);
  std::optional<domain::Actor> ResolveSession(const std::string& session_token,
                                              std::string* rotated_token = nullptr) override;
  std::optional<domain::Actor> ResolveApiToken(const std::string& token) override;
  long SessionLifetimeHours() const override { return settings_.session_lifetime_hours; }

  // --- passwords --------------------------------------------------------------------------
  /// Changes the actor's password after checking the current one (Invalid on field
  /// "current_password" when wrong, on "new_password" when the rule fails). Ends every other
  /// session of the person and their outstanding reset links; `keep_session_token` (may be
  /// empty) stays valid.
  void ChangePassword(const domain::Actor& actor, const std::string& current_password,
                      const std::string& new_password, const std::string& keep_session_token);
  /// Queues a reset link valid one hour when the e-mail belongs to an active person. Does the
  /// same visible thing either way.
  void RequestPasswordReset(const std::string& email);
  /// True when the reset link is still usable (unused and unexpired).
  bool IsResetTokenValid(const std::string& token);
  /// Sets a new password with a reset link; false when the link is unknown, used or expired.
  /// Invalid on "new_password" when the rule fails. Ends all sessions of the person and every
  /// other reset link sent to them.
  bool ResetPassword(const std::string& token, const std::string& new_password);

  // --- invitations and grants -------------------------------------------------------------
  /// Throws Unauthenticated/Forbidden unless the actor administers `operator_id` (or is system
  /// admin): the gate of the operator's invitation form and API.
  void CheckMayInvite(const domain::Actor& actor, std::int64_t operator_id);
  /// Throws Unauthenticated/Forbidden unless the actor may grant roles at all (operator admin
  /// somewhere, or system admin); Grant still checks each role and scope.
  void CheckMayGrantRoles(const domain::Actor& actor);
  /// True when the actor administers `operator_id` (or is system admin): CheckMayInvite passes.
  bool MayInvite(const domain::Actor& actor, std::int64_t operator_id) const;
  /// True when the actor may grant roles at all: CheckMayGrantRoles passes.
  bool MayGrantRoles(const domain::Actor& actor) const;
  /// The roles the grant form offers the actor: every role to a system admin, all but
  /// system_admin and applicant to others. Grant still checks each role and scope.
  std::vector<domain::Role> GrantableRoles(const domain::Actor& actor) const;
  /// Invites a person with grants. Rights per grant as in domain::MayGrant; unknown scopes are
  /// Invalid. A new person gets an invitation link valid 7 days; an existing one gets the grants
  /// and an e-mail saying so.
  InvitationResult Invite(const domain::Actor& actor, const std::string& email,
                          const std::string& name, const std::vector<domain::Grant>& grants);
  /// The invitation behind a link, or nullopt when unknown, used or expired.
  std::optional<InvitationInfo> PeekInvitation(const std::string& token);
  /// Accepts an invitation: sets name and password and logs in. Returns the session token.
  /// Throws NotFound for a spent link, Invalid for a bad name or password.
  std::string AcceptInvitation(const std::string& token, const std::string& name,
                               const std::string& password, const std::string& ip,
                               const std::string& user_agent);
  /// Gives a role. Forbidden without the right, NotFound for an unknown person, Invalid for an
  /// unknown scope. Returns false when the person already held it.
  bool Grant(const domain::Actor& actor, std::int64_t person_id, domain::Role role,
             std::int64_t scope_id);
  /// Takes a role away. Conflict when it is the actor's own last operator_admin grant;
  /// NotFound when the person did not hold it.
  void Revoke(const domain::Actor& actor, std::int64_t person_id, domain::Role role,
              std::int64_t scope_id);

  // --- people -----------------------------------------------------------------------------
  /// People the operator's staff may see (see PersonRepository::ListForOperator). Forbidden
  /// unless the actor works for the operator or is system admin.
  domain::PageResult<domain::Person> ListPeople(const domain::Actor& actor,
                                                const domain::PageRequest& page,
                                                std::int64_t operator_id);
  /// A person and their grants: themselves, system admins, or staff of an operator the person
  /// is visible to. NotFound otherwise.
  domain::PersonDetails GetPerson(const domain::Actor& actor, std::int64_t person_id);
  /// The scopes the actor may grant roles on (see GrantScopeChoices). Forbidden unless the
  /// actor is operator admin somewhere or system admin. Offering a scope here grants no right:
  /// Grant and Invite check every scope again.
  GrantScopeChoices ScopeChoices(const domain::Actor& actor);

  // --- API tokens -------------------------------------------------------------------------
  /// Creates a personal API token (Invalid on "name" when empty or longer than 100).
  NewApiToken CreateApiToken(const domain::Actor& actor, const std::string& name);
  std::vector<domain::ApiTokenInfo> ListApiTokens(const domain::Actor& actor);
  /// One of the actor's own tokens; NotFound otherwise.
  domain::ApiTokenInfo GetApiToken(const domain::Actor& actor, std::int64_t id);
  /// Revokes one of the actor's own tokens; NotFound otherwise (also when already revoked).
  void RevokeApiToken(const domain::Actor& actor, std::int64_t id);

  /// Sets the actor's interface language ("nb", "nn", "en" or "" for the browser's).
  void SetLanguage(const domain::Actor& actor, const std::string& lang);

  // --- trusted callers only (CLI, demo seed, tests): no rights checks -----------------------
  /// Creates a person with a password and the system_admin grant.
  std::int64_t CreateSystemAdmin(const std::string& email, const std::string& name,
                                 const std::string& password);
  /// Creates a person with a password and the given grants (scopes are not checked).
  std::int64_t CreatePersonWithPassword(const std::string& email, const std::string& name,
                                        const std::string& password,
                                        const std::vector<domain::Grant>& grants);
  /// Queued e-mails, newest first; `to_address` filters when not empty.
  domain::PageResult<domain::OutboxMessage> ListOutbox(const std::string& to_address,
                                                       const domain::PageRequest& page);

 private:
  std::int64_t Now() const;
  std::string HashPassword(const std::string& password) const;
  std::string NewSessionToken(std::int64_t person_id, const std::string& ip,
                              const std::string& user_agent, storage::Tx& tx);

  storage::Database& db_;
  AccountSettings settings_;
  Mailer& mailer_;
  std::string dummy_hash_;  ///< verified against for unknown e-mails so timing does not tell
};

}  // namespace tp::services
