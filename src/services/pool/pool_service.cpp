#include "services/pool/pool_service.h"

#include <chrono>
#include <map>

#include "domain/accounts/actor.h"
#include "domain/accounts/rules.h"
#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/text.h"
#include "services/pool/offer_closing.h"
#include "storage/accounts/account_repositories.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/signup/signup_repositories.h"
#include "storage/trainees/trainee_repository.h"

namespace tp::services {
namespace {

using domain::RequireLogin;
using domain::Trim;

using domain::Actor;
using domain::Role;
using storage::PoolRepository;

PoolCohort CohortOf(const PoolRepository::CohortInfo& c) {
  return {c.id, c.name, c.pool_released_at};
}

// The cohort for operator work: NotFound without any relation, Forbidden for coordinators of a
// participating employer (they know the cohort).
PoolRepository::CohortInfo OperatorCohort(PoolRepository& repo, const Actor& actor,
                                          std::int64_t cohort_id) {
  RequireLogin(actor);
  auto cohort = repo.Cohort(cohort_id);
  if (!cohort) throw NotFound("cohort");
  if (actor.CanWorkForOperator(cohort->operator_id)) return *cohort;
  for (auto employer : actor.ScopesOf(Role::kCoordinator))
    if (repo.Participation(cohort_id, employer)) throw Forbidden("operator staff only");
  throw NotFound("cohort");
}

// The application for operator work.
domain::pool::Application OperatorApplication(PoolRepository& repo, const Actor& actor,
                                              std::int64_t application_id,
                                              PoolRepository::CohortInfo* cohort_out = nullptr) {
  RequireLogin(actor);
  auto a = repo.Find(application_id);
  if (!a || a->row.status == "draft") throw NotFound("application");
  auto cohort = OperatorCohort(repo, actor, a->cohort_id);
  if (cohort_out) *cohort_out = cohort;
  return *a;
}

PoolEmployer EmployerFor(PoolRepository& repo, const Actor& actor, std::int64_t cohort_id,
                         std::int64_t employer_id, bool need_release) {
  RequireLogin(actor);
  auto cohort = repo.Cohort(cohort_id);
  if (!cohort) throw NotFound("cohort");
  std::optional<PoolRepository::ParticipationInfo> chosen;
  bool related = actor.CanWorkForOperator(cohort->operator_id);
  for (auto e : actor.ScopesOf(Role::kCoordinator)) {
    if (employer_id != 0 && e != employer_id) continue;
    auto p = repo.Participation(cohort_id, e);
    if (!p) continue;
    related = true;
    if (p->status == "confirmed") {
      chosen = p;
      break;
    }
  }
  if (!chosen) {
    if (related) throw Forbidden("no confirmed participation");
    throw NotFound("cohort");
  }
  if (need_release && cohort->pool_released_at == 0) throw Forbidden("pool not released");
  return {CohortOf(*cohort), chosen->id, chosen->employer_id, chosen->employer_name};
}

// What the operator keeps to itself, taken out of a row an employer gets: its tags and its
// duplicate findings.
void WithoutOperatorFields(domain::pool::ApplicationRow& r) {
  r.tags.clear();
  r.duplicate_ids.clear();
}

// A candidate of the employer's pool: sent, qualified, in the cohort; without the operator's
// tags, reasons and duplicate findings.
domain::pool::Application PoolCandidate(PoolRepository& repo, const PoolEmployer& e,
                                        std::int64_t application_id) {
  auto a = repo.Find(application_id);
  if (!a || a->cohort_id != e.cohort.id || a->row.status != "sent" ||
      a->row.qualification != "qualified")
    throw NotFound("candidate");
  WithoutOperatorFields(a->row);
  a->tags.clear();
  a->qualification_reason.clear();
  return *a;
}

std::vector<PoolChoice> BackgroundChoices(PoolRepository& repo, std::int64_t operator_id) {
  std::vector<PoolChoice> out;
  for (const auto& [id, name] : repo.Backgrounds(operator_id))
    out.push_back({std::to_string(id), name});
  return out;
}

std::vector<PoolChoice> CountyChoices(PoolRepository& repo) {
  std::vector<PoolChoice> out;
  for (const auto& [number, name] : repo.Counties()) out.push_back({number, name});
  return out;
}

std::string LangOf(const std::string& locale) { return locale.empty() ? "nb" : locale; }

}  // namespace

PoolService::PoolService(storage::Database& db, const Mailer& mailer, PoolSettings settings)
    : db_(db), mailer_(mailer), settings_(std::move(settings)) {}

std::int64_t PoolService::Now() const {
  if (settings_.clock) return settings_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

ApplicationList PoolService::ListApplications(const Actor& actor, std::int64_t cohort_id,
                                              const domain::pool::Filter& filter,
                                              const domain::PageRequest& page,
                                              bool with_duplicates) {
  ApplicationList out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto cohort = OperatorCohort(repo, actor, cohort_id);
    out.cohort = CohortOf(cohort);
    out.page = repo.List(cohort_id, filter, page, with_duplicates);
    out.backgrounds = BackgroundChoices(repo, cohort.operator_id);
    out.counties = CountyChoices(repo);
    for (const auto& p : repo.Participations(cohort_id))
      out.employers.push_back({std::to_string(p.id), p.employer_name});
    out.tags = repo.CohortTags(cohort_id);
  });
  return out;
}

