#include "services/programmes/programme_service.h"

#include <algorithm>

#include "domain/accounts/actor.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "services/input.h"
#include "services/programmes/cohort_access.h"
#include "services/signup/participation_rights.h"
#include "storage/database.h"
#include "storage/gatherings/gathering_repository.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/signup_repositories.h"

namespace tp::services {
namespace {

using cohorts::EditableCohort;
using cohorts::VisibleCohort;
using cohorts::VisibleOperator;
using cohorts::VisibleProgramme;
using domain::Actor;
using domain::RequireLogin;
using domain::Role;
using domain::Trim;
using input::CheckLength;
using input::Errors;
using input::RequiredDate;

domain::Operator ParseOperator(const OperatorInput& in) {
  Errors errors;
  domain::Operator op;
  op.name = Trim(in.name);
  op.short_name = Trim(in.short_name);
  if (op.name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", op.name, 200);
  CheckLength(errors, "short_name", op.short_name, 40);
  auto kind = domain::ParseOperatorKind(Trim(in.kind));
  if (!kind)
    errors.Add("kind", "Choose a kind.");
  else
    op.kind = *kind;
  errors.ThrowIfAny();
  return op;
}

domain::Programme ParseProgramme(const ProgrammeInput& in) {
  Errors errors;
  domain::Programme p;
  p.name = Trim(in.name);
  p.description = Trim(in.description);
  if (p.name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", p.name, 200);
  CheckLength(errors, "description", p.description, 10000);
  auto structure = domain::ParseStructureTemplate(Trim(in.structure));
  if (!structure)
    errors.Add("structure", "Choose a structure.");
  else
    p.structure = *structure;
  errors.ThrowIfAny();
  return p;
}

domain::Cohort ParseCohort(const CohortInput& in) {
  Errors errors;
  domain::Cohort c;
  c.name = Trim(in.name);
  CheckLength(errors, "name", c.name, 200);
  auto signup = RequiredDate(errors, "signup_deadline", in.signup_deadline);
  auto application = RequiredDate(errors, "application_deadline", in.application_deadline);
  auto start = RequiredDate(errors, "starts_on", in.starts_on);
  std::optional<domain::Date> end;
  if (Trim(in.ends_on).empty()) {
    if (start) end = domain::DefaultCohortEnd(*start);
  } else {
    end = domain::ParseFormDate(in.ends_on);
    if (!end) errors.Add("ends_on", "Enter a date as dd.mm.yyyy.");
  }
  std::optional<domain::Money> fee = domain::kDefaultCohortFee;
  if (!Trim(in.fee).empty()) {
    fee = domain::ParseNok(in.fee);
    if (!fee) errors.Add("fee", "Enter an amount in kroner, e.g. 69 000.");
  }
  if (signup && application && start && end && fee) {
    c.signup_deadline = *signup;
    c.application_deadline = *application;
    c.starts_on = *start;
    c.ends_on = *end;
    c.fee = *fee;
    errors.Merge(domain::CheckCohort({c.name, *signup, *application, *start, *end, *fee}));
  } else if (c.name.empty()) {
    errors.Add("name", "Enter a name.");
  }
  errors.ThrowIfAny();
  return c;
}

std::int64_t InsertCohortWithGoals(storage::Tx& tx, domain::Cohort cohort, std::int64_t now) {
  const auto id = storage::CohortRepository(tx).Insert(cohort, now);
  std::vector<std::string> goals;
  for (const auto& g : domain::DefaultQualificationGoals()) goals.emplace_back(g.text);
  storage::GoalRepository(tx).Replace(id, goals);
  return id;
}

}  // namespace

ProgrammeService::ProgrammeService(storage::Database& db, ProgrammeSettings settings)
    : db_(db), settings_(std::move(settings)) {}

std::int64_t ProgrammeService::Now() const {
  return settings_.clock ? settings_.clock() : input::SystemNow();
}

domain::Date ProgrammeService::Today() const { return domain::OsloDateAt(Now()); }

long ProgrammeService::EnsureMunicipalitiesLoaded() {
  long inserted = 0;
  db_.Transact(
      [&](storage::Tx& tx) { inserted = storage::MunicipalityRepository(tx).EnsureLoaded(); });
  return inserted;
}

// === operators ==================================================================================

std::vector<domain::Operator> ProgrammeService::ListOperators(const Actor& actor) {
  RequireLogin(actor);
  std::vector<domain::Operator> out;
  db_.Read([&](storage::Tx& tx) {
    for (auto& op : storage::OperatorRepository(tx).All())
      if (actor.CanWorkForOperator(op.id)) out.push_back(std::move(op));
  });
  return out;
}

OperatorView ProgrammeService::GetOperator(const Actor& actor, std::int64_t id) {
  OperatorView view;
  db_.Read([&](storage::Tx& tx) {
    view.op = VisibleOperator(tx, actor, id);
    view.programmes = storage::ProgrammeRepository(tx).ByOperator(id);
    view.can_edit = actor.CanAdministerOperator(id);
  });
  return view;
}

void ProgrammeService::CheckMayCreateOperator(const Actor& actor) {
  RequireLogin(actor);
  if (!actor.IsSystemAdmin()) throw Forbidden("only system admins create operators");
}

std::int64_t ProgrammeService::CreateOperator(const Actor& actor, const OperatorInput& in) {
  CheckMayCreateOperator(actor);
  return CreateOperatorTrusted(in);
}

std::int64_t ProgrammeService::CreateOperatorTrusted(const OperatorInput& in) {
  auto op = ParseOperator(in);
  std::int64_t id = 0;
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    id = storage::OperatorRepository(tx).Insert(op, now);
    storage::BackgroundRepository(tx).EnsureDefaults(id, now);  // the sign-up form's list
  });
  return id;
}

void ProgrammeService::UpdateOperator(const Actor& actor, std::int64_t id,
                                      const OperatorInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    VisibleOperator(tx, actor, id);
    if (!actor.CanAdministerOperator(id)) throw Forbidden("cannot edit operator");
    auto op = ParseOperator(in);
    op.id = id;
    storage::OperatorRepository(tx).Update(op);
  });
  Touch();
}

