#include "services/accounts/account_service.h"

#include <sodium.h>

#include <chrono>
#include <stdexcept>

#include "domain/accounts/actor.h"
#include "domain/accounts/rules.h"
#include "domain/errors.h"
#include "services/accounts/passwords.h"
#include "services/tokens.h"
#include "storage/accounts/account_repositories.h"
#include "storage/accounts/login_throttle.h"
#include "storage/database.h"

namespace tp::services {
namespace {

using domain::RequireLogin;

using domain::Role;

constexpr long kResetLifetimeSeconds = 3600;
constexpr long kInviteLifetimeSeconds = 7L * 24 * 3600;
// Writing last_seen_at on every request would turn every page view into a write; a minute of
// slack is invisible to the user and keeps SQLite's single writer free.
constexpr long kTouchIntervalSeconds = 60;

domain::Actor ActorOf(const domain::Person& p, const std::vector<domain::GrantRecord>& grants) {
  domain::Actor a;
  a.person_id = p.id;
  a.name = p.name;
  a.email = p.email;
  a.locale = p.locale;
  for (const auto& g : grants) a.grants.push_back({g.role, g.scope_id});
  return a;
}

std::string LangOf(const domain::Person& p) { return p.locale.empty() ? "nb" : p.locale; }

// What a role's scope refers to and which operator it belongs to.
domain::ScopeFacts FactsOf(storage::Tx& tx, Role role, std::int64_t scope_id) {
  storage::ScopeRepository scopes(tx);
  domain::ScopeFacts f;
  const auto kind = domain::RoleScopeKind(role);
  if (kind == "operator") {
    f.exists = scope_id > 0 && scopes.OperatorExists(scope_id);
    if (f.exists) f.operator_id = scope_id;
  } else if (kind == "employer") {
    f.exists = scope_id > 0 && scopes.EmployerExists(scope_id);
  } else if (kind == "trainee") {
    f.operator_id = scope_id > 0 ? scopes.OperatorOfTrainee(scope_id) : std::nullopt;
    f.exists = f.operator_id.has_value();
  } else {
    f.exists = scope_id == 0;
  }
  return f;
}

// Checks one grant: rights first (an actor who may grant nothing learns nothing about scopes),
// then that the scope exists, then the scoped right.
void CheckMayGrant(storage::Tx& tx, const domain::Actor& actor, Role role, std::int64_t scope_id) {
  RequireLogin(actor);
  if (!actor.IsSystemAdmin() && !domain::IsAnyOperatorAdmin(actor))
    throw Forbidden("granting roles needs operator admin");
  const auto facts = FactsOf(tx, role, scope_id);
  if (!facts.exists) {
    // An operator admin may not even probe the other roles' scopes.
    if (!actor.IsSystemAdmin() && (role == Role::kSystemAdmin || role == Role::kApplicant))
      throw Forbidden("role reserved for system admins");
    throw Invalid(std::vector<FieldError>{{"scope_id", "Choose an existing scope for the role."}});
  }
  if (!domain::MayGrant(actor, role, facts))
    throw Forbidden("may not grant " + std::string(domain::RoleName(role)));
}

std::string RoleList(const std::vector<domain::Grant>& grants) {
  std::string out;
  for (const auto& g : grants) {
    if (!out.empty()) out += ", ";
    out += domain::RoleName(g.role);
  }
  return out;
}

}  // namespace

AccountService::AccountService(storage::Database& db, AccountSettings settings, Mailer& mailer)
    : db_(db), settings_(std::move(settings)), mailer_(mailer) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  while (!settings_.public_url.empty() && settings_.public_url.back() == '/')
    settings_.public_url.pop_back();
  dummy_hash_ = HashPassword("an unused password that nobody has");
}

std::int64_t AccountService::Now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string AccountService::HashPassword(const std::string& password) const {
  return services::HashPassword(password, settings_.argon2_opslimit, settings_.argon2_memlimit);
}