ApplicationView PoolService::GetApplication(const Actor& actor, std::int64_t application_id) {
  ApplicationView out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    PoolRepository::CohortInfo cohort;
    out.application = OperatorApplication(repo, actor, application_id, &cohort);
    out.cohort = CohortOf(cohort);
    out.duplicates = repo.Duplicates(application_id);
  });
  return out;
}

PoolFile PoolService::GetFile(const Actor& actor, std::int64_t application_id,
                              std::int64_t file_id) {
  PoolFile out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    RequireLogin(actor);
    auto a = repo.Find(application_id);
    if (!a) throw NotFound("application");
    auto cohort = repo.Cohort(a->cohort_id);
    if (!cohort) throw NotFound("cohort");
    if (!actor.CanWorkForOperator(cohort->operator_id)) {
      // A coordinator of a confirmed employer may open the files of a pool candidate.
      auto e = EmployerFor(repo, actor, a->cohort_id, 0, true);
      PoolCandidate(repo, e, application_id);
    }
    auto file = repo.FileContent(application_id, file_id);
    if (!file) throw NotFound("file");
    out.filename = file->first;
    out.content = std::move(file->second);
  });
  return out;
}

void PoolService::SetQualification(const Actor& actor, std::int64_t application_id,
                                   const std::string& qualification, const std::string& reason) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    OperatorApplication(repo, actor, application_id);
    std::vector<FieldError> errors;
    const auto q = Trim(qualification);
    const auto r = Trim(reason);
    if (!domain::pool::IsQualification(q))
      errors.push_back({"qualification", "Choose an assessment."});
    if (q == "not_qualified" && r.empty())
      errors.push_back({"reason", "Give a reason when the applicant is not qualified."});
    if (r.size() > 2000) errors.push_back({"reason", "The text is too long."});
    if (!errors.empty()) throw Invalid(errors);
    repo.SetQualification(application_id, q, r, Now());
  });
}

void PoolService::AddTag(const Actor& actor, std::int64_t application_id, const std::string& tag) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    OperatorApplication(repo, actor, application_id);
    auto t = domain::pool::NormaliseTag(tag);
    if (!t)
      throw Invalid(std::vector<FieldError>{{"tag", "Enter a tag of at most 40 characters."}});
    repo.AddTag(application_id, *t, Now());
  });
}

void PoolService::RemoveTag(const Actor& actor, std::int64_t application_id,
                            const std::string& tag) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    OperatorApplication(repo, actor, application_id);
    auto t = domain::pool::NormaliseTag(tag);
    if (!t || !repo.RemoveTag(application_id, *t)) throw NotFound("tag");
  });
}

PoolCohort PoolService::CheckMayRelease(const Actor& actor, std::int64_t cohort_id) {
  PoolCohort out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out = CohortOf(OperatorCohort(repo, actor, cohort_id));
  });
  return out;
}

void PoolService::ReleasePool(const Actor& actor, std::int64_t cohort_id) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto cohort = OperatorCohort(repo, actor, cohort_id);
    if (cohort.pool_released_at != 0) throw Conflict("pool already released");
    const auto now = Now();
    repo.ReleasePool(cohort_id, now);
    for (const auto& p : repo.Participations(cohort_id)) {
      if (p.status != "confirmed") continue;
      for (const auto& [email, locale] :
           storage::ParticipationRepository(tx).CoordinatorContacts(p.employer_id))
        mailer_.Queue(
            tx, email, LangOf(locale), "pool/pool_released",
            {{"cohort", cohort.name},
             {"employer", p.employer_name},
             {"link", settings_.public_url + "/cohorts/" + std::to_string(cohort_id) + "/pool"}},
            now);
    }
  });
}

