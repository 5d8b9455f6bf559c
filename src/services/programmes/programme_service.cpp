#include "services/programmes/programme_service.h"

#include <algorithm>
#include <chrono>

#include "domain/errors.h"
#include "domain/programmes/organisation_number.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services {
namespace {

using domain::Actor;
using domain::Role;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

void RequireLogin(const Actor& actor) {
  if (actor.IsAnonymous()) throw Unauthenticated("login required");
}

// Collects field errors while parsing so one submission reports every problem at once.
class Errors {
 public:
  void Add(std::string field, std::string msgid) {
    list_.push_back({std::move(field), std::move(msgid)});
  }
  void Merge(const std::vector<FieldError>& more) {
    for (const auto& e : more)
      if (!Has(e.field)) list_.push_back(e);
  }
  bool Has(const std::string& field) const {
    return std::any_of(list_.begin(), list_.end(),
                       [&](const FieldError& e) { return e.field == field; });
  }
  void ThrowIfAny() const {
    if (!list_.empty()) throw Invalid(list_);
  }

 private:
  std::vector<FieldError> list_;
};

void CheckLength(Errors& errors, const std::string& field, const std::string& value,
                 std::size_t max) {
  if (value.size() > max) errors.Add(field, "The text is too long.");
}

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

std::optional<domain::Date> RequiredDate(Errors& errors, const std::string& field,
                                         const std::string& text) {
  if (Trim(text).empty()) {
    errors.Add(field, "Enter a date.");
    return std::nullopt;
  }
  auto d = domain::ParseFormDate(text);
  if (!d) errors.Add(field, "Enter a date as dd.mm.yyyy.");
  return d;
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

domain::Gathering ParseGathering(const GatheringInput& in) {
  Errors errors;
  domain::Gathering g;
  g.title = Trim(in.title);
  g.location = Trim(in.location);
  CheckLength(errors, "title", g.title, 200);
  CheckLength(errors, "location", g.location, 200);
  auto kind = domain::ParseGatheringKind(Trim(in.kind));
  if (!kind) errors.Add("kind", "Choose a kind.");
  auto start = RequiredDate(errors, "starts_on", in.starts_on);
  std::optional<domain::Date> end = start;
  if (!Trim(in.ends_on).empty()) {
    end = domain::ParseFormDate(in.ends_on);
    if (!end) errors.Add("ends_on", "Enter a date as dd.mm.yyyy.");
  }
  if (kind && start && end) {
    g.kind = *kind;
    g.starts_on = *start;
    g.ends_on = *end;
    errors.Merge(domain::CheckGathering(g.title, *kind, *start, *end));
  } else if (g.title.empty()) {
    errors.Add("title", "Enter a title.");
  }
  errors.ThrowIfAny();
  return g;
}

bool LooksLikeEmail(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
         s.find(' ') == std::string::npos && s.back() != '.';
}

domain::Employer ParseEmployer(storage::Tx& tx, const EmployerInput& in) {
  Errors errors;
  domain::Employer e;
  e.name = Trim(in.name);
  if (e.name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", e.name, 200);
  auto kind = domain::ParseEmployerKind(Trim(in.kind));
  if (!kind)
    errors.Add("kind", "Choose a kind.");
  else
    e.kind = *kind;
  if (Trim(in.org_number).empty()) {
    errors.Add("org_number", "Enter the organisation number.");
  } else if (!domain::IsValidOrganisationNumber(in.org_number)) {
    errors.Add("org_number", "Enter a valid organisation number (nine digits).");
  } else {
    e.org_number = *domain::NormaliseOrganisationNumber(in.org_number);
  }
  e.municipality_number = Trim(in.municipality_number);
  if (!e.municipality_number.empty() &&
      !storage::MunicipalityRepository(tx).Find(e.municipality_number))
    errors.Add("municipality_number", "Choose a municipality from the list.");
  e.address = Trim(in.address);
  e.postal_code = Trim(in.postal_code);
  e.city = Trim(in.city);
  e.invoice_contact_name = Trim(in.invoice_contact_name);
  e.invoice_contact_email = Trim(in.invoice_contact_email);
  CheckLength(errors, "address", e.address, 200);
  CheckLength(errors, "city", e.city, 100);
  CheckLength(errors, "invoice_contact_name", e.invoice_contact_name, 200);
  if (!e.postal_code.empty() &&
      (e.postal_code.size() != 4 || !std::all_of(e.postal_code.begin(), e.postal_code.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; })))
    errors.Add("postal_code", "Enter a postal code of four digits.");
  if (!e.invoice_contact_email.empty() &&
      (!LooksLikeEmail(e.invoice_contact_email) || e.invoice_contact_email.size() > 254))
    errors.Add("invoice_contact_email", "Enter a valid e-mail address.");
  errors.ThrowIfAny();
  return e;
}

void ParseParticipationDetails(Errors& errors, const ParticipationInput& in,
                               domain::Participation& p) {
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
  const std::string status = Trim(in.status);
  if (status.empty()) {
    p.status = domain::ParticipationStatus::kSignedUp;
  } else if (auto s = domain::ParseParticipationStatus(status)) {
    p.status = *s;
  } else {
    errors.Add("status", "Choose a status.");
  }
}

std::int64_t ParseId(const std::string& text) {
  const std::string t = Trim(text);
  if (t.empty() || t.size() > 18 ||
      !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoll(t);
}

// --- visibility -------------------------------------------------------------------------------

// The relation an actor has to a cohort, computed once per request.
struct CohortAccess {
  bool staff = false;         // works for the cohort's operator (or system admin)
  bool coordinator = false;   // coordinator of a participating employer
  bool trainee_side = false;  // trainee, mentor or supervisor of a trainee of the cohort
  bool Visible() const { return staff || coordinator || trainee_side; }
};

CohortAccess AccessToCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id,
                            std::int64_t operator_id) {
  CohortAccess a;
  a.staff = actor.CanWorkForOperator(operator_id);
  if (a.staff) return a;
  storage::ParticipationRepository participations(tx);
  for (auto employer_id : actor.ScopesOf(Role::kCoordinator))
    if (participations.FindByCohortAndEmployer(cohort_id, employer_id)) a.coordinator = true;
  storage::TraineeRepository trainees(tx);
  for (Role role : {Role::kTrainee, Role::kMentor, Role::kSupervisor})
    for (auto trainee_id : actor.ScopesOf(role)) {
      auto t = trainees.Find(trainee_id);
      if (t && t->cohort_id == cohort_id) a.trainee_side = true;
    }
  return a;
}

// Loads the cohort and the actor's relation to it; NotFound when unknown or invisible.
std::pair<domain::Cohort, CohortAccess> VisibleCohort(storage::Tx& tx, const Actor& actor,
                                                      std::int64_t cohort_id) {
  RequireLogin(actor);
  storage::CohortRepository cohorts(tx);
  auto cohort = cohorts.Find(cohort_id);
  auto operator_id = cohorts.OperatorOf(cohort_id);
  if (!cohort || !operator_id) throw NotFound("cohort " + std::to_string(cohort_id));
  auto access = AccessToCohort(tx, actor, cohort_id, *operator_id);
  if (!access.Visible()) throw NotFound("cohort " + std::to_string(cohort_id));
  return {*cohort, access};
}

// For changes to a cohort and what hangs off it: NotFound when invisible, Forbidden when only
// visible.
domain::Cohort EditableCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  auto [cohort, access] = VisibleCohort(tx, actor, cohort_id);
  if (!access.staff) throw Forbidden("cannot edit cohort " + std::to_string(cohort_id));
  return cohort;
}

domain::Operator VisibleOperator(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto op = storage::OperatorRepository(tx).Find(id);
  if (!op || !actor.CanWorkForOperator(id)) throw NotFound("operator " + std::to_string(id));
  return *op;
}

domain::Programme VisibleProgramme(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto p = storage::ProgrammeRepository(tx).Find(id);
  if (!p || !actor.CanWorkForOperator(p->operator_id))
    throw NotFound("programme " + std::to_string(id));
  return *p;
}

bool CanSeeEmployer(const Actor& actor, std::int64_t employer_id) {
  return actor.WorksForAnyOperator() || actor.Has(Role::kCoordinator, employer_id);
}

std::int64_t InsertCohortWithGoals(storage::Tx& tx, domain::Cohort cohort) {
  const auto id = storage::CohortRepository(tx).Insert(cohort, Now());
  std::vector<std::string> goals;
  for (const auto& g : domain::DefaultQualificationGoals()) goals.emplace_back(g.text);
  storage::GoalRepository(tx).Replace(id, goals);
  return id;
}

std::int64_t InsertEmployer(storage::Tx& tx, const EmployerInput& in) {
  auto employer = ParseEmployer(tx, in);
  storage::EmployerRepository employers(tx);
  if (employers.FindByOrgNumber(employer.org_number))
    throw Invalid(std::vector<FieldError>{
        FieldError{"org_number", "An employer with this organisation number already exists."}});
  return employers.Insert(employer, Now());
}

std::int64_t InsertParticipation(storage::Tx& tx, std::int64_t cohort_id,
                                 const ParticipationInput& in) {
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
  ParseParticipationDetails(errors, in, p);
  errors.ThrowIfAny();
  return storage::ParticipationRepository(tx).Insert(p, Now());
}

}  // namespace

