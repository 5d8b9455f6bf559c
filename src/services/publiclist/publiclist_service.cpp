#include "services/publiclist/publiclist_service.h"

#include <algorithm>
#include <chrono>
#include <set>

#include "domain/accounts/actor.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "services/mail/mailer.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"

namespace tp::services {
namespace {

using domain::RequireLogin;
using domain::Trim;

using domain::Actor;
using domain::Role;

// The actor's relation to a cohort: operator side, or coordinator of participating employers.
struct Access {
  domain::Cohort cohort;
  std::string programme_name;
  bool staff = false;
  std::vector<std::int64_t> employers;  // coordinated employers taking part in the cohort
  bool Coordinates(std::int64_t employer_id) const {
    return std::find(employers.begin(), employers.end(), employer_id) != employers.end();
  }
};

// NotFound when the cohort is unknown or the actor has no relation to it.
Access AccessTo(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  storage::CohortRepository cohorts(tx);
  auto cohort = cohorts.Find(cohort_id);
  auto operator_id = cohorts.OperatorOf(cohort_id);
  if (!cohort || !operator_id) throw NotFound("cohort " + std::to_string(cohort_id));
  Access a;
  a.cohort = *cohort;
  a.staff = actor.CanWorkForOperator(*operator_id);
  storage::ParticipationRepository participations(tx);
  for (auto employer_id : actor.ScopesOf(Role::kCoordinator))
    if (participations.FindByCohortAndEmployer(cohort_id, employer_id))
      a.employers.push_back(employer_id);
  if (!a.staff && a.employers.empty()) throw NotFound("cohort " + std::to_string(cohort_id));
  if (auto p = storage::ProgrammeRepository(tx).Find(cohort->programme_id))
    a.programme_name = p->name;
  return a;
}

// Operator side only: Forbidden for a coordinator who can see the cohort.
Access StaffAccessTo(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  auto a = AccessTo(tx, actor, cohort_id);
  if (!a.staff) throw Forbidden("operator staff only, cohort " + std::to_string(cohort_id));
  return a;
}

std::string FullName(const std::string& given, const std::string& family) {
  if (given.empty()) return family;
  if (family.empty()) return given;
  return given + " " + family;
}

DueApplication Due(const storage::RetentionCandidate& c, domain::Date today) {
  DueApplication d;
  d.candidate = c;
  auto closes = domain::ParseIsoDate(c.hiring_closes_on);
  if (!closes) return d;  // never due with a damaged date
  d.due_on = domain::RetentionDueOn(*closes, c.retention_months);
  d.due = today >= d.due_on;
  return d;
}

}  // namespace

PublicListService::PublicListService(storage::Database& db, const Mailer& mailer,
                                     PublicListSettings settings)
    : db_(db), mailer_(mailer), settings_(std::move(settings)) {}

std::int64_t PublicListService::Now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// === the applicant list =========================================================================

ApplicantListView PublicListService::GetApplicantList(const Actor& actor, std::int64_t cohort_id,
                                                      std::int64_t employer_id) {
  ApplicantListView view;
  db_.Read([&](storage::Tx& tx) {
    auto access = AccessTo(tx, actor, cohort_id);
    if (employer_id == 0 && !access.staff) throw Forbidden("the cohort-wide list is staff only");
    if (employer_id != 0 && !access.staff && !access.Coordinates(employer_id))
      throw NotFound("employer " + std::to_string(employer_id));
    storage::ParticipationRepository participations(tx);
    if (employer_id != 0 && !participations.FindByCohortAndEmployer(cohort_id, employer_id))
      throw NotFound("employer " + std::to_string(employer_id) + " in cohort");
    view.cohort = access.cohort;
    view.programme_name = access.programme_name;
    view.staff = access.staff;
    view.employer_id = employer_id;
    for (const auto& p : participations.ByCohort(cohort_id)) {
      if (!access.staff && !access.Coordinates(p.employer_id)) continue;
      view.employers.emplace_back(p.employer_id, p.employer_name);
      if (p.employer_id == employer_id) view.employer_name = p.employer_name;
    }
    std::sort(view.employers.begin(), view.employers.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    view.today = domain::OsloDateAt(Now());
    view.available = domain::ApplicantListAvailable(view.cohort.application_deadline, view.today);
    auto applicants = storage::ApplicantListRepository(tx).Sent(cohort_id, employer_id);
    if (view.available)
      view.list = domain::BuildApplicantList(applicants, view.cohort.application_deadline);
    for (const auto& a : applicants)
      if (a.opt_out_requested)
        view.opt_outs.push_back({a.application_id, FullName(a.given_name, a.family_name),
                                 a.opt_out_reason, a.decision});
  });
  return view;
}

void PublicListService::DecideOptOut(const Actor& actor, std::int64_t application_id,
                                     const std::string& decision_text) {
  RequireLogin(actor);
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    storage::ApplicantListRepository repo(tx);
    auto app = repo.Find(application_id);
    if (!app || app->status != "sent")
      throw NotFound("application " + std::to_string(application_id));
    auto access = AccessTo(tx, actor, app->cohort_id);
    if (!access.staff) {
      bool related = false;
      for (auto employer_id : repo.PreferredEmployers(application_id))
        if (access.Coordinates(employer_id)) related = true;
      if (!related) throw NotFound("application " + std::to_string(application_id));
    }
    auto decision = domain::ParseOptOutDecision(Trim(decision_text));
    if (!decision || *decision == domain::OptOutDecision::kNone)
      throw Invalid({FieldError{"decision", "Choose whether the applicant is kept off the list."}});
    if (!app->opt_out_requested)
      throw Conflict("application " + std::to_string(application_id) + " made no opt-out request");
    if (*decision == app->decision) return;
    repo.SetDecision(application_id, *decision, now);
    if (*decision == domain::OptOutDecision::kRefused) {
      const std::string lang = app->locale.empty() ? "nb" : app->locale;
      mailer_.Queue(tx, app->email, lang, "publiclist/opt_out_refused",
                    {{"name", FullName(app->given_name, app->family_name)},
                     {"cohort", access.cohort.name},
                     {"programme", access.programme_name},
                     {"link", settings_.public_url + "/"}},
                    now);
    }
  });
}