PoolEmployer PoolService::CheckEmployer(const Actor& actor, std::int64_t cohort_id,
                                        std::int64_t employer_id, bool need_release) {
  PoolEmployer out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out = EmployerFor(repo, actor, cohort_id, employer_id, need_release);
  });
  return out;
}

PoolList PoolService::Pool(const Actor& actor, std::int64_t cohort_id, std::int64_t employer_id,
                           const domain::pool::Filter& filter, const domain::PageRequest& page) {
  PoolList out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out.employer = EmployerFor(repo, actor, cohort_id, employer_id, true);
    out.page = repo.Pool(cohort_id, out.employer.participation_id, filter, page);
    for (auto& r : out.page.items) WithoutOperatorFields(r);
    auto cohort = repo.Cohort(cohort_id);
    out.backgrounds = BackgroundChoices(repo, cohort->operator_id);
    out.counties = CountyChoices(repo);
  });
  return out;
}

CandidateView PoolService::GetCandidate(const Actor& actor, std::int64_t cohort_id,
                                        std::int64_t application_id) {
  CandidateView out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out.employer = EmployerFor(repo, actor, cohort_id, 0, true);
    out.application = PoolCandidate(repo, out.employer, application_id);
    out.assessment = repo.GetAssessment(out.employer.participation_id, application_id);
    out.other_priority_count =
        repo.OtherPriorityCount(application_id, out.employer.participation_id);
    for (auto& o : repo.OffersForApplication(application_id))
      if (o.participation_id == out.employer.participation_id) out.offers.push_back(o);
  });
  return out;
}

void PoolService::SaveAssessment(const Actor& actor, std::int64_t cohort_id,
                                 std::int64_t application_id, const std::string& note,
                                 const std::string& interview) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, 0, true);
    PoolCandidate(repo, e, application_id);
    std::vector<FieldError> errors;
    const auto n = Trim(note);
    const auto i = Trim(interview).empty() ? std::string("none") : Trim(interview);
    if (n.size() > 5000) errors.push_back({"note", "The text is too long."});
    if (!domain::pool::IsInterviewStatus(i))
      errors.push_back({"interview", "Choose an interview status."});
    if (!errors.empty()) throw Invalid(errors);
    repo.SaveAssessment(e.participation_id, application_id, n, i, Now());
  });
}

void PoolService::Prioritise(const Actor& actor, std::int64_t cohort_id,
                             std::int64_t application_id) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, 0, true);
    PoolCandidate(repo, e, application_id);
    repo.Prioritise(e.participation_id, application_id, Now());
  });
}

void PoolService::Unprioritise(const Actor& actor, std::int64_t cohort_id,
                               std::int64_t application_id) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, 0, true);
    repo.Unprioritise(e.participation_id, application_id);
  });
}

void PoolService::MovePriority(const Actor& actor, std::int64_t cohort_id,
                               std::int64_t application_id, int delta) {
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, 0, true);
    repo.Move(e.participation_id, application_id, delta < 0 ? -1 : 1);
  });
}

PrioritiesView PoolService::Priorities(const Actor& actor, std::int64_t cohort_id) {
  PrioritiesView out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out.employer = EmployerFor(repo, actor, cohort_id, 0, true);
    for (const auto& r : repo.Priorities(out.employer.participation_id))
      out.items.push_back({r.application_id, r.priority, r.name, r.note, r.interview});
    out.offers = repo.OffersForParticipation(out.employer.participation_id);
  });
  return out;
}

