#include "services/signup/signup_service.h"

#include <algorithm>
#include <map>

#include "domain/errors.h"
#include "domain/signup/organisation_number.h"
#include "domain/signup/rules.h"
#include "domain/text.h"
#include "services/input.h"
#include "services/programmes/cohort_access.h"
#include "services/programmes/programme_service.h"
#include "services/signup/participation_rights.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"

namespace tp::services {
namespace {

using cohorts::EditableCohort;
using cohorts::VisibleCohort;
using domain::Actor;
using domain::RequireLogin;
using domain::Role;
using domain::Trim;
using input::CheckLength;
using input::Errors;
using input::ParseId;
using participations::IsCoordinatorOf;
using participations::SignupCohort;
using participations::ThrowDeadlinePassed;
using participations::WithoutOthersPrivateFields;

// Reads the sign-up details into `p`. Backgrounds must come from the operator's list (archived
// ones only when already chosen); the invoice number defaults to the employer's own.
void ParseParticipationDetails(storage::Tx& tx, Errors& errors, const ParticipationInput& in,
                               domain::Participation& p, std::int64_t operator_id,
                               bool may_set_status) {
  const std::string wanted = Trim(in.trainees_wanted);
  if (wanted.empty()) {
    p.trainees_wanted = 1;
  } else if (wanted.size() > 3 || !std::all_of(wanted.begin(), wanted.end(),
                                               [](char c) { return c >= '0' && c <= '9'; })) {
    errors.Add("trainees_wanted", "Enter a whole number from 0 to 99.");
  } else {
    p.trainees_wanted = std::stoi(wanted);
    if (p.trainees_wanted > 99) errors.Add("trainees_wanted", "Enter a whole number from 0 to 99.");
  }
  p.wanted_background = Trim(in.wanted_background);
  CheckLength(errors, "wanted_background", p.wanted_background, 2000);
  if (may_set_status) {
    const std::string status = Trim(in.status);
    if (status.empty()) {
      p.status = domain::ParticipationStatus::kSignedUp;
    } else if (auto s = domain::ParseParticipationStatus(status)) {
      p.status = *s;
    } else {
      errors.Add("status", "Choose a status.");
    }
  }
  std::vector<std::int64_t> backgrounds;
  storage::BackgroundRepository list(tx);
  for (const auto& text : in.background_ids) {
    if (Trim(text).empty()) continue;
    const auto id = ParseId(text);
    auto b = id ? list.Find(id) : std::nullopt;
    const bool chosen_before =
        std::find(p.background_ids.begin(), p.background_ids.end(), id) != p.background_ids.end();
    if (!b || b->operator_id != operator_id || (b->archived && !chosen_before)) {
      errors.Add("background_ids", "Choose backgrounds from the list.");
      break;
    }
    backgrounds.push_back(id);
  }
  p.background_ids = std::move(backgrounds);
  p.presentation = Trim(in.presentation);
  CheckLength(errors, "presentation", p.presentation, 5000);
  const std::string org = Trim(in.invoice_org_number);
  if (org.empty()) {
    auto employer = storage::EmployerRepository(tx).Find(p.employer_id);
    p.invoice_org_number = employer ? employer->org_number : "";
  } else if (!domain::IsValidOrganisationNumber(org)) {
    errors.Add("invoice_org_number", "Enter a valid organisation number (nine digits).");
  } else {
    p.invoice_org_number = *domain::NormaliseOrganisationNumber(org);
  }
  p.buyer_reference_pattern = Trim(in.buyer_reference_pattern);
  p.buyer_reference = Trim(in.buyer_reference);
  if (!domain::IsValidBuyerReferencePattern(p.buyer_reference_pattern)) {
    errors.Add("buyer_reference_pattern", "Enter a pattern of at most 60 characters.");
  } else if (p.buyer_reference.size() > 4 * domain::kMaxBuyerReferenceLength) {
    errors.Add("buyer_reference", "The text is too long.");
  } else if (!p.buyer_reference_pattern.empty() && p.buyer_reference.empty()) {
    errors.Add("buyer_reference", "Enter the buyer reference.");
  } else if (!domain::MatchesBuyerReference(p.buyer_reference_pattern, p.buyer_reference)) {
    errors.Add("buyer_reference", "The buyer reference does not follow the pattern.");
  }
}

std::int64_t InsertParticipation(storage::Tx& tx, std::int64_t cohort_id,
                                 const ParticipationInput& in, std::int64_t now,
                                 bool may_set_status) {
  Errors errors;
  domain::Participation p;
  p.cohort_id = cohort_id;
  p.employer_id = ParseId(in.employer_id);
  if (p.employer_id == 0 || !storage::EmployerRepository(tx).Find(p.employer_id)) {
    errors.Add("employer_id", "Choose an employer.");
  } else if (storage::ParticipationRepository(tx).FindByCohortAndEmployer(cohort_id,
                                                                          p.employer_id)) {
    errors.Add("employer_id", "This employer is already signed up for the cohort.");
  }
  const auto operator_id = storage::CohortRepository(tx).OperatorOf(cohort_id).value_or(0);
  ParseParticipationDetails(tx, errors, in, p, operator_id, may_set_status);
  errors.ThrowIfAny();
  storage::ParticipationRepository participations(tx);
  p.id = participations.Insert(p, now);
  p.updated_at = now;
  participations.Update(p);  // the details Insert does not take
  participations.SetBackgrounds(p.id, p.background_ids);
  return p.id;
}

}  // namespace

SignupService::SignupService(storage::Database& db, ProgrammeService& programmes)
    : db_(db), programmes_(programmes), mailer_(own_mailer_) {}

SignupService::SignupService(storage::Database& db, ProgrammeService& programmes,
                             const Mailer& mailer)
    : db_(db), programmes_(programmes), mailer_(mailer) {}

std::int64_t SignupService::Now() const { return programmes_.Now(); }

domain::Date SignupService::Today() const { return domain::OsloDateAt(Now()); }

void SignupService::Touch() { programmes_.NoteAdvertChange(); }

// === participations =============================================================================

domain::Participation SignupService::GetParticipation(const Actor& actor, std::int64_t id) {
  domain::Participation p;
  db_.Read([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto found = storage::ParticipationRepository(tx).Find(id);
    if (!found) throw NotFound("participation");
    p = *found;
    if (!IsCoordinatorOf(actor, found->employer_id)) {
      auto [cohort, access] = VisibleCohort(tx, actor, found->cohort_id);
      if (!access.staff && !access.coordinator) throw NotFound("participation");
      WithoutOthersPrivateFields(actor, access.staff, p);
    }
  });
  return p;
}

std::int64_t SignupService::SignUpEmployer(const Actor& actor, std::int64_t cohort_id,
                                           const ParticipationInput& in) {
  std::int64_t id = 0;
  const auto now = Now();
  const auto today = Today();
  db_.Transact([&](storage::Tx& tx) {
    auto access = SignupCohort(tx, actor, cohort_id);
    if (!access.staff) {
      const auto employer_id = ParseId(in.employer_id);
      if (!IsCoordinatorOf(actor, employer_id))
        throw Forbidden("coordinators sign up their own employers only");
      if (!domain::SignupOpen(access.cohort.cohort.signup_deadline, today)) ThrowDeadlinePassed();
    }
    id = InsertParticipation(tx, cohort_id, in, now, access.staff);
  });
  Touch();
  return id;
}

std::int64_t SignupService::SignUpEmployerTrusted(std::int64_t cohort_id,
                                                  const ParticipationInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    id = InsertParticipation(tx, cohort_id, in, Now(), true);
  });
  Touch();
  return id;
}

