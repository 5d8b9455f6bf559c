#include "services/applications/application_service.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "domain/accounts/actor.h"
#include "domain/accounts/rules.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "domain/text.h"
#include "services/accounts/passwords.h"
#include "services/mail/mailer.h"
#include "services/pool/offer_closing.h"
#include "services/tokens.h"
#include "storage/accounts/account_repositories.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services {
namespace {

using domain::RequireLogin;
using domain::Trim;

using domain::Actor;
using domain::ApplicationStatus;
using domain::Role;

constexpr long kRegistrationLifetimeSeconds = 24L * 3600;
// At most this many verification e-mails per address and hour, so the form cannot be used to
// flood somebody's inbox; more sign-ups look the same but send nothing.
constexpr long kRegistrationsPerHour = 3;

void RequireApplicant(const Actor& actor) {
  RequireLogin(actor);
  if (!actor.Has(Role::kApplicant, 0)) throw Forbidden("applicant role required");
}

std::string Lang(const std::string& lang) {
  return domain::IsSupportedLanguage(lang) && !lang.empty() ? lang : "nb";
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool ParseInt(const std::string& text, long long& out) {
  if (text.empty() || text.size() > 18) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// The cohort with what decides rights and choices; NotFound when it does not exist.
struct CohortFacts {
  domain::Cohort cohort;
  domain::Programme programme;
  domain::Operator op;
};

CohortFacts LoadCohort(storage::Tx& tx, std::int64_t cohort_id) {
  auto c = storage::CohortRepository(tx).Find(cohort_id);
  if (!c) throw NotFound("no such cohort");
  auto p = storage::ProgrammeRepository(tx).Find(c->programme_id);
  if (!p) throw NotFound("no such programme");
  auto o = storage::OperatorRepository(tx).Find(p->operator_id);
  if (!o) throw NotFound("no such operator");
  return {*c, *p, *o};
}

// Parses the typed form into an application (without ids), checking types, lengths and that
// the choices were offered; throws Invalid with every problem. `preferences` receives the
// participation ids in order.
domain::Application Parse(storage::Tx& tx, const ApplicationInput& in, const CohortFacts& facts,
                          domain::Date today, std::vector<std::int64_t>& preferences) {
  std::vector<FieldError> errors;
  domain::Application a;
  a.given_name = Trim(in.given_name);
  a.family_name = Trim(in.family_name);
  a.phone = Trim(in.phone);
  a.gender = Trim(in.gender);
  a.address = Trim(in.address);
  a.postal_code = Trim(in.postal_code);
  a.city = Trim(in.city);
  a.municipality_number = Trim(in.municipality_number);
  a.occupation = Trim(in.occupation);
  a.experience = Trim(in.experience);
  a.motivation = Trim(in.motivation);
  a.public_list_opt_out = in.public_list_opt_out;
  a.opt_out_reason = a.public_list_opt_out ? Trim(in.opt_out_reason) : "";
  const auto birth = Trim(in.birth_date);
  if (!birth.empty()) {
    if (auto d = domain::ParseFormDate(birth))
      a.birth_date = domain::FormatIso(*d);
    else
      errors.push_back({"birth_date", "Enter a date as dd.mm.yyyy."});
  }
  if (!a.municipality_number.empty()) {
    auto m = storage::MunicipalityRepository(tx).Find(a.municipality_number);
    if (!m)
      errors.push_back({"municipality_number", "Choose your home municipality."});
    else
      a.municipality_name = m->name;
  }
  storage::ApplicationRepository repo(tx);
  std::vector<storage::BackgroundChoice> backgrounds;
  bool backgrounds_loaded = false;
  int row = 0;
  for (const auto& e : in.education) {
    domain::Education ed;
    ed.degree = Trim(e.degree);
    ed.field = Trim(e.field);
    ed.institution = Trim(e.institution);
    const auto year = Trim(e.year);
    const auto background = Trim(e.background_id);
    if (ed.field.empty() && ed.institution.empty() && year.empty() && background.empty()) {
      continue;  // an empty row of the form
    }
    const std::string prefix = "education." + std::to_string(row) + ".";
    long long y = 0;
    if (!ParseInt(year, y))
      errors.push_back({prefix + "year", "Enter a year between 1950 and next year."});
    ed.year = static_cast<int>(y);
    if (!background.empty()) {
      if (!backgrounds_loaded) {
        backgrounds = repo.Backgrounds(facts.op.id);
        backgrounds_loaded = true;
      }
      long long id = 0;
      auto it = std::find_if(backgrounds.begin(), backgrounds.end(),
                             [&](const storage::BackgroundChoice& b) {
                               return ParseInt(background, id) && b.id == id;
                             });
      if (it == backgrounds.end()) {
        errors.push_back({prefix + "background_id", "Choose a field from the list."});
      } else {
        ed.background_id = it->id;
        ed.background_name = it->name;
      }
    }
    ed.position = ++row;
    a.education.push_back(std::move(ed));
  }
  if (!in.preferences.empty()) {
    auto offered = repo.ConfirmedEmployers(facts.cohort.id);
    std::set<std::int64_t> seen;
    for (const auto& text : in.preferences) {
      long long id = 0;
      const bool ok =
          ParseInt(Trim(text), id) &&
          std::any_of(offered.begin(), offered.end(),
                      [&](const storage::WishableEmployer& w) { return w.participation_id == id; });
      if (!ok) {
        errors.push_back({"preferences", "Choose employers from the list."});
        break;
      }
      if (!seen.insert(id).second) {
        errors.push_back({"preferences", "Each employer can be chosen once."});
        break;
      }
      preferences.push_back(id);
    }
  }
  for (auto& e : domain::CheckDraft(a, today)) {
    bool dup = std::any_of(errors.begin(), errors.end(),
                           [&](const FieldError& x) { return x.field == e.field; });
    if (!dup) errors.push_back(std::move(e));
  }
  if (!errors.empty()) throw Invalid(errors);
  return a;
}

// Checks an upload; the field error, or nullopt when it is acceptable.
std::optional<FieldError> CheckUpload(const FileUpload& f) {
  if (std::find(domain::FileKindNames().begin(), domain::FileKindNames().end(), f.kind) ==
      domain::FileKindNames().end())
    return FieldError{f.field, "Choose the kind of file."};
  auto problem = domain::CheckPdf(f.data);
  if (problem != domain::PdfProblem::kNone)
    return FieldError{f.field, domain::PdfProblemMessage(problem)};
  if (f.filename.size() > 255) return FieldError{f.field, "The file name is too long."};
  return std::nullopt;
}

std::string CleanFilename(const std::string& name) {
  // Keep the last path component only; browsers on Windows may send a whole path.
  auto slash = name.find_last_of("/\\");
  std::string out = slash == std::string::npos ? name : name.substr(slash + 1);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"'; }),
            out.end());
  return out.empty() ? "document.pdf" : out;
}

// Stores the upload once: the id of the stored file, also when the application already held
// the same content as this kind (a re-posted form; the database's unique index decides).
std::int64_t StoreFile(storage::ApplicationRepository& repo, std::int64_t application_id,
                       const FileUpload& f, const std::string& sha256, std::int64_t now) {
  if (auto id = repo.AddFile(application_id, f.kind, CleanFilename(f.filename),
                             static_cast<std::int64_t>(f.data.size()), sha256,
                             domain::Base64Encode(f.data), now))
    return id;
  for (const auto& held : repo.Files(application_id))
    if (held.kind == f.kind && held.sha256 == sha256) return held.id;
  throw std::logic_error("stored file not found");
}

bool HoldsFile(const std::optional<domain::Application>& a, const FileUpload& f,
               const std::string& sha256) {
  if (!a) return false;
  return std::any_of(a->files.begin(), a->files.end(), [&](const domain::ApplicationFile& held) {
    return held.kind == f.kind && held.sha256 == sha256;
  });
}

void RequireOpen(const CohortFacts& facts, std::int64_t now) {
  if (!domain::ApplicationsOpen(facts.cohort.application_deadline, domain::OsloDateAt(now)))
    throw Conflict("the application deadline has passed");
}

}  // namespace

ApplicationService::ApplicationService(storage::Database& db, Mailer& mailer,
                                       ApplicationSettings settings)
    : db_(db), mailer_(mailer), settings_(std::move(settings)) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  while (!settings_.public_url.empty() && settings_.public_url.back() == '/')
    settings_.public_url.pop_back();
}