std::int64_t PoolService::MakeOffer(const Actor& actor, std::int64_t cohort_id,
                                    std::int64_t application_id, const OfferInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, 0, true);
    auto candidate = PoolCandidate(repo, e, application_id);
    std::vector<FieldError> errors;
    domain::pool::Offer o;
    o.application_id = application_id;
    o.participation_id = e.participation_id;
    o.created_by = actor.person_id;
    o.employment = Trim(in.employment);
    if (!domain::pool::IsEmployment(o.employment))
      errors.push_back({"employment", "Choose permanent or temporary employment."});
    const auto probation = Trim(in.probation_months);
    if (!probation.empty()) {
      if (probation.size() > 2 || probation.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(probation) > 6)
        errors.push_back({"probation_months", "Enter a probation period of 0 to 6 months."});
      else
        o.probation_months = std::stoi(probation);
    }
    if (Trim(in.starts_on).empty()) {
      errors.push_back({"starts_on", "Enter a date."});
    } else if (auto d = domain::ParseFormDate(in.starts_on)) {
      o.starts_on = domain::FormatIso(*d);
    } else {
      errors.push_back({"starts_on", "Enter a date as dd.mm.yyyy."});
    }
    o.salary_chapter = Trim(in.salary_chapter);
    if (o.salary_chapter.empty()) o.salary_chapter = domain::pool::kDefaultSalaryChapter;
    if (o.salary_chapter.size() > 100)
      errors.push_back({"salary_chapter", "The text is too long."});
    if (!errors.empty()) throw Invalid(errors);
    for (const auto& existing : repo.OffersForApplication(application_id)) {
      if (existing.status == "accepted") throw Conflict("candidate already hired");
      if (existing.participation_id == e.participation_id && existing.status == "open")
        throw Conflict("open offer exists");
    }
    const auto now = Now();
    id = repo.InsertOffer(o, now);
    auto person = storage::PersonRepository(tx).FindById(candidate.row.person_id);
    if (person)
      mailer_.Queue(tx, person->email, LangOf(person->locale), "pool/offer_made",
                    {{"employer", e.employer_name},
                     {"cohort", e.cohort.name},
                     {"link", settings_.public_url + "/offers/" + std::to_string(id)}},
                    now);
  });
  return id;
}

std::int64_t PoolService::EnrolTrainee(const Actor& actor, std::int64_t cohort_id,
                                       std::int64_t employer_id, const std::string& name,
                                       const std::string& email) {
  std::int64_t trainee_id = 0;
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto e = EmployerFor(repo, actor, cohort_id, employer_id, false);
    std::vector<FieldError> errors;
    const auto n = domain::NormalizeName(name);
    const auto mail = domain::NormalizeEmail(email);
    if (auto problem = domain::CheckPersonName(n)) errors.push_back({"name", *problem});
    if (auto problem = domain::CheckEmail(mail)) errors.push_back({"email", *problem});
    if (!errors.empty()) throw Invalid(errors);
    storage::PersonRepository people(tx);
    const auto now = Now();
    auto person = people.FindByEmail(mail);
    std::int64_t person_id = person ? person->id : people.Insert(mail, n, std::nullopt, now);
    if (repo.IsTrainee(cohort_id, person_id))
      throw Invalid(
          std::vector<FieldError>{{"email", "This person is already a trainee in the cohort."}});
    trainee_id = storage::TraineeRepository(tx).Insert(cohort_id, e.employer_id, person_id, now);
    storage::GrantRepository(tx).Add(person_id, Role::kTrainee, trainee_id, actor.person_id, now);
    mailer_.Queue(tx, mail, person ? LangOf(person->locale) : "nb", "pool/enrolled",
                  {{"employer", e.employer_name},
                   {"cohort", e.cohort.name},
                   {"link", settings_.public_url + (person && person->has_password
                                                        ? std::string("/login")
                                                        : std::string("/password/forgot"))}},
                  now);
  });
  return trainee_id;
}

std::vector<domain::pool::Offer> PoolService::MyOffers(const Actor& actor) {
  RequireLogin(actor);
  std::vector<domain::pool::Offer> out;
  db_.Read([&](storage::Tx& tx) { out = PoolRepository(tx).OffersForPerson(actor.person_id); });
  return out;
}

domain::pool::Offer PoolService::GetMyOffer(const Actor& actor, std::int64_t offer_id) {
  RequireLogin(actor);
  std::optional<domain::pool::Offer> o;
  db_.Read([&](storage::Tx& tx) { o = PoolRepository(tx).FindOffer(offer_id); });
  if (!o || o->person_id != actor.person_id) throw NotFound("offer");
  return *o;
}

