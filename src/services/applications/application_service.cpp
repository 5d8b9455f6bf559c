#include "services/applications/application_service.h"

#include <sodium.h>

#include <chrono>
#include <stdexcept>

#include "domain/accounts/actor.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "services/applications/application_internal.h"
#include "services/mail/mailer.h"
#include "services/pool/offer_closing.h"
#include "storage/accounts/account_repositories.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services {

using applications_detail::CheckUpload;
using applications_detail::HoldsFile;
using applications_detail::Lang;
using applications_detail::LoadCohort;
using applications_detail::Parse;
using applications_detail::RequireApplicant;
using applications_detail::RequireOpen;
using applications_detail::Sha256Hex;
using applications_detail::StoreFile;
using domain::Actor;
using domain::ApplicationStatus;
using domain::RequireLogin;
using domain::Role;

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
    out.file = *f;
    out.content = repo.FileContent(file_id);
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