std::int64_t ApplicationService::Now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// --- sign-up ---------------------------------------------------------------------------------

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

// --- applications ------------------------------------------------------------------------------

ApplicationPageView ApplicationService::GetApplication(const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  ApplicationPageView view;
  const auto now = Now();
  db_.Read([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    RequireApplicant(actor);
    storage::ApplicationRepository repo(tx);
    view.cohort = facts.cohort;
    view.programme_name = facts.programme.name;
    view.operator_name = facts.op.name;
    view.application = repo.Find(cohort_id, actor.person_id);
    view.backgrounds = repo.Backgrounds(facts.op.id);
    view.employers = repo.ConfirmedEmployers(cohort_id);
    view.municipalities = storage::MunicipalityRepository(tx).All();
    view.open =
        domain::ApplicationsOpen(facts.cohort.application_deadline, domain::OsloDateAt(now));
    if (view.application)
      view.reference = domain::ApplicationReference(cohort_id, view.application->id);
  });
  return view;
}

SaveResult ApplicationService::Save(const Actor& actor, std::int64_t cohort_id,
                                    const ApplicationInput& in,
                                    const std::vector<FileUpload>& uploads, bool send) {
  RequireLogin(actor);
  const auto now = Now();
  const auto today = domain::OsloDateAt(now);
  SaveResult result;
  std::vector<FieldError> send_errors;
  writes_.Run([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    RequireApplicant(actor);
    storage::ApplicationRepository repo(tx);
    auto existing = repo.Find(cohort_id, actor.person_id);
    if (existing && existing->status == ApplicationStatus::kWithdrawn)
      throw Conflict("the application is withdrawn");
    RequireOpen(facts, now);
    std::vector<std::int64_t> preferences;
    auto a = Parse(tx, in, facts, today, preferences);
    a.id = existing ? existing->id : repo.Ensure(cohort_id, actor.person_id, now);
    result.application_id = a.id;
    repo.Update(a, preferences, domain::ApplicationSearchText(a), now);
    std::size_t file_count = existing ? existing->files.size() : 0;
    for (const auto& f : uploads) {
      if (auto problem = CheckUpload(f)) {
        result.file_errors.push_back(*problem);
        continue;
      }
      const auto sha256 = Sha256Hex(f.data);
      if (HoldsFile(existing, f, sha256)) continue;  // the same file again: a re-posted form
      if (file_count >= domain::kMaxApplicationFiles) {
        result.file_errors.push_back({f.field, "Too many files. Delete one first."});
        continue;
      }
      StoreFile(repo, a.id, f, sha256, now);
      ++file_count;
    }
    // A sent application stays complete: its changes are checked as a send and refused
    // whole (rolled back) when something is missing.
    const bool was_sent = existing && existing->status == ApplicationStatus::kSent;
    result.already_sent = was_sent;
    if (was_sent) {
      auto errors = domain::CheckForSending(a, repo.CountFiles(a.id, "cv") > 0, today);
      for (const auto& e : result.file_errors) errors.insert(errors.begin(), e);
      if (!errors.empty()) throw Invalid(errors);
      return;
    }
    if (!send || !result.file_errors.empty()) return;
    send_errors = domain::CheckForSending(a, repo.CountFiles(a.id, "cv") > 0, today);
    if (!send_errors.empty()) return;  // the fields stay saved
    if (repo.MarkSent(a.id, now)) {
      result.newly_sent = true;
      mailer_.Queue(tx, actor.email, Lang(actor.locale), "applications/receipt",
                    {{"name", a.given_name + " " + a.family_name},
                     {"cohort", facts.programme.name + " – " + facts.cohort.name},
                     {"reference", domain::ApplicationReference(cohort_id, a.id)},
                     {"sent_at", domain::FormatOsloDateTime(now)},
                     {"deadline", domain::FormatNorwegian(facts.cohort.application_deadline)},
                     {"link", settings_.public_url + "/apply/cohorts/" + std::to_string(cohort_id) +
                                  "/receipt"}},
                    now);
    }
  });
  if (!send_errors.empty()) throw Invalid(send_errors);
  return result;
}