std::string AccountService::NewSessionToken(std::int64_t person_id, const std::string& ip,
                                            const std::string& user_agent, storage::Tx& tx) {
  std::string token = RandomToken();
  const auto now = Now();
  storage::SessionRepository(tx).Insert(HashToken(token), person_id, now,
                                        now + settings_.session_lifetime_hours * 3600, ip,
                                        user_agent);
  return token;
}

// ------------------------------------------------------------------------------- sessions

void AccountService::Logout(const std::string& session_token) {
  if (session_token.empty()) return;
  db_.Transact([&](storage::Tx& tx) {
    storage::SessionRepository(tx).DeleteByHash(HashToken(session_token));
  });
}

std::optional<domain::Actor> AccountService::ResolveSession(const std::string& session_token,
                                                            std::string* rotated_token) {
  if (session_token.empty() || session_token.size() > 200) return std::nullopt;
  const auto hash = HashToken(session_token);
  const auto now = Now();
  std::optional<domain::Actor> actor;
  bool touch = false, expired = false, rotate = false;
  std::int64_t session_id = 0;
  db_.Read([&](storage::Tx& tx) {
    auto s = storage::SessionRepository(tx).FindByHash(hash);
    if (!s) return;
    if (s->expires_at <= now) {
      expired = true;
      return;
    }
    auto p = storage::PersonRepository(tx).FindById(s->person_id);
    if (!p || p->disabled) return;
    actor = ActorOf(*p, storage::GrantRepository(tx).ForPerson(p->id));
    session_id = s->id;
    touch = now - s->last_seen_at >= kTouchIntervalSeconds;
    rotate = s->rotate && rotated_token;
  });
  if (actor && rotate) {
    // The person's roles changed since this session began: its id does not carry over.
    rotated_token->clear();
    db_.Transact([&](storage::Tx& tx) {
      storage::SessionRepository sessions(tx);
      auto s = sessions.FindByHash(hash);
      if (!s) return;  // a concurrent request rotated it first
      sessions.DeleteByHash(hash);
      *rotated_token = RandomToken();
      sessions.Insert(HashToken(*rotated_token), s->person_id, now,
                      now + settings_.session_lifetime_hours * 3600, "", "");
    });
    if (rotated_token->empty()) return std::nullopt;  // lost the race: log in again
    return actor;
  }
  // Housekeeping only: when the database cannot write just now (disk full, locked), the request
  // still goes on with what was read, and the next one tries again.
  try {
    if (expired) {
      db_.Transact([&](storage::Tx& tx) { storage::SessionRepository(tx).DeleteByHash(hash); });
    } else if (actor && touch) {
      db_.Transact([&](storage::Tx& tx) {
        storage::SessionRepository(tx).Touch(session_id, now,
                                             now + settings_.session_lifetime_hours * 3600);
      });
    }
  } catch (const Unavailable&) {
  }
  return actor;
}

std::optional<domain::Actor> AccountService::ResolveApiToken(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  const auto hash = HashToken(token);
  std::optional<domain::Actor> actor;
  db_.Transact([&](storage::Tx& tx) {
    storage::ApiTokenRepository tokens(tx);
    auto found = tokens.FindActiveByHash(hash);
    if (!found) return;
    auto p = storage::PersonRepository(tx).FindById(found->second);
    if (!p || p->disabled) return;
    tokens.MarkUsed(found->first, Now());
    actor = ActorOf(*p, storage::GrantRepository(tx).ForPerson(p->id));
  });
  return actor;
}

// ------------------------------------------------------------------------------- passwords

