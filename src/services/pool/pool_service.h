#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/paging.h"
#include "domain/pool/model.h"
#include "services/mail/mailer.h"

namespace tp::storage {
class Database;
}

/// Registration of applications, the applicant pool, employers' prioritisation, offers and
/// hiring.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated;
///  - operator admin/staff of the cohort's operator (and system admins) see every sent or
///    withdrawn application, assess qualification, tag, export and release the pool;
///  - a coordinator of employer E with a confirmed participation in the cohort sees, once the
///    pool is released, the qualified applicants and E's own assessments, priorities and offers
///    (never another employer's, only how many others prioritised a candidate); before release
///    tp::Forbidden;
///  - an applicant sees and answers their own offers;
///  - no relation to the cohort or thing raises tp::NotFound; a relation without the right
///    raises tp::Forbidden.
namespace tp::services {

struct PoolSettings {
  std::string public_url;  ///< base of links in e-mails, without a trailing slash
  /// Current unix time in seconds; empty means the system clock.
  std::function<std::int64_t()> clock;
};

/// A choice for a filter: value and label.
struct PoolChoice {
  std::string value;
  std::string label;
};

/// The cohort a page is about.
struct PoolCohort {
  std::int64_t id = 0;
  std::string name;
  std::int64_t pool_released_at = 0;  ///< 0 = not released
};

/// The operator's list of applications with what its filters offer.
struct ApplicationList {
  PoolCohort cohort;
  domain::PageResult<domain::pool::ApplicationRow> page;
  std::vector<PoolChoice> backgrounds;
  std::vector<PoolChoice> counties;   ///< value = county number
  std::vector<PoolChoice> employers;  ///< participations (value = participation id)
  std::vector<std::string> tags;
};

/// One application for the operator.
struct ApplicationView {
  PoolCohort cohort;
  domain::pool::Application application;
  std::vector<domain::pool::ApplicationRow> duplicates;
};

/// A downloadable file.
struct PoolFile {
  std::string filename;
  std::string content;
};

/// What a coordinator sees: the employer and the cohort.
struct PoolEmployer {
  PoolCohort cohort;
  std::int64_t participation_id = 0;
  std::int64_t employer_id = 0;
  std::string employer_name;
};

struct PoolList {
  PoolEmployer employer;
  domain::PageResult<domain::pool::ApplicationRow> page;
  std::vector<PoolChoice> backgrounds;
  std::vector<PoolChoice> counties;  ///< value = county number
};

/// A candidate as an employer sees them.
struct CandidateView {
  PoolEmployer employer;
  domain::pool::Application application;    ///< without tags or the operator's reasons
  domain::pool::Assessment assessment;      ///< the employer's own
  long other_priority_count = 0;            ///< other employers that prioritised the candidate
  std::vector<domain::pool::Offer> offers;  ///< this employer's offers to the candidate
};

/// A prioritised candidate in the employer's order.
struct PriorityItem {
  std::int64_t application_id = 0;
  int priority = 0;
  std::string name;
  std::string note;
  std::string interview;
};

struct PrioritiesView {
  PoolEmployer employer;
  std::vector<PriorityItem> items;
  std::vector<domain::pool::Offer> offers;
};

/// An offer as typed. employment "permanent"/"temporary"; probation_months empty → 6;
/// starts_on ISO or dd.mm.yyyy; salary_chapter empty → "HTA kap. 5".
struct OfferInput {
  std::string employment;
  std::string probation_months;
  std::string starts_on;
  std::string salary_chapter;
};

class PoolService {
 public:
  PoolService(storage::Database& db, const Mailer& mailer, PoolSettings settings);

