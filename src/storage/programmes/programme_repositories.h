#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/paging.h"
#include "domain/programmes/model.h"
#include "storage/database.h"

/// Repositories of the programmes area (municipalities, operators, programmes, cohorts, goals).
/// Each works inside the caller's transaction and checks no rights: the services decide who may
/// call what.
namespace tp::storage {

/// The municipalities reference table.
class MunicipalityRepository {
 public:
  explicit MunicipalityRepository(Tx& tx) : tx_(tx) {}
  long Count();
  void Insert(const domain::Municipality& m);
  /// Loads the embedded data/municipalities-2024.csv when the table is empty. Returns the
  /// number of rows inserted (0 when already loaded). Throws std::runtime_error when the
  /// embedded file is missing or malformed.
  long EnsureLoaded();
  std::optional<domain::Municipality> Find(const std::string& number);
  /// Every municipality ordered by county number, then name.
  std::vector<domain::Municipality> All();
  /// Name or other_name containing `q` (case-insensitive for ASCII letters; æøå matched as
  /// typed), optionally limited to one county (empty: all). Ordered by name.
  std::vector<domain::Municipality> Search(const std::string& q, const std::string& county_number);

 private:
  Tx& tx_;
};

/// The operators table.
class OperatorRepository {
 public:
  explicit OperatorRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Operator& o, std::int64_t now);
  /// Updates name, short_name and kind.
  void Update(const domain::Operator& o);
  std::optional<domain::Operator> Find(std::int64_t id);
  /// All operators ordered by name.
  std::vector<domain::Operator> All();

 private:
  Tx& tx_;
};

/// The programmes table.
class ProgrammeRepository {
 public:
  explicit ProgrammeRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Programme& p, std::int64_t now);
  /// Updates name, structure and description (never the operator).
  void Update(const domain::Programme& p);
  std::optional<domain::Programme> Find(std::int64_t id);
  std::vector<domain::Programme> ByOperator(std::int64_t operator_id);

 private:
  Tx& tx_;
};

/// The cohorts table.
class CohortRepository {
 public:
  explicit CohortRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Cohort& c, std::int64_t now);
  /// Updates everything but the programme.
  void Update(const domain::Cohort& c);
  std::optional<domain::Cohort> Find(std::int64_t id);
  /// Newest start first.
  std::vector<domain::Cohort> ByProgramme(std::int64_t programme_id);
  /// The operator whose programme the cohort belongs to; nullopt when the cohort is unknown.
  std::optional<std::int64_t> OperatorOf(std::int64_t cohort_id);
  /// Cohorts of the operators' programmes, of cohorts the employers participate in, and of the
  /// trainee records' cohorts, without duplicates, newest start first.
  std::vector<domain::CohortSummary> Related(const std::vector<std::int64_t>& operator_ids,
                                             const std::vector<std::int64_t>& employer_ids,
                                             const std::vector<std::int64_t>& trainee_ids);
  /// Every cohort, newest start first (system admins).
  std::vector<domain::CohortSummary> AllSummaries();
  /// Cohorts of every operator whose sign-up deadline is `today` or later, soonest deadline
  /// first.
  std::vector<domain::CohortSummary> OpenForSignup(domain::Date today);
  /// The cohort with its programme and operator names; nullopt when unknown.
  std::optional<domain::CohortSummary> Summary(std::int64_t cohort_id);

 private:
  Tx& tx_;
};

/// The qualification_goals table.
class GoalRepository {
 public:
  explicit GoalRepository(Tx& tx) : tx_(tx) {}
  /// Ordered by position.
  std::vector<domain::QualificationGoal> ByCohort(std::int64_t cohort_id);
  /// Replaces the cohort's goals with `texts` in that order (positions 1..n).
  void Replace(std::int64_t cohort_id, const std::vector<std::string>& texts);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