void AccountService::ChangePassword(const domain::Actor& actor, const std::string& current_password,
                                    const std::string& new_password,
                                    const std::string& keep_session_token) {
  RequireLogin(actor);
  std::optional<std::string> hash;
  db_.Read(
      [&](storage::Tx& tx) { hash = storage::PersonRepository(tx).PasswordHash(actor.person_id); });
  std::vector<FieldError> errors;
  if (!hash || !VerifyPassword(*hash, current_password))
    errors.push_back({"current_password", "The current password is wrong."});
  domain::AppendFieldProblem(errors, "new_password", domain::CheckPassword(new_password));
  if (!errors.empty()) throw Invalid(errors);
  const auto new_hash = HashPassword(new_password);
  db_.Transact([&](storage::Tx& tx) {
    storage::PersonRepository(tx).SetPasswordHash(actor.person_id, new_hash);
    storage::SessionRepository(tx).DeleteForPerson(
        actor.person_id, keep_session_token.empty() ? "" : HashToken(keep_session_token));
    storage::OneTimeTokenRepository(tx).RetireForPerson(actor.person_id, "reset", Now());
  });
}

void AccountService::RequestPasswordReset(const std::string& email_in) {
  const auto email = domain::NormalizeEmail(email_in);
  if (domain::CheckEmail(email)) return;
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    auto p = storage::PersonRepository(tx).FindByEmail(email);
    if (!p || p->disabled) return;
    const auto token = RandomToken();
    storage::OneTimeTokenRepository(tx).Insert(p->id, "reset", HashToken(token),
                                               now + kResetLifetimeSeconds);
    mailer_.Queue(tx, p->email, LangOf(*p), "accounts/password_reset",
                  {{"name", p->name}, {"link", settings_.public_url + "/password/reset/" + token}},
                  now);
  });
}

bool AccountService::IsResetTokenValid(const std::string& token) {
  bool ok = false;
  const auto now = Now();
  db_.Read([&](storage::Tx& tx) {
    auto t = storage::OneTimeTokenRepository(tx).FindByHash(HashToken(token));
    ok = t && t->purpose == "reset" && !t->used_at && t->expires_at > now;
  });
  return ok;
}

bool AccountService::ResetPassword(const std::string& token, const std::string& new_password) {
  std::vector<FieldError> errors;
  domain::AppendFieldProblem(errors, "new_password", domain::CheckPassword(new_password));
  if (!errors.empty()) throw Invalid(errors);
  if (!IsResetTokenValid(token)) return false;
  const auto new_hash = HashPassword(new_password);
  const auto now = Now();
  bool done = false;
  db_.Transact([&](storage::Tx& tx) {
    storage::OneTimeTokenRepository tokens(tx);
    auto t = tokens.FindByHash(HashToken(token));
    // Checked again inside the transaction: two tabs submitting the same link race here.
    if (!t || t->purpose != "reset" || t->expires_at <= now || !tokens.MarkUsed(t->id, now)) return;
    storage::PersonRepository(tx).SetPasswordHash(t->person_id, new_hash);
    storage::SessionRepository(tx).DeleteForPerson(t->person_id, "");
    // Every other reset link sent to the person is spent with this one.
    tokens.RetireForPerson(t->person_id, "reset", now);
    storage::LoginFailureRepository(tx).ClearPrefix(
        "pair:" + storage::PersonRepository(tx).FindById(t->person_id)->email + "|");
    done = true;
  });
  return done;
}

// ------------------------------------------------------------------- invitations and grants

bool AccountService::MayInvite(const domain::Actor& actor, std::int64_t operator_id) const {
  return actor.CanAdministerOperator(operator_id);
}

bool AccountService::MayGrantRoles(const domain::Actor& actor) const {
  return actor.IsSystemAdmin() || domain::IsAnyOperatorAdmin(actor);
}

std::vector<Role> AccountService::GrantableRoles(const domain::Actor& actor) const {
  std::vector<Role> roles;
  for (Role r : {Role::kSystemAdmin, Role::kOperatorAdmin, Role::kOperatorStaff, Role::kCoordinator,
                 Role::kMentor, Role::kSupervisor, Role::kTrainee, Role::kApplicant})
    if (actor.IsSystemAdmin() || (r != Role::kSystemAdmin && r != Role::kApplicant))
      roles.push_back(r);
  return roles;
}