std::int64_t PoolService::AcceptOffer(const Actor& actor, std::int64_t offer_id) {
  RequireLogin(actor);
  std::int64_t trainee_id = 0;
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto o = repo.FindOffer(offer_id);
    if (!o || o->person_id != actor.person_id) throw NotFound("offer");
    if (o->status != "open") throw Conflict("offer not open");
    // Withdrawn meanwhile? Checked under the application's row lock, then the offer's.
    if (!repo.LockSentApplication(o->application_id)) throw Conflict("application not sent");
    if (repo.IsTrainee(o->cohort_id, o->person_id)) throw Conflict("already a trainee");
    const auto now = Now();
    if (!repo.SetOfferStatus(offer_id, "accepted", now)) throw Conflict("offer not open");
    trainee_id =
        storage::TraineeRepository(tx).Insert(o->cohort_id, o->employer_id, o->person_id, now);
    storage::GrantRepository grants(tx);
    grants.Add(o->person_id, Role::kTrainee, trainee_id, std::nullopt, now);
    grants.Remove(o->person_id, Role::kApplicant, 0);
    // Every other open offer to the applicant is closed, and those employers are told.
    CloseOffers(tx, mailer_, settings_.public_url, repo.OffersForPerson(o->person_id),
                "pool/offer_closed", now);
    if (o->created_by != 0) {
      auto by = storage::PersonRepository(tx).FindById(o->created_by);
      if (by)
        mailer_.Queue(tx, by->email, LangOf(by->locale), "pool/offer_accepted",
                      {{"candidate", o->candidate_name},
                       {"cohort", o->cohort_name},
                       {"employer", o->employer_name},
                       {"link", settings_.public_url + "/cohorts/" + std::to_string(o->cohort_id) +
                                    "/priorities"}},
                      now);
    }
  });
  return trainee_id;
}

void PoolService::DeclineOffer(const Actor& actor, std::int64_t offer_id) {
  RequireLogin(actor);
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    auto o = repo.FindOffer(offer_id);
    if (!o || o->person_id != actor.person_id) throw NotFound("offer");
    if (o->status != "open") throw Conflict("offer not open");
    const auto now = Now();
    if (!repo.SetOfferStatus(offer_id, "declined", now)) throw Conflict("offer not open");
    if (o->created_by != 0) {
      auto by = storage::PersonRepository(tx).FindById(o->created_by);
      if (by)
        mailer_.Queue(tx, by->email, LangOf(by->locale), "pool/offer_declined",
                      {{"candidate", o->candidate_name},
                       {"cohort", o->cohort_name},
                       {"employer", o->employer_name},
                       {"link", settings_.public_url + "/cohorts/" + std::to_string(o->cohort_id) +
                                    "/priorities"}},
                      now);
    }
  });
}

namespace {

// The open offer, if the actor coordinates the employer that made it (whose participation
// EmployerFor checks is confirmed, with the pool released).
domain::pool::Offer WithdrawableOffer(PoolRepository& repo, const Actor& actor,
                                      std::int64_t offer_id) {
  RequireLogin(actor);
  auto o = repo.FindOffer(offer_id);
  if (!o || !actor.Has(Role::kCoordinator, o->employer_id)) throw NotFound("offer");
  EmployerFor(repo, actor, o->cohort_id, o->employer_id, true);
  if (o->status != "open") throw Conflict("offer not open");
  return *o;
}

}  // namespace

domain::pool::Offer PoolService::CheckMayWithdrawOffer(const Actor& actor, std::int64_t offer_id) {
  domain::pool::Offer out;
  db_.Read([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    out = WithdrawableOffer(repo, actor, offer_id);
  });
  return out;
}

domain::pool::Offer PoolService::WithdrawOffer(const Actor& actor, std::int64_t offer_id) {
  domain::pool::Offer o;
  db_.Transact([&](storage::Tx& tx) {
    PoolRepository repo(tx);
    WithdrawableOffer(repo, actor, offer_id);
    const auto now = Now();
    if (!repo.SetOfferStatus(offer_id, "withdrawn", now)) throw Conflict("offer not open");
    o = *repo.FindOffer(offer_id);
    auto person = storage::PersonRepository(tx).FindById(o.person_id);
    if (person)
      mailer_.Queue(tx, person->email, LangOf(person->locale), "pool/offer_withdrawn",
                    {{"employer", o.employer_name},
                     {"cohort", o.cohort_name},
                     {"link", settings_.public_url + "/offers/" + std::to_string(offer_id)}},
                    now);
  });
  return o;
}

}  // namespace tp::services
