#include "services/programmes/programme_service.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "domain/accounts/actor.h"
#include "domain/errors.h"
#include "domain/programmes/organisation_number.h"
#include "domain/programmes/signup.h"
#include "domain/text.h"
#include "services/programmes/employer_rights.h"
#include "storage/database.h"
#include "storage/programmes/employer_rights.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services {
namespace {

using domain::RequireLogin;
using domain::Trim;

using domain::Actor;
using domain::Role;

std::int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
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

std::int64_t ParseId(const std::string& text);

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

std::int64_t InsertCohortWithGoals(storage::Tx& tx, domain::Cohort cohort, std::int64_t now) {
  const auto id = storage::CohortRepository(tx).Insert(cohort, now);
  std::vector<std::string> goals;
  for (const auto& g : domain::DefaultQualificationGoals()) goals.emplace_back(g.text);
  storage::GoalRepository(tx).Replace(id, goals);
  return id;
}

std::int64_t InsertEmployer(storage::Tx& tx, const EmployerInput& in, std::int64_t now) {
  auto employer = ParseEmployer(tx, in);
  storage::EmployerRepository employers(tx);
  if (employers.FindByOrgNumber(employer.org_number))
    throw Invalid(std::vector<FieldError>{
        FieldError{"org_number", "An employer with this organisation number already exists."}});
  return employers.Insert(employer, now);
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

const char* const kDeadlinePassed =
    "The sign-up deadline has passed. Contact the programme operator if you still want to take "
    "part.";

void ThrowDeadlinePassed() {
  throw Invalid(std::vector<FieldError>{FieldError{"signup_deadline", kDeadlinePassed}});
}

bool IsCoordinatorOf(const Actor& actor, std::int64_t employer_id) {
  return actor.Has(Role::kCoordinator, employer_id);
}

// Another employer's sign-up as a coordinator sees it: its invoice details and the operator's
// reason belong to that employer and the operator (staff of the cohort's operator see all).
void WithoutOthersPrivateFields(const Actor& actor, bool staff, domain::Participation& p) {
  if (staff || IsCoordinatorOf(actor, p.employer_id)) return;
  p.invoice_org_number.clear();
  p.buyer_reference.clear();
  p.buyer_reference_pattern.clear();
  p.decision_reason.clear();
}

// Rights on a cohort's sign-up: staff of its operator, or any coordinator; NotFound/Forbidden
// for the rest following the cohort's visibility.
struct SignupAccess {
  domain::CohortSummary cohort;
  bool staff = false;
};

SignupAccess SignupCohort(storage::Tx& tx, const Actor& actor, std::int64_t cohort_id) {
  RequireLogin(actor);
  auto summary = storage::CohortRepository(tx).Summary(cohort_id);
  if (!summary) throw NotFound("cohort " + std::to_string(cohort_id));
  SignupAccess a{*summary, actor.CanWorkForOperator(summary->operator_id)};
  if (a.staff || !actor.ScopesOf(Role::kCoordinator).empty()) return a;
  if (AccessToCohort(tx, actor, cohort_id, summary->operator_id).Visible())
    throw Forbidden("sign-up is for coordinators and operator staff");
  throw NotFound("cohort " + std::to_string(cohort_id));
}

}  // namespace

ProgrammeService::ProgrammeService(storage::Database& db) : db_(db), mailer_(own_mailer_) {}

ProgrammeService::ProgrammeService(storage::Database& db, const Mailer& mailer,
                                   ProgrammeSettings settings)
    : db_(db), mailer_(mailer), settings_(std::move(settings)) {}

std::int64_t ProgrammeService::Now() const {
  return settings_.clock ? settings_.clock() : SystemNow();
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
    storage::BackgroundRepository(tx).EnsureDefaults(id, now);
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
    for (auto& p : view.participations) WithoutOthersPrivateFields(actor, access.staff, p);
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
  db_.Read([&](storage::Tx& tx) {
    out = storage::EmployerRepository(tx).List(page);
    std::vector<std::int64_t> ids;
    for (const auto& e : out.items) ids.push_back(e.id);
    const auto editable = employers::EditableAmong(tx, actor, ids);
    for (auto& e : out.items)
      if (!editable.contains(e.id)) employers::WithoutInvoiceContact(e);
  });
  return out;
}

EmployerView ProgrammeService::GetEmployer(const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  EmployerView view;
  db_.Read([&](storage::Tx& tx) {
    auto e = storage::EmployerRepository(tx).Find(id);
    if (!e || !employers::MaySee(actor, id)) throw NotFound("employer");
    view.employer = *e;
    view.can_edit = employers::MayEdit(tx, actor, id);
    if (!view.can_edit) employers::WithoutInvoiceContact(view.employer);
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
  db_.Transact([&](storage::Tx& tx) {
    const auto now = Now();
    id = InsertEmployer(tx, in, now);
    if (auto op = employers::CreatingOperator(actor))
      storage::EmployerRightsRepository(tx).SetCreatedBy(id, op);
    employers::LogChanges(tx, actor, nullptr, *storage::EmployerRepository(tx).Find(id), now);
  });
  return id;
}

std::int64_t ProgrammeService::CreateEmployerTrusted(const EmployerInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) { id = InsertEmployer(tx, in, Now()); });
  return id;
}

void ProgrammeService::UpdateEmployer(const Actor& actor, std::int64_t id,
                                      const EmployerInput& in) {
  RequireLogin(actor);
  db_.Transact([&](storage::Tx& tx) {
    const auto before = employers::RequireEditable(tx, actor, id);
    storage::EmployerRepository repo(tx);
    auto e = ParseEmployer(tx, in);
    auto other = repo.FindByOrgNumber(e.org_number);
    if (other && other->id != id)
      throw Invalid(std::vector<FieldError>{
          FieldError{"org_number", "An employer with this organisation number already exists."}});
    e.id = id;
    repo.Update(e);
    employers::LogChanges(tx, actor, &before, e, Now());
  });
  Touch();
}

// === participations =============================================================================

domain::Participation ProgrammeService::GetParticipation(const Actor& actor, std::int64_t id) {
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

std::int64_t ProgrammeService::SignUpEmployer(const Actor& actor, std::int64_t cohort_id,
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

std::int64_t ProgrammeService::SignUpEmployerTrusted(std::int64_t cohort_id,
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
void ProgrammeService::CheckMayEditSignup(storage::Tx& tx, const Actor& actor,
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

void ProgrammeService::UpdateParticipation(const Actor& actor, std::int64_t id,
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

void ProgrammeService::UpdateParticipationTrusted(std::int64_t id, const ParticipationInput& in) {
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

void ProgrammeService::RemoveParticipation(const Actor& actor, std::int64_t id) {
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

void ProgrammeService::QueueDecisionMail(storage::Tx& tx, const domain::Participation& p,
                                         std::int64_t now) {
  if (p.status == domain::ParticipationStatus::kSignedUp) return;
  storage::ParticipationRepository participations(tx);
  auto summary = storage::CohortRepository(tx).Summary(p.cohort_id);
  const std::string kind =
      p.status == domain::ParticipationStatus::kConfirmed ? "signup/confirmed" : "signup/declined";
  const std::map<std::string, std::string> vars{
      {"employer", p.employer_name},          {"cohort", summary->cohort.name},
      {"programme", summary->programme_name}, {"operator", summary->operator_name},
      {"reason", p.decision_reason},          {"link", settings_.public_url + "/signup"}};
  for (const auto& [email, locale] : participations.CoordinatorContacts(p.employer_id))
    mailer_.Queue(tx, email, locale.empty() ? "nb" : locale, kind, vars, now);
}

void ProgrammeService::DecideParticipation(const Actor& actor, std::int64_t id,
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

void ProgrammeService::SetParticipationLogo(const Actor& actor, std::int64_t id,
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

void ProgrammeService::RemoveParticipationLogo(const Actor& actor, std::int64_t id) {
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

SignupOverview ProgrammeService::GetSignupOverview(const Actor& actor) {
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

SignupFormView ProgrammeService::GetSignupForm(const Actor& actor, std::int64_t cohort_id) {
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

// === backgrounds ================================================================================

std::vector<domain::Background> ProgrammeService::ListBackgrounds(const Actor& actor,
                                                                  std::int64_t operator_id,
                                                                  bool include_archived) {
  std::vector<domain::Background> out;
  db_.Read([&](storage::Tx& tx) {
    VisibleOperator(tx, actor, operator_id);
    out = storage::BackgroundRepository(tx).ByOperator(operator_id, include_archived);
  });
  return out;
}

namespace {
domain::Background VisibleBackground(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto b = storage::BackgroundRepository(tx).Find(id);
  if (!b || !actor.CanWorkForOperator(b->operator_id)) throw NotFound("background");
  return *b;
}

std::string ParseBackgroundName(storage::Tx& tx, std::int64_t operator_id,
                                const BackgroundInput& in, std::int64_t except_id) {
  const std::string name = Trim(in.name);
  Errors errors;
  if (name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", name, 100);
  errors.ThrowIfAny();
  auto same = storage::BackgroundRepository(tx).FindByName(operator_id, name);
  if (same && same->id != except_id)
    throw Invalid(
        std::vector<FieldError>{FieldError{"name", "This background is already in the list."}});
  return name;
}
}  // namespace

domain::Background ProgrammeService::GetBackground(const Actor& actor, std::int64_t id) {
  domain::Background b;
  db_.Read([&](storage::Tx& tx) { b = VisibleBackground(tx, actor, id); });
  return b;
}

std::int64_t ProgrammeService::AddBackground(const Actor& actor, std::int64_t operator_id,
                                             const BackgroundInput& in) {
  std::int64_t id = 0;
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    VisibleOperator(tx, actor, operator_id);
    auto name = ParseBackgroundName(tx, operator_id, in, 0);
    id = storage::BackgroundRepository(tx).Insert(operator_id, name, now);
  });
  Touch();
  return id;
}

void ProgrammeService::RenameBackground(const Actor& actor, std::int64_t id,
                                        const BackgroundInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    b.name = ParseBackgroundName(tx, b.operator_id, in, id);
    storage::BackgroundRepository(tx).Update(b);
  });
  Touch();
}

void ProgrammeService::SetBackgroundArchived(const Actor& actor, std::int64_t id, bool archived) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    b.archived = archived;
    storage::BackgroundRepository(tx).Update(b);
  });
  Touch();
}

void ProgrammeService::MoveBackground(const Actor& actor, std::int64_t id, int delta) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    storage::BackgroundRepository list(tx);
    auto all = list.ByOperator(b.operator_id, true);
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.id == id; });
    const auto index = it - all.begin();
    const auto target = index + (delta < 0 ? -1 : 1);
    if (target < 0 || target >= static_cast<long>(all.size())) return;
    // Renumber the whole list so equal positions (or gaps) never make the swap a no-op.
    std::swap(all[static_cast<std::size_t>(index)], all[static_cast<std::size_t>(target)]);
    int position = 0;
    for (auto& x : all) {
      x.position = ++position;
      list.Update(x);
    }
  });
  Touch();
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