void AccountService::CheckMayInvite(const domain::Actor& actor, std::int64_t operator_id) {
  RequireLogin(actor);
  if (!MayInvite(actor, operator_id)) throw Forbidden("invite needs operator admin");
}

void AccountService::CheckMayGrantRoles(const domain::Actor& actor) {
  RequireLogin(actor);
  if (!MayGrantRoles(actor)) throw Forbidden("granting roles needs operator admin");
}

InvitationResult AccountService::Invite(const domain::Actor& actor, const std::string& email_in,
                                        const std::string& name_in,
                                        const std::vector<domain::Grant>& grants) {
  RequireLogin(actor);
  if (!actor.IsSystemAdmin() && !domain::IsAnyOperatorAdmin(actor))
    throw Forbidden("inviting needs operator admin");
  const auto email = domain::NormalizeEmail(email_in);
  std::string name = domain::NormalizeName(name_in);
  std::vector<FieldError> errors;
  domain::AppendFieldProblem(errors, "email", domain::CheckEmail(email));
  domain::AppendFieldProblem(errors, "name", domain::CheckPersonName(name));
  if (grants.empty()) errors.push_back({"role", "Choose a role."});
  if (!errors.empty()) throw Invalid(errors);

  const auto now = Now();
  InvitationResult result;
  db_.Transact([&](storage::Tx& tx) {
    for (const auto& g : grants) CheckMayGrant(tx, actor, g.role, g.scope_id);
    storage::PersonRepository people(tx);
    storage::GrantRepository grant_repo(tx);
    auto existing = people.FindByEmail(email);
    std::string token;
    std::string lang = "nb";
    if (existing) {
      result.person_id = existing->id;
      name = existing->name;
      lang = LangOf(*existing);
      // Someone invited earlier who never accepted needs a fresh link, not a login link.
      if (!existing->has_password) token = RandomToken();
    } else {
      result.person_id = people.Insert(email, name, std::nullopt, now);
      result.new_person = true;
      token = RandomToken();
    }
    for (const auto& g : grants)
      grant_repo.Add(result.person_id, g.role, g.scope_id, actor.person_id, now);
    std::map<std::string, std::string> vars{
        {"name", name}, {"inviter", actor.name}, {"roles", RoleList(grants)}};
    std::string kind;
    if (!token.empty()) {
      storage::OneTimeTokenRepository(tx).Insert(result.person_id, "invite", HashToken(token),
                                                 now + kInviteLifetimeSeconds);
      vars["link"] = settings_.public_url + "/invitation/" + token;
      kind = "accounts/invitation";
    } else {
      vars["link"] = settings_.public_url + "/login";
      kind = "accounts/grant_added";
    }
    mailer_.Queue(tx, email, lang, kind, vars, now);
  });
  return result;
}

std::optional<InvitationInfo> AccountService::PeekInvitation(const std::string& token) {
  std::optional<InvitationInfo> info;
  const auto now = Now();
  db_.Read([&](storage::Tx& tx) {
    auto t = storage::OneTimeTokenRepository(tx).FindByHash(HashToken(token));
    if (!t || t->purpose != "invite" || t->used_at || t->expires_at <= now) return;
    auto p = storage::PersonRepository(tx).FindById(t->person_id);
    if (p && !p->disabled) info = InvitationInfo{p->email, p->name};
  });
  return info;
}