// === programmes =================================================================================

std::vector<domain::Programme> ProgrammeService::ListProgrammes(const Actor& actor,
                                                                std::int64_t operator_id) {
  std::vector<domain::Programme> out;
  db_.Read([&](storage::Tx& tx) {
    VisibleOperator(tx, actor, operator_id);
    out = storage::ProgrammeRepository(tx).ByOperator(operator_id);
  });
  return out;
}

ProgrammeView ProgrammeService::GetProgramme(const Actor& actor, std::int64_t id) {
  ProgrammeView view;
  db_.Read([&](storage::Tx& tx) {
    view.programme = VisibleProgramme(tx, actor, id);
    view.op = *storage::OperatorRepository(tx).Find(view.programme.operator_id);
    view.cohorts = storage::CohortRepository(tx).ByProgramme(id);
    view.can_edit = actor.CanWorkForOperator(view.programme.operator_id);
  });
  return view;
}

std::int64_t ProgrammeService::CreateProgramme(const Actor& actor, std::int64_t operator_id,
                                               const ProgrammeInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    VisibleOperator(tx, actor, operator_id);
    auto p = ParseProgramme(in);
    p.operator_id = operator_id;
    id = storage::ProgrammeRepository(tx).Insert(p, Now());
  });
  return id;
}

std::int64_t ProgrammeService::CreateProgrammeTrusted(std::int64_t operator_id,
                                                      const ProgrammeInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::OperatorRepository(tx).Find(operator_id)) throw NotFound("operator");
    auto p = ParseProgramme(in);
    p.operator_id = operator_id;
    id = storage::ProgrammeRepository(tx).Insert(p, Now());
  });
  return id;
}