ProgrammeService::ProgrammeService(storage::Database& db) : db_(db) {}

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
  db_.Transact([&](storage::Tx& tx) { id = storage::OperatorRepository(tx).Insert(op, Now()); });
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
    id = InsertCohortWithGoals(tx, cohort);
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
    id = InsertCohortWithGoals(tx, cohort);
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

// === gatherings =================================================================================

domain::Gathering ProgrammeService::GetGathering(const Actor& actor, std::int64_t id) {
  domain::Gathering g;
  db_.Read([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto found = storage::GatheringRepository(tx).Find(id);
    if (!found) throw NotFound("gathering");
    VisibleCohort(tx, actor, found->cohort_id);
    g = *found;
  });
  return g;
}

std::int64_t ProgrammeService::AddGathering(const Actor& actor, std::int64_t cohort_id,
                                            const GatheringInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    EditableCohort(tx, actor, cohort_id);
    auto g = ParseGathering(in);
    g.cohort_id = cohort_id;
    id = storage::GatheringRepository(tx).Insert(g);
  });
  return id;
}

std::int64_t ProgrammeService::AddGatheringTrusted(std::int64_t cohort_id,
                                                   const GatheringInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    auto g = ParseGathering(in);
    g.cohort_id = cohort_id;
    id = storage::GatheringRepository(tx).Insert(g);
  });
  return id;
}