// Staff of the cohort's operator may edit any time; the employer's coordinator until the
// deadline. NotFound/Forbidden otherwise, following what the actor can see.
void SignupService::CheckMayEditSignup(storage::Tx& tx, const Actor& actor,
                                       const domain::Participation& p, bool& staff) {
  RequireLogin(actor);
  auto operator_id = storage::CohortRepository(tx).OperatorOf(p.cohort_id);
  if (!operator_id) throw NotFound("participation");
  staff = actor.CanWorkForOperator(*operator_id);
  if (staff) return;
  if (IsCoordinatorOf(actor, p.employer_id)) {
    auto cohort = storage::CohortRepository(tx).Find(p.cohort_id);
    if (!domain::SignupOpen(cohort->signup_deadline, Today())) ThrowDeadlinePassed();
    return;
  }
  auto [cohort, access] = VisibleCohort(tx, actor, p.cohort_id);
  if (!access.coordinator) throw NotFound("participation");
  throw Forbidden("cannot edit another employer's sign-up");
}

void SignupService::UpdateParticipation(const Actor& actor, std::int64_t id,
                                        const ParticipationInput& in) {
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    bool staff = false;
    CheckMayEditSignup(tx, actor, *existing, staff);
    Errors errors;
    auto p = *existing;
    const auto operator_id = storage::CohortRepository(tx).OperatorOf(p.cohort_id).value_or(0);
    ParseParticipationDetails(tx, errors, in, p, operator_id, staff);
    errors.ThrowIfAny();
    p.updated_at = now;
    participations.Update(p);
    participations.SetBackgrounds(id, p.background_ids);
    // A status chosen on the edit form is a decision too: the coordinators are told.
    if (p.status != existing->status) QueueDecisionMail(tx, p, now);
  });
  Touch();
}