void ProgrammeService::UpdateProgramme(const Actor& actor, std::int64_t id,
                                       const ProgrammeInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    auto existing = VisibleProgramme(tx, actor, id);
    auto p = ParseProgramme(in);
    p.id = id;
    p.operator_id = existing.operator_id;
    storage::ProgrammeRepository(tx).Update(p);
  });
  Touch();
}

// === cohorts ====================================================================================

std::vector<domain::Cohort> ProgrammeService::ListCohorts(const Actor& actor,
                                                          std::int64_t programme_id) {
  std::vector<domain::Cohort> out;
  db_.Read([&](storage::Tx& tx) {
    VisibleProgramme(tx, actor, programme_id);
    out = storage::CohortRepository(tx).ByProgramme(programme_id);
  });
  return out;
}

CohortView ProgrammeService::GetCohort(const Actor& actor, std::int64_t id) {
  CohortView view;
  db_.Read([&](storage::Tx& tx) {
    auto [cohort, access] = VisibleCohort(tx, actor, id);
    view.cohort = cohort;
    view.programme = *storage::ProgrammeRepository(tx).Find(cohort.programme_id);
    view.op = *storage::OperatorRepository(tx).Find(view.programme.operator_id);
    view.goals = storage::GoalRepository(tx).ByCohort(id);
    view.gatherings = storage::GatheringRepository(tx).ByCohort(id);
    view.can_edit = access.staff;
    view.can_see_participations = access.staff || access.coordinator;
    if (view.can_see_participations)
      view.participations = storage::ParticipationRepository(tx).ByCohort(id);
    for (auto& p : view.participations)
      participations::WithoutOthersPrivateFields(actor, access.staff, p);
  });
  return view;
}

std::int64_t ProgrammeService::CreateCohort(const Actor& actor, std::int64_t programme_id,
                                            const CohortInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    VisibleProgramme(tx, actor, programme_id);
    auto cohort = ParseCohort(in);
    cohort.programme_id = programme_id;
    id = InsertCohortWithGoals(tx, cohort, Now());
  });
  return id;
}

std::int64_t ProgrammeService::CreateCohortTrusted(std::int64_t programme_id,
                                                   const CohortInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::ProgrammeRepository(tx).Find(programme_id)) throw NotFound("programme");
    auto cohort = ParseCohort(in);
    cohort.programme_id = programme_id;
    id = InsertCohortWithGoals(tx, cohort, Now());
  });
  return id;
}

void ProgrammeService::UpdateCohort(const Actor& actor, std::int64_t id, const CohortInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    auto existing = EditableCohort(tx, actor, id);
    auto cohort = ParseCohort(in);
    cohort.id = id;
    cohort.programme_id = existing.programme_id;
    storage::CohortRepository(tx).Update(cohort);
  });
  Touch();
}

void ProgrammeService::ReplaceGoals(const Actor& actor, std::int64_t cohort_id,
                                    const std::vector<std::string>& texts) {
  db_.Transact([&](storage::Tx& tx) {
    EditableCohort(tx, actor, cohort_id);
    std::vector<std::string> goals;
    for (const auto& t : texts) {
      auto trimmed = Trim(t);
      if (!trimmed.empty()) goals.push_back(std::move(trimmed));
    }
    if (goals.empty())
      throw Invalid(std::vector<FieldError>{FieldError{"goals", "Enter at least one goal."}});
    for (const auto& g : goals)
      if (g.size() > 1000)
        throw Invalid(std::vector<FieldError>{FieldError{"goals", "The text is too long."}});
    storage::GoalRepository(tx).Replace(cohort_id, goals);
  });
}

std::vector<domain::CohortSummary> ProgrammeService::ListMyCohorts(const Actor& actor) {
  std::vector<domain::CohortSummary> out;
  if (actor.IsAnonymous()) return out;
  db_.Read([&](storage::Tx& tx) {
    storage::CohortRepository cohorts(tx);
    if (actor.IsSystemAdmin()) {
      out = cohorts.AllSummaries();
      return;
    }
    auto operators = actor.ScopesOf(Role::kOperatorAdmin);
    for (auto id : actor.ScopesOf(Role::kOperatorStaff)) operators.push_back(id);
    std::vector<std::int64_t> trainees;
    for (Role role : {Role::kTrainee, Role::kMentor, Role::kSupervisor})
      for (auto id : actor.ScopesOf(role)) trainees.push_back(id);
    out = cohorts.Related(operators, actor.ScopesOf(Role::kCoordinator), trainees);
  });
  return out;
}

