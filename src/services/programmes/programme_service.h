#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/gatherings/model.h"
#include "domain/paging.h"
#include "domain/programmes/model.h"
#include "domain/signup/model.h"

namespace tp::storage {
class Database;
}

/// Use cases of the programmes area: operators, programmes, cohorts with their qualification
/// goals, the municipality list and the public advert (no login).
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated (the advert calls excepted: they need no login);
///  - a system admin may do everything; only system admins create operators;
///  - operator admin/staff of operator O create and edit O's programmes, cohorts and goals and
///    see them; only operator admins of O (or system admins) edit O itself;
///  - a coordinator of employer E sees the cohorts E takes part in, with the participating
///    employers without their invoice details and the operator's reasons;
///  - a trainee, mentor or supervisor of trainee record T sees T's cohort (without the
///    employers' sign-up details);
///  - any logged-in actor searches the municipality list (reference data);
///  - something the actor has no relation to raises tp::NotFound (its existence stays private);
///    a create/edit on something the actor can see but not change raises tp::Forbidden.
/// Input structs carry what the person typed; invalid input raises tp::Invalid with field
/// errors whose messages are English msgids. Gatherings (GatheringService), employers and
/// sign-ups (SignupService) and trainee records (TraineeService) have their own services.
namespace tp::services {

/// Operator as typed. kind: "national" | "regional".
struct OperatorInput {
  std::string name;
  std::string short_name;
  std::string kind;
};

/// Programme as typed. structure: "national_model" | "regional_three_part".
struct ProgrammeInput {
  std::string name;
  std::string structure;
  std::string description;
};

/// Cohort as typed. Dates ISO or dd.mm.yyyy; ends_on empty → start + 18 months; fee as NOK text
/// ("69 000", "69000,50"), empty → 69 000 kr.
struct CohortInput {
  std::string name;
  std::string signup_deadline;
  std::string application_deadline;
  std::string starts_on;
  std::string ends_on;
  std::string fee;
};

/// Tunables of the programmes service.
struct ProgrammeSettings {
  std::string public_url;  ///< base of links in e-mails, without a trailing slash
  /// Current unix time in seconds; empty means the system clock. Tests move time with it.
  std::function<std::int64_t()> clock;
};

/// An operator with its programmes.
struct OperatorView {
  domain::Operator op;
  std::vector<domain::Programme> programmes;
  bool can_edit = false;  ///< edit the operator and add programmes
};

/// A programme with its operator and cohorts.
struct ProgrammeView {
  domain::Programme programme;
  domain::Operator op;
  std::vector<domain::Cohort> cohorts;
  bool can_edit = false;
};

/// Everything the cohort page shows.
struct CohortView {
  domain::Cohort cohort;
  domain::Programme programme;
  domain::Operator op;
  std::vector<domain::QualificationGoal> goals;
  std::vector<domain::Gathering> gatherings;
  std::vector<domain::Participation> participations;  ///< empty unless can_see_participations
  bool can_edit = false;                              ///< operator staff of the cohort's operator
  bool can_see_participations = false;  ///< operator staff or a participating coordinator
};

/// One employer in the public advert.
struct AdvertEntry {
  domain::Participation participation;
  domain::Employer employer;
  std::string county_name;  ///< of the employer's municipality; may be empty
};

/// The public advert of a cohort: confirmed employers only, no personal data.
struct AdvertView {
  domain::CohortSummary cohort;
  domain::Programme programme;
  std::vector<AdvertEntry> entries;
  domain::Date today;           ///< Oslo
  int positions = 0;            ///< trainees wanted over all entries
  std::int64_t updated_at = 0;  ///< newest change of what the advert shows (for feeds)
};

/// The public advert of a programme: its cohorts still open for applications.
struct ProgrammeAdvertView {
  domain::Programme programme;
  domain::Operator op;
  std::vector<AdvertView> cohorts;  ///< application deadline today or later, soonest first
  domain::Date today;
};

class ProgrammeService {
 public:
  /// Keeps a reference to `db`, which must outlive the service.
  explicit ProgrammeService(storage::Database& db, ProgrammeSettings settings = {});