void SignupService::UpdateParticipationTrusted(std::int64_t id, const ParticipationInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    Errors errors;
    auto p = *existing;
    const auto operator_id = storage::CohortRepository(tx).OperatorOf(p.cohort_id).value_or(0);
    ParseParticipationDetails(tx, errors, in, p, operator_id, true);
    errors.ThrowIfAny();
    p.updated_at = Now();
    participations.Update(p);
    participations.SetBackgrounds(id, p.background_ids);
  });
  Touch();
}

void SignupService::RemoveParticipation(const Actor& actor, std::int64_t id) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    if (IsCoordinatorOf(actor, existing->employer_id) &&
        !actor.CanWorkForOperator(
            storage::CohortRepository(tx).OperatorOf(existing->cohort_id).value_or(0)))
      throw Forbidden("only operator staff remove sign-ups");
    EditableCohort(tx, actor, existing->cohort_id);
    if (participations.TraineeCount(existing->cohort_id, existing->employer_id) > 0)
      throw Conflict("the employer has trainees in this cohort");
    participations.Delete(id);
  });
  Touch();
}

void SignupService::QueueDecisionMail(storage::Tx& tx, const domain::Participation& p,
                                      std::int64_t now) {
  if (p.status == domain::ParticipationStatus::kSignedUp) return;
  storage::ParticipationRepository participations(tx);
  auto summary = storage::CohortRepository(tx).Summary(p.cohort_id);
  const std::string kind =
      p.status == domain::ParticipationStatus::kConfirmed ? "signup/confirmed" : "signup/declined";
  const std::map<std::string, std::string> vars{
      {"employer", p.employer_name},          {"cohort", summary->cohort.name},
      {"programme", summary->programme_name}, {"operator", summary->operator_name},
      {"reason", p.decision_reason},          {"link", programmes_.PublicUrl() + "/signup"}};
  for (const auto& [email, locale] : participations.CoordinatorContacts(p.employer_id))
    mailer_.Queue(tx, email, locale.empty() ? "nb" : locale, kind, vars, now);
}