// === retention ==================================================================================

RetentionView PublicListService::GetRetention(const Actor& actor, std::int64_t cohort_id) {
  RetentionView view;
  db_.Read([&](storage::Tx& tx) {
    auto access = StaffAccessTo(tx, actor, cohort_id);
    view.cohort = access.cohort;
    view.programme_name = access.programme_name;
    storage::RetentionRepository repo(tx);
    view.settings = repo.Settings(cohort_id).value_or(storage::RetentionSettings{cohort_id, "", 6});
    const auto today = domain::OsloDateAt(Now());
    for (const auto& c : repo.NotHired(cohort_id)) {
      view.not_hired.push_back(Due(c, today));
      if (view.not_hired.back().due) ++view.due_now;
    }
    std::stable_sort(
        view.not_hired.begin(), view.not_hired.end(),
        [](const DueApplication& a, const DueApplication& b) { return a.due && !b.due; });
  });
  return view;
}

void PublicListService::UpdateRetention(const Actor& actor, std::int64_t cohort_id,
                                        const RetentionInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    auto access = StaffAccessTo(tx, actor, cohort_id);
    std::vector<FieldError> errors;
    storage::RetentionSettings s{cohort_id, "", 6};
    const std::string closes = Trim(in.hiring_closes_on);
    if (!closes.empty()) {
      auto d = domain::ParseFormDate(closes);
      if (!d)
        errors.push_back({"hiring_closes_on", "Enter a date as dd.mm.yyyy."});
      else if (*d < access.cohort.application_deadline)
        errors.push_back(
            {"hiring_closes_on", "Hiring cannot close before the application deadline."});
      else
        s.hiring_closes_on = domain::FormatIso(*d);
    }
    const std::string months = Trim(in.retention_months);
    if (months.empty() || months.size() > 3 ||
        !std::all_of(months.begin(), months.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(months) > domain::kMaxRetentionMonths)
      errors.push_back({"retention_months", "Enter a whole number of months from 0 to 120."});
    else
      s.retention_months = std::stoi(months);
    if (!errors.empty()) throw Invalid(errors);
    storage::RetentionRepository(tx).UpdateSettings(s);
  });
}

domain::PageResult<storage::RetentionLogEntry> PublicListService::RetentionLog(
    const Actor& actor, std::int64_t cohort_id, const domain::PageRequest& page) {
  domain::PageResult<storage::RetentionLogEntry> out;
  db_.Read([&](storage::Tx& tx) {
    StaffAccessTo(tx, actor, cohort_id);
    out = storage::RetentionRepository(tx).LogPage(cohort_id, page);
  });
  return out;
}

RetentionRunResult PublicListService::RunRetention(std::int64_t now) {
  RetentionRunResult result;
  const auto today = domain::OsloDateAt(now);
  db_.Transact([&](storage::Tx& tx) {
    storage::RetentionRepository repo(tx);
    std::set<std::int64_t> cohorts;
    for (const auto& c : repo.NotHired(0)) {
      auto d = Due(c, today);
      if (!d.due) continue;
      storage::RetentionLogEntry e;
      e.cohort_id = c.cohort_id;
      e.application_id = c.application_id;
      e.deleted_at = now;
      e.status = c.status;
      e.due_on = domain::FormatIso(d.due_on);
      e.education_count = c.education_count;
      e.preference_count = c.preference_count;
      e.file_count = c.file_count;
      e.file_bytes = c.file_bytes;
      repo.DeleteApplication(c.application_id);
      repo.Log(e);
      ++result.applications;
      result.files += c.file_count;
      result.file_bytes += c.file_bytes;
      cohorts.insert(c.cohort_id);
    }
    result.cohorts = static_cast<long>(cohorts.size());
  });
  return result;
}

RetentionRunResult PublicListService::RunRetention() { return RunRetention(Now()); }

}  // namespace tp::services