std::string AccountService::AcceptInvitation(const std::string& token, const std::string& name_in,
                                             const std::string& password, const std::string& ip,
                                             const std::string& user_agent) {
  if (!PeekInvitation(token)) throw NotFound("invitation link unknown, used or expired");
  const auto name = domain::NormalizeName(name_in);
  std::vector<FieldError> errors;
  domain::AppendFieldProblem(errors, "name", domain::CheckPersonName(name));
  domain::AppendFieldProblem(errors, "password", domain::CheckPassword(password));
  if (!errors.empty()) throw Invalid(errors);
  const auto hash = HashPassword(password);
  const auto now = Now();
  std::string session;
  db_.Transact([&](storage::Tx& tx) {
    storage::OneTimeTokenRepository tokens(tx);
    auto t = tokens.FindByHash(HashToken(token));
    if (!t || t->purpose != "invite" || t->expires_at <= now || !tokens.MarkUsed(t->id, now))
      throw NotFound("invitation link used concurrently");
    storage::PersonRepository people(tx);
    people.SetName(t->person_id, name);
    people.SetPasswordHash(t->person_id, hash);
    session = NewSessionToken(t->person_id, ip, user_agent, tx);
  });
  return session;
}

bool AccountService::Grant(const domain::Actor& actor, std::int64_t person_id, Role role,
                           std::int64_t scope_id) {
  bool added = false;
  db_.Transact([&](storage::Tx& tx) {
    CheckMayGrant(tx, actor, role, scope_id);
    if (!storage::PersonRepository(tx).FindById(person_id)) throw NotFound("person");
    added = storage::GrantRepository(tx).Add(person_id, role, scope_id, actor.person_id, Now());
  });
  return added;
}

void AccountService::Revoke(const domain::Actor& actor, std::int64_t person_id, Role role,
                            std::int64_t scope_id) {
  db_.Transact([&](storage::Tx& tx) {
    CheckMayGrant(tx, actor, role, scope_id);
    storage::GrantRepository grants(tx);
    if (actor.person_id == person_id && role == Role::kOperatorAdmin &&
        grants.CountRole(person_id, Role::kOperatorAdmin) <= 1)
      throw Conflict("cannot revoke one's own last operator_admin grant");
    if (!grants.Remove(person_id, role, scope_id)) throw NotFound("grant");
  });
}

// ------------------------------------------------------------------------------- people

domain::PageResult<domain::Person> AccountService::ListPeople(const domain::Actor& actor,
                                                              const domain::PageRequest& page,
                                                              std::int64_t operator_id) {
  RequireLogin(actor);
  if (!actor.CanWorkForOperator(operator_id)) throw Forbidden("not staff of this operator");
  domain::PageResult<domain::Person> result;
  db_.Read([&](storage::Tx& tx) {
    if (!storage::ScopeRepository(tx).OperatorExists(operator_id)) throw NotFound("operator");
    result = storage::PersonRepository(tx).ListForOperator(operator_id, page);
  });
  return result;
}

domain::PersonDetails AccountService::GetPerson(const domain::Actor& actor,
                                                std::int64_t person_id) {
  RequireLogin(actor);
  domain::PersonDetails details;
  db_.Read([&](storage::Tx& tx) {
    storage::PersonRepository people(tx);
    bool visible = actor.IsSystemAdmin() || actor.person_id == person_id;
    for (const auto& g : actor.grants) {
      if (visible) break;
      if (g.role == Role::kOperatorAdmin || g.role == Role::kOperatorStaff)
        visible = people.VisibleToOperator(person_id, g.scope_id);
    }
    // Invisible and missing look the same, so ids cannot be probed.
    auto p = visible ? people.FindById(person_id) : std::nullopt;
    if (!p) throw NotFound("person");
    details.person = *p;
    details.grants = storage::GrantRepository(tx).ForPerson(person_id);
  });
  return details;
}

GrantScopeChoices AccountService::ScopeChoices(const domain::Actor& actor) {
  CheckMayGrantRoles(actor);
  std::optional<std::vector<std::int64_t>> operators;
  if (!actor.IsSystemAdmin()) operators = actor.ScopesOf(Role::kOperatorAdmin);
  GrantScopeChoices out;
  db_.Read([&](storage::Tx& tx) {
    storage::ScopeRepository scopes(tx);
    out.operators = scopes.Operators(operators);
    out.employers = scopes.Employers();
    out.trainees = scopes.Trainees(operators);
  });
  return out;
}

