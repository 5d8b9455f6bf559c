// Applicant sign-up: the form, the e-mail link and the new account behind it.
#include <string>
#include <vector>

#include "domain/accounts/rules.h"
#include "services/accounts/passwords.h"
#include "services/applications/application_internal.h"
#include "services/applications/application_service.h"
#include "services/mail/mailer.h"
#include "services/tokens.h"
#include "storage/accounts/account_repositories.h"
#include "storage/database.h"

namespace tp::services {
namespace {

using applications_detail::Lang;
using domain::Role;

constexpr long kRegistrationLifetimeSeconds = 24L * 3600;
// At most this many verification e-mails per address and hour, so the form cannot be used to
// flood somebody's inbox; more sign-ups look the same but send nothing.
constexpr long kRegistrationsPerHour = 3;

}  // namespace

void ApplicationService::Register(const RegistrationInput& in) {
  const auto email = domain::NormalizeEmail(in.email);
  const auto name = domain::NormalizeName(in.name);
  std::vector<FieldError> errors;
  domain::AppendFieldProblem(errors, "email", domain::CheckEmail(email));
  domain::AppendFieldProblem(errors, "name", domain::CheckPersonName(name));
  domain::AppendFieldProblem(errors, "password", domain::CheckPassword(in.password));
  if (in.password != in.password_repeat)
    errors.push_back({"password_repeat", "The passwords do not match."});
  if (!in.accept_terms) errors.push_back({"accept_terms", "You must accept the terms."});
  if (!errors.empty()) throw Invalid(errors);
  // Hash in both cases so the time taken does not tell whether the e-mail has an account.
  const auto hash = HashPassword(in.password, settings_.argon2_opslimit, settings_.argon2_memlimit);
  const auto now = Now();
  const auto lang = Lang(in.lang);
  db_.Transact([&](storage::Tx& tx) {
    if (auto existing = storage::PersonRepository(tx).FindByEmail(email)) {
      mailer_.Queue(tx, email, existing->locale.empty() ? lang : existing->locale,
                    "applications/account_exists",
                    {{"name", existing->name},
                     {"link", settings_.public_url + "/login"},
                     {"reset_link", settings_.public_url + "/password/forgot"}},
                    now);
      return;
    }
    storage::RegistrationRepository regs(tx);
    if (regs.CountSince(email, now - 3600) >= kRegistrationsPerHour) return;
    const auto token = RandomToken();
    storage::Registration r;
    r.email = email;
    r.name = name;
    r.password_hash = hash;
    r.lang = lang;
    r.expires_at = now + kRegistrationLifetimeSeconds;
    regs.Insert(r, HashToken(token), now);
    mailer_.Queue(tx, email, lang, "applications/verify",
                  {{"name", name},
                   {"link", settings_.public_url + "/register/verify/" + token + in.link_query}},
                  now);
  });
}

std::optional<std::string> ApplicationService::PeekRegistration(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  std::optional<std::string> out;
  const auto now = Now();
  db_.Read([&](storage::Tx& tx) {
    auto r = storage::RegistrationRepository(tx).FindByTokenHash(HashToken(token));
    if (r && !r->used_at && r->expires_at > now) out = r->email;
  });
  return out;
}

std::string ApplicationService::VerifyRegistration(const std::string& token, const std::string& ip,
                                                   const std::string& user_agent) {
  if (token.empty() || token.size() > 200) throw NotFound("unknown registration link");
  const auto now = Now();
  std::string session = RandomToken();
  db_.Transact([&](storage::Tx& tx) {
    storage::RegistrationRepository regs(tx);
    auto r = regs.FindByTokenHash(HashToken(token));
    if (!r || r->used_at || r->expires_at <= now || !regs.MarkUsed(r->id, now))
      throw NotFound("registration link unknown, used or expired");
    storage::PersonRepository people(tx);
    if (people.FindByEmail(r->email)) throw Conflict("the e-mail got an account meanwhile");
    const auto person_id = people.Insert(r->email, r->name, r->password_hash, now);
    people.SetLocale(person_id, r->lang);
    storage::GrantRepository(tx).Add(person_id, Role::kApplicant, 0, std::nullopt, now);
    storage::SessionRepository(tx).Insert(HashToken(session), person_id, now,
                                          now + settings_.session_lifetime_hours * 3600, ip,
                                          user_agent);
    regs.DeleteForEmail(r->email);
  });
  return session;
}

}  // namespace tp::services