void ProgrammeService::UpdateGathering(const Actor& actor, std::int64_t id,
                                       const GatheringInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto existing = storage::GatheringRepository(tx).Find(id);
    if (!existing) throw NotFound("gathering");
    EditableCohort(tx, actor, existing->cohort_id);
    auto g = ParseGathering(in);
    g.id = id;
    g.cohort_id = existing->cohort_id;
    storage::GatheringRepository(tx).Update(g);
  });
}

void ProgrammeService::DeleteGathering(const Actor& actor, std::int64_t id) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto existing = storage::GatheringRepository(tx).Find(id);
    if (!existing) throw NotFound("gathering");
    EditableCohort(tx, actor, existing->cohort_id);
    storage::GatheringRepository(tx).Delete(id);
  });
}

// === employers ==================================================================================

domain::PageResult<domain::Employer> ProgrammeService::ListEmployers(
    const Actor& actor, const domain::PageRequest& page) {
  RequireLogin(actor);
  if (!actor.WorksForAnyOperator()) throw Forbidden("employer list is for operator staff");
  domain::PageResult<domain::Employer> out;
  db_.Read([&](storage::Tx& tx) { out = storage::EmployerRepository(tx).List(page); });
  return out;
}

EmployerView ProgrammeService::GetEmployer(const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  EmployerView view;
  db_.Read([&](storage::Tx& tx) {
    auto e = storage::EmployerRepository(tx).Find(id);
    if (!e || !CanSeeEmployer(actor, id)) throw NotFound("employer");
    view.employer = *e;
    view.can_edit = true;  // everyone who may see an employer may also edit it
    // The employer's cohorts, limited to those the actor could open.
    storage::CohortRepository cohorts(tx);
    for (auto& s : cohorts.Related({}, {id}, {})) {
      if (AccessToCohort(tx, actor, s.cohort.id, s.operator_id).Visible())
        view.cohorts.push_back(std::move(s));
    }
  });
  return view;
}