  // Operator -----------------------------------------------------------------------------------
  /// Sort keys "name" (default), "sent", "year", "status".
  /// `with_duplicates` false skips the duplicate lookup (exports).
  ApplicationList ListApplications(const domain::Actor& actor, std::int64_t cohort_id,
                                   const domain::pool::Filter& filter,
                                   const domain::PageRequest& page, bool with_duplicates = true);
  ApplicationView GetApplication(const domain::Actor& actor, std::int64_t application_id);
  /// Operator staff of the application's cohort, or a coordinator who may see the candidate in
  /// the released pool.
  PoolFile GetFile(const domain::Actor& actor, std::int64_t application_id, std::int64_t file_id);
  /// qualification "qualified" / "not_qualified" / "unassessed"; "not_qualified" needs a reason
  /// (field "reason").
  void SetQualification(const domain::Actor& actor, std::int64_t application_id,
                        const std::string& qualification, const std::string& reason);
  void AddTag(const domain::Actor& actor, std::int64_t application_id, const std::string& tag);
  void RemoveTag(const domain::Actor& actor, std::int64_t application_id, const std::string& tag);
  /// Operator staff of the cohort: the gate of the release confirmation.
  PoolCohort CheckMayRelease(const domain::Actor& actor, std::int64_t cohort_id);
  /// Sets pool_released_at (once) and e-mails the coordinators of confirmed employers.
  void ReleasePool(const domain::Actor& actor, std::int64_t cohort_id);

  // Employers ----------------------------------------------------------------------------------
  /// `employer_id` 0: the first of the actor's employers that takes part. Sort keys "name",
  /// "sent", "year" (after fit).
  PoolList Pool(const domain::Actor& actor, std::int64_t cohort_id, std::int64_t employer_id,
                const domain::pool::Filter& filter, const domain::PageRequest& page);
  CandidateView GetCandidate(const domain::Actor& actor, std::int64_t cohort_id,
                             std::int64_t application_id);
  /// interview one of "none", "invited", "interviewed", "rejected"; note at most 5000.
  void SaveAssessment(const domain::Actor& actor, std::int64_t cohort_id,
                      std::int64_t application_id, const std::string& note,
                      const std::string& interview);
  void Prioritise(const domain::Actor& actor, std::int64_t cohort_id, std::int64_t application_id);
  void Unprioritise(const domain::Actor& actor, std::int64_t cohort_id,
                    std::int64_t application_id);
  /// delta -1 moves up, +1 down.
  void MovePriority(const domain::Actor& actor, std::int64_t cohort_id, std::int64_t application_id,
                    int delta);
  PrioritiesView Priorities(const domain::Actor& actor, std::int64_t cohort_id);
  /// Conflict when the employer already has an open offer to the candidate.
  std::int64_t MakeOffer(const domain::Actor& actor, std::int64_t cohort_id,
                         std::int64_t application_id, const OfferInput& in);
  /// Enrols the employer's own new hire as trainee: finds the person by e-mail or creates them
  /// without a password (they set one through "forgot password"; the e-mail says so).
  /// Invalid on "name"/"email"; Invalid on "email" when already a trainee of the cohort.
  std::int64_t EnrolTrainee(const domain::Actor& actor, std::int64_t cohort_id,
                            std::int64_t employer_id, const std::string& name,
                            const std::string& email);
  /// The gate of the employer pages without listing anything.
  PoolEmployer CheckEmployer(const domain::Actor& actor, std::int64_t cohort_id,
                             std::int64_t employer_id, bool need_release);

  // Applicants ---------------------------------------------------------------------------------
  std::vector<domain::pool::Offer> MyOffers(const domain::Actor& actor);
  domain::pool::Offer GetMyOffer(const domain::Actor& actor, std::int64_t offer_id);
  /// In one transaction: the offer accepted, a trainee record at the employer, the trainee
  /// grant (the applicant grant removed), the other open offers closed with e-mails to those
  /// employers, and an e-mail to the offering coordinator. Returns the trainee record id.
  /// Conflict when the offer is not open.
  std::int64_t AcceptOffer(const domain::Actor& actor, std::int64_t offer_id);
  void DeclineOffer(const domain::Actor& actor, std::int64_t offer_id);
  /// The employer's open offer, for the withdrawal's confirmation page. Another employer's
  /// offer is NotFound; an offer no longer open is a Conflict.
  domain::pool::Offer CheckMayWithdrawOffer(const domain::Actor& actor, std::int64_t offer_id);
  /// The employer's coordinator withdraws its open offer (same checks); the applicant is told
  /// by e-mail. Returns the offer as withdrawn.
  domain::pool::Offer WithdrawOffer(const domain::Actor& actor, std::int64_t offer_id);

  const PoolSettings& settings() const { return settings_; }

 private:
  std::int64_t Now() const;
  storage::Database& db_;
  const Mailer& mailer_;
  PoolSettings settings_;
};

}  // namespace tp::services