  /// Grows on every change the public advert shows (sign-ups, cohorts, programmes, employers,
  /// backgrounds) made through this service or SignupService; caches compare it.
  std::uint64_t AdvertVersion() const { return advert_version_.load(); }
  /// Notes a change the public advert shows (SignupService calls it after its changes).
  void NoteAdvertChange() { advert_version_.fetch_add(1); }
  /// The clock's current unix time.
  std::int64_t Now() const;
  /// The base of links in e-mails, without a trailing slash.
  const std::string& PublicUrl() const { return settings_.public_url; }

  /// Loads the embedded municipality list when the table is empty; returns rows inserted.
  long EnsureMunicipalitiesLoaded();

  // Operators --------------------------------------------------------------------------------
  /// Operators the actor works for (all for a system admin), ordered by name.
  std::vector<domain::Operator> ListOperators(const domain::Actor& actor);
  /// NotFound unless the actor works for it (or is system admin).
  OperatorView GetOperator(const domain::Actor& actor, std::int64_t id);
  /// System admins only (Forbidden otherwise).
  /// Throws Unauthenticated/Forbidden unless the actor may create operators (system admins):
  /// the gate of the new-operator form.
  void CheckMayCreateOperator(const domain::Actor& actor);
  std::int64_t CreateOperator(const domain::Actor& actor, const OperatorInput& in);
  /// Operator admins of it, or system admins.
  void UpdateOperator(const domain::Actor& actor, std::int64_t id, const OperatorInput& in);

  // Programmes -------------------------------------------------------------------------------
  std::vector<domain::Programme> ListProgrammes(const domain::Actor& actor,
                                                std::int64_t operator_id);
  ProgrammeView GetProgramme(const domain::Actor& actor, std::int64_t id);
  std::int64_t CreateProgramme(const domain::Actor& actor, std::int64_t operator_id,
                               const ProgrammeInput& in);
  void UpdateProgramme(const domain::Actor& actor, std::int64_t id, const ProgrammeInput& in);

  // Cohorts ----------------------------------------------------------------------------------
  std::vector<domain::Cohort> ListCohorts(const domain::Actor& actor, std::int64_t programme_id);
  CohortView GetCohort(const domain::Actor& actor, std::int64_t id);
  /// Creates the cohort with the nine default qualification goals.
  std::int64_t CreateCohort(const domain::Actor& actor, std::int64_t programme_id,
                            const CohortInput& in);
  void UpdateCohort(const domain::Actor& actor, std::int64_t id, const CohortInput& in);
  /// Replaces the ordered goal list; blank lines are dropped; at least one goal required
  /// (field "goals"); each at most 1000 characters.
  void ReplaceGoals(const domain::Actor& actor, std::int64_t cohort_id,
                    const std::vector<std::string>& texts);
  /// Cohorts related to the actor (operator work, coordinator's employers, trainee records);
  /// every cohort for a system admin. Empty for anonymous.
  std::vector<domain::CohortSummary> ListMyCohorts(const domain::Actor& actor);

  // The public advert (no login) --------------------------------------------------------------
  /// NotFound when the cohort does not exist.
  AdvertView GetAdvert(std::int64_t cohort_id);
  /// NotFound when the programme does not exist.
  ProgrammeAdvertView GetProgrammeAdvert(std::int64_t programme_id);
  /// The logo of a confirmed sign-up; NotFound otherwise.
  domain::Logo GetAdvertLogo(std::int64_t participation_id);

  // Municipalities (reference data, any logged-in actor) -------------------------------------
  std::vector<domain::Municipality> SearchMunicipalities(const domain::Actor& actor,
                                                         const std::string& q,
                                                         const std::string& county_number);
  /// Every municipality ordered by county, then name (for <select> with optgroups).
  std::vector<domain::Municipality> AllMunicipalities();

  // Trusted calls (demo seed, CLI): no actor, no rights check ---------------------------------
  /// Creates an operator. Trusted: callers must have decided the caller may.
  std::int64_t CreateOperatorTrusted(const OperatorInput& in);
  /// Creates a programme under an operator. Trusted.
  std::int64_t CreateProgrammeTrusted(std::int64_t operator_id, const ProgrammeInput& in);
  /// Creates a cohort with the default goals. Trusted.
  std::int64_t CreateCohortTrusted(std::int64_t programme_id, const CohortInput& in);

 private:
  void Touch() { NoteAdvertChange(); }
  domain::Date Today() const;

  storage::Database& db_;
  ProgrammeSettings settings_;
  std::atomic<std::uint64_t> advert_version_{1};
};

}  // namespace tp::services