void SignupService::DecideParticipation(const Actor& actor, std::int64_t id,
                                        const DecisionInput& in) {
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    if (IsCoordinatorOf(actor, existing->employer_id) &&
        !actor.CanWorkForOperator(
            storage::CohortRepository(tx).OperatorOf(existing->cohort_id).value_or(0)))
      throw Forbidden("only operator staff decide on sign-ups");
    EditableCohort(tx, actor, existing->cohort_id);
    Errors errors;
    const std::string decision = Trim(in.decision);
    auto p = *existing;
    if (decision == "confirmed")
      p.status = domain::ParticipationStatus::kConfirmed;
    else if (decision == "declined")
      p.status = domain::ParticipationStatus::kDeclined;
    else
      errors.Add("decision", "Choose confirm or decline.");
    p.decision_reason = Trim(in.reason);
    CheckLength(errors, "reason", p.decision_reason, 2000);
    errors.ThrowIfAny();
    p.updated_at = now;
    participations.Update(p);
    QueueDecisionMail(tx, p, now);
  });
  Touch();
}

void SignupService::SetParticipationLogo(const Actor& actor, std::int64_t id,
                                         const std::string& data) {
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    bool staff = false;
    CheckMayEditSignup(tx, actor, *existing, staff);
    const std::string type = domain::SniffImageType(data);
    if (data.size() > domain::kMaxLogoBytes)
      throw Invalid(std::vector<FieldError>{FieldError{"logo", "The image is larger than 2 MB."}});
    if (type.empty())
      throw Invalid(
          std::vector<FieldError>{FieldError{"logo", "Choose a PNG, JPEG or WebP image."}});
    participations.SetLogo(id, domain::Logo{type, data, now});
    auto p = *existing;
    p.updated_at = now;
    participations.Update(p);
  });
  Touch();
}

void SignupService::RemoveParticipationLogo(const Actor& actor, std::int64_t id) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    bool staff = false;
    CheckMayEditSignup(tx, actor, *existing, staff);
    participations.DeleteLogo(id);
  });
  Touch();
}

SignupOverview SignupService::GetSignupOverview(const Actor& actor) {
  RequireLogin(actor);
  const auto employer_ids = actor.ScopesOf(Role::kCoordinator);
  if (employer_ids.empty() && !actor.WorksForAnyOperator())
    throw Forbidden("sign-up is for coordinators and operator staff");
  SignupOverview view;
  view.today = Today();
  db_.Read([&](storage::Tx& tx) {
    storage::CohortRepository cohorts(tx);
    view.open_cohorts = cohorts.OpenForSignup(view.today);
    storage::EmployerRepository employers(tx);
    for (auto id : employer_ids)
      if (auto e = employers.Find(id)) view.employers.push_back(*e);
    std::map<std::int64_t, domain::CohortSummary> summaries;
    for (auto& p : storage::ParticipationRepository(tx).ByEmployers(employer_ids)) {
      const auto cohort_id = p.cohort_id;
      if (!summaries.count(cohort_id)) summaries[cohort_id] = *cohorts.Summary(cohort_id);
      view.signups.emplace_back(std::move(p), summaries[cohort_id]);
    }
  });
  return view;
}

SignupFormView SignupService::GetSignupForm(const Actor& actor, std::int64_t cohort_id) {
  SignupFormView view;
  const auto today = Today();
  db_.Read([&](storage::Tx& tx) {
    auto access = SignupCohort(tx, actor, cohort_id);
    view.cohort = access.cohort;
    view.staff = access.staff;
    view.open = domain::SignupOpen(access.cohort.cohort.signup_deadline, today);
    view.backgrounds =
        storage::BackgroundRepository(tx).ByOperator(access.cohort.operator_id, false);
    storage::EmployerRepository employers(tx);
    storage::ParticipationRepository participations(tx);
    std::vector<domain::Employer> candidates;
    if (access.staff) {
      domain::PageRequest all;
      all.per_page = 100000;
      candidates = employers.List(all).items;
    } else {
      for (auto id : actor.ScopesOf(Role::kCoordinator))
        if (auto e = employers.Find(id)) candidates.push_back(*e);
    }
    for (auto& e : candidates)
      if (!participations.FindByCohortAndEmployer(cohort_id, e.id))
        view.employers.push_back(std::move(e));
  });
  return view;
}

}  // namespace tp::services