// ------------------------------------------------------------------------------- API tokens

NewApiToken AccountService::CreateApiToken(const domain::Actor& actor, const std::string& name) {
  RequireLogin(actor);
  const auto trimmed = domain::NormalizeName(name);
  if (trimmed.empty())
    throw Invalid(std::vector<FieldError>{{"name", "Enter a name for the token."}});
  if (trimmed.size() > 100)
    throw Invalid(std::vector<FieldError>{{"name", "The name is too long."}});
  NewApiToken out;
  out.raw_token = RandomToken();
  db_.Transact([&](storage::Tx& tx) {
    out.id = storage::ApiTokenRepository(tx).Insert(actor.person_id, trimmed,
                                                    HashToken(out.raw_token), Now());
  });
  return out;
}

std::vector<domain::ApiTokenInfo> AccountService::ListApiTokens(const domain::Actor& actor) {
  RequireLogin(actor);
  std::vector<domain::ApiTokenInfo> out;
  db_.Read(
      [&](storage::Tx& tx) { out = storage::ApiTokenRepository(tx).ForPerson(actor.person_id); });
  return out;
}

domain::ApiTokenInfo AccountService::GetApiToken(const domain::Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  std::optional<domain::ApiTokenInfo> t;
  db_.Read([&](storage::Tx& tx) { t = storage::ApiTokenRepository(tx).Find(id, actor.person_id); });
  if (!t) throw NotFound("api token");
  return *t;
}

void AccountService::RevokeApiToken(const domain::Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::ApiTokenRepository(tx).Revoke(id, actor.person_id, Now()))
      throw NotFound("api token");
  });
}

void AccountService::SetLanguage(const domain::Actor& actor, const std::string& lang) {
  RequireLogin(actor);
  if (!domain::IsSupportedLanguage(lang))
    throw Invalid(std::vector<FieldError>{{"lang", "Choose a language."}});
  db_.Transact(
      [&](storage::Tx& tx) { storage::PersonRepository(tx).SetLocale(actor.person_id, lang); });
}

// ------------------------------------------------------------------------------- trusted

std::int64_t AccountService::CreateSystemAdmin(const std::string& email, const std::string& name,
                                               const std::string& password) {
  return CreatePersonWithPassword(email, name, password, {{Role::kSystemAdmin, 0}});
}

std::int64_t AccountService::CreatePersonWithPassword(const std::string& email_in,
                                                      const std::string& name_in,
                                                      const std::string& password,
                                                      const std::vector<domain::Grant>& grants) {
  const auto email = domain::NormalizeEmail(email_in);
  const auto name = domain::NormalizeName(name_in);
  std::vector<FieldError> errors;
  domain::AppendFieldProblem(errors, "email", domain::CheckEmail(email));
  domain::AppendFieldProblem(errors, "name", domain::CheckPersonName(name));
  domain::AppendFieldProblem(errors, "password", domain::CheckPassword(password));
  if (!errors.empty()) throw Invalid(errors);
  const auto hash = HashPassword(password);
  std::int64_t id = 0;
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    id = storage::PersonRepository(tx).Insert(email, name, hash, now);
    storage::GrantRepository repo(tx);
    for (const auto& g : grants) repo.Add(id, g.role, g.scope_id, std::nullopt, now);
  });
  return id;
}

domain::PageResult<domain::OutboxMessage> AccountService::ListOutbox(
    const std::string& to_address, const domain::PageRequest& page) {
  domain::PageResult<domain::OutboxMessage> out;
  db_.Read([&](storage::Tx& tx) {
    out = storage::OutboxRepository(tx).List(domain::NormalizeEmail(to_address), page);
  });
  return out;
}

}  // namespace tp::services