SaveResult ApplicationService::Send(const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  const auto now = Now();
  const auto today = domain::OsloDateAt(now);
  SaveResult result;
  std::vector<FieldError> send_errors;
  writes_.Run([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    RequireApplicant(actor);
    storage::ApplicationRepository repo(tx);
    auto a = repo.Find(cohort_id, actor.person_id);
    if (!a) throw NotFound("no application to send");
    if (a->status == ApplicationStatus::kWithdrawn) throw Conflict("the application is withdrawn");
    result.application_id = a->id;
    if (a->status == ApplicationStatus::kSent) {
      result.already_sent = true;
      return;
    }
    RequireOpen(facts, now);
    send_errors = domain::CheckForSending(*a, repo.CountFiles(a->id, "cv") > 0, today);
    if (!send_errors.empty()) return;
    if (repo.MarkSent(a->id, now)) {
      result.newly_sent = true;
      mailer_.Queue(tx, actor.email, Lang(actor.locale), "applications/receipt",
                    {{"name", a->given_name + " " + a->family_name},
                     {"cohort", facts.programme.name + " – " + facts.cohort.name},
                     {"reference", domain::ApplicationReference(cohort_id, a->id)},
                     {"sent_at", domain::FormatOsloDateTime(now)},
                     {"deadline", domain::FormatNorwegian(facts.cohort.application_deadline)},
                     {"link", settings_.public_url + "/apply/cohorts/" + std::to_string(cohort_id) +
                                  "/receipt"}},
                    now);
    }
  });
  if (!send_errors.empty()) throw Invalid(send_errors);
  return result;
}

