#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/paging.h"
#include "domain/publiclist/applicant_list.h"
#include "storage/database.h"

/// Repositories of the public applicant list and of data retention.
namespace tp::storage {

/// What deciding on an opt-out request needs to know about the application.
struct OptOutApplication {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::string status;  ///< "draft" | "sent" | "withdrawn"
  bool opt_out_requested = false;
  domain::OptOutDecision decision = domain::OptOutDecision::kNone;
  std::string given_name;
  std::string family_name;
  std::string email;   ///< the applicant's login address
  std::string locale;  ///< the applicant's language setting; may be empty
};

class ApplicantListRepository {
 public:
  explicit ApplicantListRepository(Tx& tx) : tx_(tx) {}
  /// Sent applications of the cohort; with `employer_id` != 0 only those whose preference list
  /// holds that employer's participation in the cohort. Ordered by id.
  std::vector<domain::Applicant> Sent(std::int64_t cohort_id, std::int64_t employer_id);
  std::optional<OptOutApplication> Find(std::int64_t application_id);
  /// Employers (ids) the applicant chose, in preference order.
  std::vector<std::int64_t> PreferredEmployers(std::int64_t application_id);
  void SetDecision(std::int64_t application_id, domain::OptOutDecision decision, std::int64_t now);

 private:
  Tx& tx_;
};

/// A cohort's retention settings. hiring_closes_on is "" until set.
struct RetentionSettings {
  std::int64_t cohort_id = 0;
  std::string hiring_closes_on;
  int retention_months = 6;
};

/// An application that led to no hire (no trainee record for the person in the cohort), with
/// what deleting it removes.
struct RetentionCandidate {
  std::int64_t application_id = 0;
  std::int64_t cohort_id = 0;
  std::string status;
  std::string given_name;
  std::string family_name;
  std::string hiring_closes_on;  ///< of the cohort, never empty
  int retention_months = 0;
  long education_count = 0;
  long preference_count = 0;
  long file_count = 0;
  long long file_bytes = 0;
};

/// One deletion. Ids and counts only.
struct RetentionLogEntry {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t application_id = 0;
  std::int64_t deleted_at = 0;
  std::string status;
  std::string due_on;
  long education_count = 0;
  long preference_count = 0;
  long file_count = 0;
  long long file_bytes = 0;
};

class RetentionRepository {
 public:
  explicit RetentionRepository(Tx& tx) : tx_(tx) {}
  std::optional<RetentionSettings> Settings(std::int64_t cohort_id);
  void UpdateSettings(const RetentionSettings& settings);
  /// Applications that led to no hire in cohorts whose hiring_closes_on is set; only
  /// `cohort_id`'s when it is not 0. Ordered by cohort, id.
  std::vector<RetentionCandidate> NotHired(std::int64_t cohort_id);
  /// Deletes the application; education, preferences and files go with it (ON DELETE CASCADE).
  void DeleteApplication(std::int64_t application_id);
  void Log(const RetentionLogEntry& entry);
  /// Newest first.
  domain::PageResult<RetentionLogEntry> LogPage(std::int64_t cohort_id,
                                                const domain::PageRequest& page);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
