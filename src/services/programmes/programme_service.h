#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/paging.h"
#include "domain/programmes/model.h"

namespace tp::storage {
class Database;
}

/// Use cases of the programmes area: operators, programmes, cohorts with goals and gatherings,
/// employers, participations, the municipality list and trainee records.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated;
///  - a system admin may do everything; only system admins create operators;
///  - operator admin/staff of operator O create and edit O's programmes, cohorts, goals,
///    gatherings and participations, and see them;
///  - operator admin/staff of any operator create and edit employers and list them;
///  - a coordinator of employer E sees and edits E's details, and sees the cohorts E takes part
///    in, including the participating employers;
///  - a trainee, mentor or supervisor of trainee record T sees T's cohort (without the
///    employers' sign-up details);
///  - something the actor has no relation to raises tp::NotFound (its existence stays private);
///    a create/edit on something the actor can see but not change raises tp::Forbidden.
/// Input structs carry what the person typed; invalid input raises tp::Invalid with field
/// errors whose messages are English msgids.
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

/// Gathering as typed. kind: "gathering" | "study_trip" | "employer_seminar"; ends_on empty →
/// same day as starts_on.
struct GatheringInput {
  std::string title;
  std::string kind;
  std::string starts_on;
  std::string ends_on;
  std::string location;
};

/// Employer as typed. municipality_number may be empty.
struct EmployerInput {
  std::string name;
  std::string kind;
  std::string org_number;
  std::string municipality_number;
  std::string address;
  std::string postal_code;
  std::string city;
  std::string invoice_contact_name;
  std::string invoice_contact_email;
};

/// Participation as typed. employer_id is used on sign-up only; status empty → "signed_up".
struct ParticipationInput {
  std::string employer_id;
  std::string trainees_wanted;
  std::string wanted_background;
  std::string status;
};

/// What the actor may do with something they can see.
struct Permissions {
  bool edit = false;
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

/// An employer with the cohorts it takes part in (those the actor can see).
struct EmployerView {
  domain::Employer employer;
  std::vector<domain::CohortSummary> cohorts;
  bool can_edit = false;
};

class ProgrammeService {
 public:
  /// Keeps a reference to `db`, which must outlive the service.
  explicit ProgrammeService(storage::Database& db);

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

  // Gatherings -------------------------------------------------------------------------------
  /// The gathering and whether the actor may edit it (NotFound if the cohort is invisible).
  domain::Gathering GetGathering(const domain::Actor& actor, std::int64_t id);
  std::int64_t AddGathering(const domain::Actor& actor, std::int64_t cohort_id,
                            const GatheringInput& in);
  void UpdateGathering(const domain::Actor& actor, std::int64_t id, const GatheringInput& in);
  void DeleteGathering(const domain::Actor& actor, std::int64_t id);

  // Employers --------------------------------------------------------------------------------
  /// Operator staff (any operator) and system admins; Forbidden for others. See
  /// storage::EmployerRepository::List for search and sort keys.
  domain::PageResult<domain::Employer> ListEmployers(const domain::Actor& actor,
                                                     const domain::PageRequest& page);
  EmployerView GetEmployer(const domain::Actor& actor, std::int64_t id);
  /// Org number must pass the mod-11 check (field "org_number") and be unused (Invalid with
  /// field "org_number", message "An employer with this organisation number already exists.").
  std::int64_t CreateEmployer(const domain::Actor& actor, const EmployerInput& in);
  void UpdateEmployer(const domain::Actor& actor, std::int64_t id, const EmployerInput& in);

  // Participations ---------------------------------------------------------------------------
  domain::Participation GetParticipation(const domain::Actor& actor, std::int64_t id);
  /// Signs an employer up for the cohort. Invalid ("employer_id") when the employer is unknown
  /// or already signed up.
  std::int64_t SignUpEmployer(const domain::Actor& actor, std::int64_t cohort_id,
                              const ParticipationInput& in);
  /// Changes trainees wanted, background and status (employer_id ignored).
  void UpdateParticipation(const domain::Actor& actor, std::int64_t id,
                           const ParticipationInput& in);
  /// Removes the sign-up. Conflict when trainee records exist for that employer in the cohort.
  void RemoveParticipation(const domain::Actor& actor, std::int64_t id);

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
  /// Creates an employer. Trusted.
  std::int64_t CreateEmployerTrusted(const EmployerInput& in);
  /// Signs an employer up for a cohort. Trusted.
  std::int64_t SignUpEmployerTrusted(std::int64_t cohort_id, const ParticipationInput& in);
  /// Adds a gathering. Trusted.
  std::int64_t AddGatheringTrusted(std::int64_t cohort_id, const GatheringInput& in);
  /// Records `person_id` as trainee of `employer_id` in `cohort_id` and returns the record id
  /// (the scope of trainee/mentor/supervisor grants). Trusted: no rights check; NotFound when
  /// the cohort or employer does not exist.
  std::int64_t CreateTraineeRecord(std::int64_t cohort_id, std::int64_t employer_id,
                                   std::int64_t person_id);

 private:
  storage::Database& db_;
};

}  // namespace tp::services