std::int64_t ApplicationService::AddFile(const Actor& actor, std::int64_t cohort_id,
                                         const FileUpload& file) {
  RequireLogin(actor);
  const auto now = Now();
  if (auto problem = CheckUpload(file)) throw Invalid(std::vector<FieldError>{*problem});
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    RequireApplicant(actor);
    storage::ApplicationRepository repo(tx);
    auto existing = repo.Find(cohort_id, actor.person_id);
    if (existing && existing->status == ApplicationStatus::kWithdrawn)
      throw Conflict("the application is withdrawn");
    RequireOpen(facts, now);
    const auto app_id = existing ? existing->id : repo.Ensure(cohort_id, actor.person_id, now);
    const auto sha256 = Sha256Hex(file.data);
    if (!HoldsFile(existing, file, sha256) && existing &&
        existing->files.size() >= domain::kMaxApplicationFiles)
      throw Invalid(std::vector<FieldError>{{file.field, "Too many files. Delete one first."}});
    id = StoreFile(repo, app_id, file, sha256, now);
  });
  return id;
}

void ApplicationService::Withdraw(const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    LoadCohort(tx, cohort_id);
    RequireApplicant(actor);
    storage::ApplicationRepository repo(tx);
    auto a = repo.Find(cohort_id, actor.person_id);
    if (!a) throw NotFound("no application");
    if (a->status == ApplicationStatus::kWithdrawn) return;  // a repeated click
    if (!repo.MarkWithdrawn(a->id, now)) throw Conflict("only a sent application is withdrawn");
    // Under the row lock MarkWithdrawn took: an offer accepted before it stands, the open ones
    // are closed and their employers told.
    if (storage::PoolRepository(tx).HasAcceptedOffer(a->id)) throw Conflict("already hired");
    CloseOffersOfWithdrawnApplication(tx, mailer_, settings_.public_url, a->id, now);
  });
}

std::vector<domain::ApplicationSummary> ApplicationService::ListMine(const Actor& actor) {
  RequireLogin(actor);
  std::vector<domain::ApplicationSummary> out;
  db_.Read([&](storage::Tx& tx) {
    out = storage::ApplicationRepository(tx).ListForPerson(actor.person_id);
  });
  return out;
}

FileDownload ApplicationService::GetFile(const Actor& actor, std::int64_t file_id) {
  RequireLogin(actor);
  FileDownload out;
  db_.Read([&](storage::Tx& tx) {
    storage::ApplicationRepository repo(tx);
    auto f = repo.FindFile(file_id);
    if (!f) throw NotFound("no such file");
    auto a = repo.FindById(f->application_id);
    if (!a || a->person_id != actor.person_id) throw NotFound("not the actor's file");
    auto content = domain::Base64Decode(repo.FileContentBase64(file_id));
    if (!content) throw std::runtime_error("stored file content is not base64");
    out.file = *f;
    out.content = std::move(*content);
  });
  return out;
}

std::int64_t ApplicationService::DeleteFile(const Actor& actor, std::int64_t file_id) {
  RequireLogin(actor);
  const auto now = Now();
  std::int64_t cohort_id = 0;
  db_.Transact([&](storage::Tx& tx) {
    storage::ApplicationRepository repo(tx);
    auto f = repo.FindFile(file_id);
    if (!f) throw NotFound("no such file");
    auto a = repo.FindById(f->application_id);
    if (!a || a->person_id != actor.person_id) throw NotFound("not the actor's file");
    cohort_id = a->cohort_id;
    if (a->status == ApplicationStatus::kWithdrawn) throw Conflict("the application is withdrawn");
    RequireOpen(LoadCohort(tx, a->cohort_id), now);
    repo.DeleteFile(file_id);
  });
  return cohort_id;
}