std::int64_t ProgrammeService::CreateEmployer(const Actor& actor, const EmployerInput& in) {
  RequireLogin(actor);
  if (!actor.WorksForAnyOperator()) throw Forbidden("only operator staff create employers");
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) { id = InsertEmployer(tx, in); });
  return id;
}

std::int64_t ProgrammeService::CreateEmployerTrusted(const EmployerInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) { id = InsertEmployer(tx, in); });
  return id;
}

void ProgrammeService::UpdateEmployer(const Actor& actor, std::int64_t id,
                                      const EmployerInput& in) {
  RequireLogin(actor);
  db_.Transact([&](storage::Tx& tx) {
    storage::EmployerRepository employers(tx);
    if (!employers.Find(id) || !CanSeeEmployer(actor, id)) throw NotFound("employer");
    auto e = ParseEmployer(tx, in);
    auto other = employers.FindByOrgNumber(e.org_number);
    if (other && other->id != id)
      throw Invalid(std::vector<FieldError>{
          FieldError{"org_number", "An employer with this organisation number already exists."}});
    e.id = id;
    employers.Update(e);
  });
}

// === participations =============================================================================

domain::Participation ProgrammeService::GetParticipation(const Actor& actor, std::int64_t id) {
  domain::Participation p;
  db_.Read([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto found = storage::ParticipationRepository(tx).Find(id);
    if (!found) throw NotFound("participation");
    auto [cohort, access] = VisibleCohort(tx, actor, found->cohort_id);
    if (!access.staff && !access.coordinator) throw NotFound("participation");
    p = *found;
  });
  return p;
}

std::int64_t ProgrammeService::SignUpEmployer(const Actor& actor, std::int64_t cohort_id,
                                              const ParticipationInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    EditableCohort(tx, actor, cohort_id);
    id = InsertParticipation(tx, cohort_id, in);
  });
  return id;
}

std::int64_t ProgrammeService::SignUpEmployerTrusted(std::int64_t cohort_id,
                                                     const ParticipationInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    id = InsertParticipation(tx, cohort_id, in);
  });
  return id;
}

void ProgrammeService::UpdateParticipation(const Actor& actor, std::int64_t id,
                                           const ParticipationInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    EditableCohort(tx, actor, existing->cohort_id);
    Errors errors;
    auto p = *existing;
    ParseParticipationDetails(errors, in, p);
    errors.ThrowIfAny();
    participations.Update(p);
  });
}

void ProgrammeService::RemoveParticipation(const Actor& actor, std::int64_t id) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    storage::ParticipationRepository participations(tx);
    auto existing = participations.Find(id);
    if (!existing) throw NotFound("participation");
    EditableCohort(tx, actor, existing->cohort_id);
    if (participations.TraineeCount(existing->cohort_id, existing->employer_id) > 0)
      throw Conflict("the employer has trainees in this cohort");
    participations.Delete(id);
  });
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

// === trainees ===================================================================================

std::int64_t ProgrammeService::CreateTraineeRecord(std::int64_t cohort_id, std::int64_t employer_id,
                                                   std::int64_t person_id) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    if (!storage::EmployerRepository(tx).Find(employer_id)) throw NotFound("employer");
    id = storage::TraineeRepository(tx).Insert(cohort_id, employer_id, person_id, Now());
  });
  return id;
}

}  // namespace tp::services