// === public advert ==============================================================================

namespace {
AdvertView LoadAdvert(storage::Tx& tx, const domain::CohortSummary& summary, domain::Date today) {
  AdvertView view;
  view.cohort = summary;
  view.today = today;
  view.programme = *storage::ProgrammeRepository(tx).Find(summary.cohort.programme_id);
  view.updated_at = summary.cohort.created_at;
  storage::EmployerRepository employers(tx);
  storage::MunicipalityRepository municipalities(tx);
  for (auto& p : storage::ParticipationRepository(tx).ConfirmedByCohort(summary.cohort.id)) {
    AdvertEntry entry;
    entry.employer = *employers.Find(p.employer_id);
    if (!entry.employer.municipality_number.empty())
      if (auto m = municipalities.Find(entry.employer.municipality_number))
        entry.county_name = m->county_name;
    view.positions += p.trainees_wanted;
    view.updated_at = std::max({view.updated_at, p.updated_at, p.created_at});
    entry.participation = std::move(p);
    view.entries.push_back(std::move(entry));
  }
  return view;
}
}  // namespace

AdvertView ProgrammeService::GetAdvert(std::int64_t cohort_id) {
  AdvertView view;
  const auto today = Today();
  db_.Read([&](storage::Tx& tx) {
    auto summary = storage::CohortRepository(tx).Summary(cohort_id);
    if (!summary) throw NotFound("cohort");
    view = LoadAdvert(tx, *summary, today);
  });
  return view;
}

ProgrammeAdvertView ProgrammeService::GetProgrammeAdvert(std::int64_t programme_id) {
  ProgrammeAdvertView view;
  view.today = Today();
  db_.Read([&](storage::Tx& tx) {
    auto programme = storage::ProgrammeRepository(tx).Find(programme_id);
    if (!programme) throw NotFound("programme");
    view.programme = *programme;
    view.op = *storage::OperatorRepository(tx).Find(programme->operator_id);
    storage::CohortRepository cohorts(tx);
    auto list = cohorts.ByProgramme(programme_id);
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
      return a.application_deadline < b.application_deadline;
    });
    for (const auto& c : list) {
      if (c.application_deadline < view.today) continue;
      view.cohorts.push_back(LoadAdvert(tx, *cohorts.Summary(c.id), view.today));
    }
  });
  return view;
}

domain::Logo ProgrammeService::GetAdvertLogo(std::int64_t participation_id) {
  domain::Logo logo;
  db_.Read([&](storage::Tx& tx) {
    storage::ParticipationRepository participations(tx);
    auto p = participations.Find(participation_id);
    if (!p || p->status != domain::ParticipationStatus::kConfirmed) throw NotFound("logo");
    auto found = participations.FindLogo(participation_id);
    if (!found) throw NotFound("logo");
    logo = std::move(*found);
  });
  return logo;
}

// === municipalities =============================================================================

std::vector<domain::Municipality> ProgrammeService::SearchMunicipalities(
    const Actor& actor, const std::string& q, const std::string& county_number) {
  RequireLogin(actor);
  std::vector<domain::Municipality> out;
  db_.Read([&](storage::Tx& tx) {
    out = storage::MunicipalityRepository(tx).Search(Trim(q), Trim(county_number));
  });
  return out;
}

std::vector<domain::Municipality> ProgrammeService::AllMunicipalities() {
  std::vector<domain::Municipality> out;
  db_.Read([&](storage::Tx& tx) { out = storage::MunicipalityRepository(tx).All(); });
  return out;
}

}  // namespace tp::services