// --- the person's data ------------------------------------------------------------------------

PersonExport ApplicationService::Export(const Actor& actor) {
  RequireLogin(actor);
  PersonExport out;
  db_.Read([&](storage::Tx& tx) {
    auto p = storage::PersonRepository(tx).FindById(actor.person_id);
    if (!p) throw NotFound("person vanished");
    out.person = *p;
    out.grants = storage::GrantRepository(tx).ForPerson(actor.person_id);
    storage::ApplicationRepository repo(tx);
    for (const auto& s : repo.ListForPerson(actor.person_id)) {
      auto a = repo.FindById(s.id);
      if (!a) continue;
      std::vector<std::string> contents;
      for (const auto& f : a->files) contents.push_back(repo.FileContentBase64(f.id));
      out.applications.push_back(std::move(*a));
      out.cohort_names.push_back(s.programme_name + " – " + s.cohort_name);
      out.file_contents.push_back(std::move(contents));
    }
    domain::PageRequest all;
    all.per_page = 100000;
    out.emails = storage::OutboxRepository(tx).List(p->email, all).items;
  });
  return out;
}

void ApplicationService::CheckMayDeleteAccount(const Actor& actor) {
  RequireLogin(actor);
  const bool only_applicant =
      !actor.grants.empty() &&
      std::all_of(actor.grants.begin(), actor.grants.end(),
                  [](const domain::Grant& g) { return g.role == Role::kApplicant; });
  if (!only_applicant) throw Forbidden("only applicants delete their own account");
  long submitted = 0;
  db_.Read([&](storage::Tx& tx) {
    submitted = storage::ApplicationRepository(tx).CountSubmittedForPerson(actor.person_id);
  });
  if (submitted > 0) throw Conflict("an application is sent");
}

void ApplicationService::DeleteAccount(const Actor& actor) {
  CheckMayDeleteAccount(actor);
  db_.Transact([&](storage::Tx& tx) {
    storage::ApplicationRepository repo(tx);
    // Checked again inside the transaction: a send may have landed since.
    if (repo.CountSubmittedForPerson(actor.person_id) > 0) throw Conflict("an application is sent");
    repo.DeleteForPerson(actor.person_id);
    storage::RegistrationRepository regs(tx);
    regs.DeleteForEmail(actor.email);
    regs.DeletePerson(actor.person_id);
  });
}

// --- trusted ----------------------------------------------------------------------------------

std::int64_t ApplicationService::SaveDraftTrusted(std::int64_t cohort_id, std::int64_t person_id,
                                                  const ApplicationInput& in) {
  const auto now = Now();
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    std::vector<std::int64_t> preferences;
    auto a = Parse(tx, in, facts, domain::OsloDateAt(now), preferences);
    storage::ApplicationRepository repo(tx);
    a.id = id = repo.Ensure(cohort_id, person_id, now);
    repo.Update(a, preferences, domain::ApplicationSearchText(a), now);
  });
  return id;
}

std::vector<std::int64_t> ApplicationService::ImportSentTrusted(
    std::int64_t cohort_id, const std::vector<SentImport>& imports) {
  std::vector<std::int64_t> ids;
  db_.Transact([&](storage::Tx& tx) {
    auto facts = LoadCohort(tx, cohort_id);
    storage::PersonRepository people(tx);
    storage::GrantRepository grants(tx);
    storage::ApplicationRepository repo(tx);
    for (const auto& im : imports) {
      const auto person = people.Insert(im.email, im.name, std::nullopt, im.sent_at);
      grants.Add(person, Role::kApplicant, 0, std::nullopt, im.sent_at);
      std::vector<std::int64_t> preferences;
      auto a = Parse(tx, im.input, facts, domain::OsloDateAt(im.sent_at), preferences);
      a.id = repo.Ensure(cohort_id, person, im.sent_at);
      repo.Update(a, preferences, domain::ApplicationSearchText(a), im.sent_at);
      for (const auto& f : im.files) StoreFile(repo, a.id, f, Sha256Hex(f.data), im.sent_at);
      repo.SetSentAt(a.id, im.sent_at);
      ids.push_back(a.id);
    }
  });
  return ids;
}

}  // namespace tp::services
