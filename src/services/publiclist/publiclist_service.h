#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/paging.h"
#include "domain/programmes/model.h"
#include "domain/publiclist/applicant_list.h"
#include "storage/publiclist/publiclist_repositories.h"

namespace tp::storage {
class Database;
}

/// The public applicant list per employer (offentleglova § 25) with the decisions on requests
/// to be kept off it, and the retention of applications that led to no hire.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated;
///  - operator admin/staff of the cohort's operator (and system admins) see every employer's
///    list and the cohort-wide list, decide on opt-out requests, and manage retention;
///  - the coordinator of employer E sees E's list for a cohort E takes part in and decides on
///    the requests of E's applicants; the cohort-wide list and retention are Forbidden to them;
///  - anyone else gets tp::NotFound.
namespace tp::services {

struct PublicListSettings {
  std::string public_url;  ///< base of links in e-mails, without a trailing slash
  /// Current unix time in seconds; empty means the system clock. Tests move time with it.
  std::function<std::int64_t()> clock;
};

/// A request to be kept off the list, for the decision form.
struct OptOutRequest {
  std::int64_t application_id = 0;
  std::string name;
  std::string reason;
  domain::OptOutDecision decision = domain::OptOutDecision::kNone;
};

/// Everything the applicant-list page shows.
struct ApplicantListView {
  domain::Cohort cohort;
  std::string programme_name;
  std::int64_t employer_id = 0;  ///< 0: the cohort-wide list (operator staff only)
  std::string employer_name;     ///< empty for the cohort-wide list
  /// Employers whose lists the actor may open in this cohort (id, name), by name.
  std::vector<std::pair<std::int64_t, std::string>> employers;
  bool staff = false;          ///< operator side: may open the cohort-wide list and retention
  bool available = false;      ///< the application deadline has passed (Oslo)
  domain::ApplicantList list;  ///< empty unless available
  std::vector<OptOutRequest> opt_outs;  ///< requests to be kept off, any time
  domain::Date today;                   ///< Oslo date the list is produced on
};

/// Retention as typed. hiring_closes_on: ISO or dd.mm.yyyy, empty = not set (nothing is due);
/// retention_months: whole number 0..120.
struct RetentionInput {
  std::string hiring_closes_on;
  std::string retention_months;
};

/// An application that led to no hire and when it is due for deletion.
struct DueApplication {
  storage::RetentionCandidate candidate;
  domain::Date due_on;
  bool due = false;  ///< due_on has come (Oslo today >= due_on)
};

struct RetentionView {
  domain::Cohort cohort;
  std::string programme_name;
  storage::RetentionSettings settings;
  std::vector<DueApplication> not_hired;  ///< every application that led to no hire, due first
  long due_now = 0;
};

/// What one run of the retention job deleted.
struct RetentionRunResult {
  long applications = 0;
  long files = 0;
  long long file_bytes = 0;
  long cohorts = 0;
};

class Mailer;

class PublicListService {
 public:
  /// Keeps references to `db` and `mailer`, which must outlive the service.
  PublicListService(storage::Database& db, const Mailer& mailer, PublicListSettings settings);

  /// The list of `employer_id`'s applicants in the cohort (0: every applicant of the cohort,
  /// operator staff only). NotFound when the employer does not take part in the cohort.
  ApplicantListView GetApplicantList(const domain::Actor& actor, std::int64_t cohort_id,
                                     std::int64_t employer_id);
  /// Decides on an applicant's request to be kept off the list: "granted" or "refused"
  /// (Invalid, field "decision", otherwise; Conflict when the applicant made no such request).
  /// On a refusal the applicant is e-mailed that they will be listed and may withdraw.
  void DecideOptOut(const domain::Actor& actor, std::int64_t application_id,
                    const std::string& decision);

  RetentionView GetRetention(const domain::Actor& actor, std::int64_t cohort_id);
  void UpdateRetention(const domain::Actor& actor, std::int64_t cohort_id,
                       const RetentionInput& in);
  domain::PageResult<storage::RetentionLogEntry> RetentionLog(const domain::Actor& actor,
                                                              std::int64_t cohort_id,
                                                              const domain::PageRequest& page);

  /// Trusted (scheduled job, CLI): deletes every application that led to no hire and whose due
  /// date has come in Oslo at `now`, each logged in retention_log, in one transaction.
  RetentionRunResult RunRetention(std::int64_t now);
  /// RunRetention at the service clock's now.
  RetentionRunResult RunRetention();

  std::int64_t Now() const;

 private:
  storage::Database& db_;
  const Mailer& mailer_;
  PublicListSettings settings_;
};

}  // namespace tp::services
