#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/paging.h"
#include "domain/signup/model.h"
#include "storage/database.h"

/// Repositories of the signup area (employers, participations, backgrounds). Works inside the
/// caller's transaction and checks no rights: the services decide who may call what.
namespace tp::storage {

/// The employers table.
class EmployerRepository {
 public:
  explicit EmployerRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Employer& e, std::int64_t now);
  void Update(const domain::Employer& e);
  std::optional<domain::Employer> Find(std::int64_t id);
  std::optional<domain::Employer> FindByOrgNumber(const std::string& org_number);
  /// `page.q` matches name, org number (spaces ignored), municipality name or number. Sort keys:
  /// "name" (default), "kind", "municipality", "created".
  domain::PageResult<domain::Employer> List(const domain::PageRequest& page);

 private:
  Tx& tx_;
};

/// The participations table.
class ParticipationRepository {
 public:
  explicit ParticipationRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const domain::Participation& p, std::int64_t now);
  /// Updates trainees_wanted, wanted_background, status, presentation, the invoice details,
  /// decision_reason and updated_at (not the backgrounds: SetBackgrounds).
  void Update(const domain::Participation& p);
  /// Replaces the participation's wanted backgrounds.
  void SetBackgrounds(std::int64_t participation_id, const std::vector<std::int64_t>& ids);
  /// Sign-ups of these employers in every cohort, newest cohort first.
  std::vector<domain::Participation> ByEmployers(const std::vector<std::int64_t>& employer_ids);
  /// Confirmed sign-ups of the cohort ordered by employer name, with backgrounds.
  std::vector<domain::Participation> ConfirmedByCohort(std::int64_t cohort_id);
  /// E-mail address and language setting of every coordinator of the employer (enabled people).
  std::vector<std::pair<std::string, std::string>> CoordinatorContacts(std::int64_t employer_id);
  /// The logo, or nullopt when none.
  std::optional<domain::Logo> FindLogo(std::int64_t participation_id);
  void SetLogo(std::int64_t participation_id, const domain::Logo& logo);
  void DeleteLogo(std::int64_t participation_id);
  void Delete(std::int64_t id);
  std::optional<domain::Participation> Find(std::int64_t id);
  std::optional<domain::Participation> FindByCohortAndEmployer(std::int64_t cohort_id,
                                                               std::int64_t employer_id);
  /// Ordered by employer name.
  std::vector<domain::Participation> ByCohort(std::int64_t cohort_id);
  /// Number of trainee records linked to the participation's cohort and employer.
  long TraineeCount(std::int64_t cohort_id, std::int64_t employer_id);

 private:
  Tx& tx_;
};

/// The backgrounds table: each operator's list of professional backgrounds.
class BackgroundRepository {
 public:
  explicit BackgroundRepository(Tx& tx) : tx_(tx) {}
  /// Appends at the end of the operator's list.
  std::int64_t Insert(std::int64_t operator_id, const std::string& name, std::int64_t now);
  /// Updates name, position and archived.
  void Update(const domain::Background& b);
  std::optional<domain::Background> Find(std::int64_t id);
  std::optional<domain::Background> FindByName(std::int64_t operator_id, const std::string& name);
  /// Ordered by position, then name; archived ones only when asked.
  std::vector<domain::Background> ByOperator(std::int64_t operator_id, bool include_archived);
  /// Adds domain::DefaultBackgrounds() that the operator lacks; returns how many were added.
  int EnsureDefaults(std::int64_t operator_id, std::int64_t now);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
