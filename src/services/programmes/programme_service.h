#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/paging.h"
#include "domain/programmes/model.h"
#include "services/mail/mailer.h"

namespace tp::storage {
class Database;
class Tx;
}  // namespace tp::storage

/// Use cases of the programmes area: operators, programmes, cohorts with goals and gatherings,
/// employers, participations, the municipality list and trainee records.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated;
///  - a system admin may do everything; only system admins create operators;
///  - operator admin/staff of operator O create and edit O's programmes, cohorts, goals,
///    gatherings and participations, and see them;
///  - operator admin/staff of any operator create employers and list and see them all (the
///    register is shared); they edit an employer their operator created or that takes part in
///    one of its cohorts (Forbidden for others), and only they see its invoice contact;
///  - a coordinator of employer E sees and edits E's details, and sees the cohorts E takes part
///    in, including the participating employers without their invoice details and the
///    operator's reasons;
///  - every change of an employer's details is logged (who, when, old and new values) and
///    shown to those who may edit it;
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

/// Participation as typed. employer_id is used on sign-up only; status empty → "signed_up"
/// (only operator staff set the status; a coordinator's sign-up is always "signed_up").
/// background_ids are ids from the operator's background list; invoice_org_number empty → the
/// employer's own number; buyer_reference must follow buyer_reference_pattern
/// (domain::MatchesBuyerReference).
struct ParticipationInput {
  std::string employer_id;
  std::string trainees_wanted;
  std::string wanted_background;
  std::string status;
  std::vector<std::string> background_ids;
  std::string presentation;
  std::string invoice_org_number;
  std::string buyer_reference;
  std::string buyer_reference_pattern;
};

/// The operator's decision on a sign-up. decision: "confirmed" | "declined"; reason optional.
struct DecisionInput {
  std::string decision;
  std::string reason;
};

/// A background list entry as typed.
struct BackgroundInput {
  std::string name;
};

/// Tunables of the programmes service.
struct ProgrammeSettings {
  std::string public_url;  ///< base of links in e-mails, without a trailing slash
  /// Current unix time in seconds; empty means the system clock. Tests move time with it.
  std::function<std::int64_t()> clock;
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

/// What the sign-up form for a cohort needs.
struct SignupFormView {
  domain::CohortSummary cohort;
  std::vector<domain::Background> backgrounds;  ///< the operator's active list
  std::vector<domain::Employer> employers;  ///< employers the actor may sign up (not yet signed up)
  bool open = false;                        ///< the sign-up deadline has not passed (Oslo)
  bool staff = false;  ///< operator staff: may sign up any employer at any time and set status
};

/// A coordinator's "Meld på" page: cohorts open for sign-up and the actor's employers' sign-ups.
struct SignupOverview {
  std::vector<domain::CohortSummary> open_cohorts;  ///< every operator's, soonest deadline first
  std::vector<domain::Employer> employers;          ///< the actor's employers (coordinator)
  /// Sign-ups of those employers, each with its cohort.
  std::vector<std::pair<domain::Participation, domain::CohortSummary>> signups;
  domain::Date today;  ///< Oslo
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

/// An employer with the cohorts it takes part in (those the actor can see).
struct EmployerView {
  domain::Employer employer;
  std::vector<domain::CohortSummary> cohorts;
  bool can_edit = false;
};

class ProgrammeService {
 public:
  /// Keeps a reference to `db`, which must outlive the service. E-mails go through an own
  /// Mailer without renderer (tools and tests).
  explicit ProgrammeService(storage::Database& db);
  /// Keeps references to `db` and `mailer`, which must outlive the service.
  ProgrammeService(storage::Database& db, const Mailer& mailer, ProgrammeSettings settings);

  /// Grows on every change the public advert shows (sign-ups, cohorts, programmes, employers,
  /// backgrounds) made through this service; caches compare it.
  std::uint64_t AdvertVersion() const { return advert_version_.load(); }
  /// The clock's current unix time.
  std::int64_t Now() const;

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
  /// The log of the employer's changes, newest first, for those who may edit it.
  domain::PageResult<domain::EmployerChange> ListEmployerChanges(const domain::Actor& actor,
                                                                 std::int64_t employer_id,
                                                                 const domain::PageRequest& page);

  // Participations ---------------------------------------------------------------------------
  domain::Participation GetParticipation(const domain::Actor& actor, std::int64_t id);
  /// Signs an employer up for the cohort. Invalid ("employer_id") when the employer is unknown
  /// or already signed up. Operator staff of the cohort's operator: any employer, any time. A
  /// coordinator: only their own employers (Forbidden otherwise), only until the sign-up
  /// deadline (Invalid "signup_deadline" after it), status always "signed_up".
  std::int64_t SignUpEmployer(const domain::Actor& actor, std::int64_t cohort_id,
                              const ParticipationInput& in);
  /// Changes the sign-up's details (employer_id ignored). Operator staff: everything, any time.
  /// The employer's coordinator: everything but the status, until the sign-up deadline.
  void UpdateParticipation(const domain::Actor& actor, std::int64_t id,
                           const ParticipationInput& in);
  /// Removes the sign-up. Conflict when trainee records exist for that employer in the cohort.
  void RemoveParticipation(const domain::Actor& actor, std::int64_t id);

  // Employers' sign-up (coordinators) and the operator's decision ----------------------------
  /// Coordinators (and operator staff) only; Forbidden for other logged-in people.
  SignupOverview GetSignupOverview(const domain::Actor& actor);
  /// The form's choices. Operator staff of the cohort's operator: every employer not yet
  /// signed up. A coordinator: their employers not yet signed up (the cohort of any operator).
  /// NotFound for others (Forbidden when the cohort is otherwise visible to them).
  SignupFormView GetSignupForm(const domain::Actor& actor, std::int64_t cohort_id);
  /// Confirms or declines a sign-up (operator staff of the cohort's operator) and e-mails the
  /// employer's coordinators in the same transaction.
  void DecideParticipation(const domain::Actor& actor, std::int64_t id, const DecisionInput& in);
  /// Stores the logo (PNG/JPEG/WebP by magic bytes, ≤ 2 MB; Invalid "logo" otherwise) of a
  /// sign-up the actor may edit (same rights and deadline as UpdateParticipation).
  void SetParticipationLogo(const domain::Actor& actor, std::int64_t id, const std::string& data);
  void RemoveParticipationLogo(const domain::Actor& actor, std::int64_t id);

  // Backgrounds list (operator staff) -------------------------------------------------------
  /// The operator's list ordered by position; archived ones only when asked.
  std::vector<domain::Background> ListBackgrounds(const domain::Actor& actor,
                                                  std::int64_t operator_id, bool include_archived);
  domain::Background GetBackground(const domain::Actor& actor, std::int64_t id);
  /// Invalid ("name") when empty, longer than 100 characters or already in the list.
  std::int64_t AddBackground(const domain::Actor& actor, std::int64_t operator_id,
                             const BackgroundInput& in);
  void RenameBackground(const domain::Actor& actor, std::int64_t id, const BackgroundInput& in);
  /// Archived backgrounds are no longer offered on the sign-up form; existing choices remain.
  void SetBackgroundArchived(const domain::Actor& actor, std::int64_t id, bool archived);
  /// Moves one place up (delta -1) or down (+1) in the operator's list.
  void MoveBackground(const domain::Actor& actor, std::int64_t id, int delta);

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
  /// Creates an employer. Trusted.
  std::int64_t CreateEmployerTrusted(const EmployerInput& in);
  /// Signs an employer up for a cohort. Trusted.
  std::int64_t SignUpEmployerTrusted(std::int64_t cohort_id, const ParticipationInput& in);
  /// Replaces a sign-up's details (status included). Trusted.
  void UpdateParticipationTrusted(std::int64_t id, const ParticipationInput& in);
  /// Adds a gathering. Trusted.
  std::int64_t AddGatheringTrusted(std::int64_t cohort_id, const GatheringInput& in);
  /// Records `person_id` as trainee of `employer_id` in `cohort_id` and returns the record id
  /// (the scope of trainee/mentor/supervisor grants). Trusted: no rights check; NotFound when
  /// the cohort or employer does not exist.
  std::int64_t CreateTraineeRecord(std::int64_t cohort_id, std::int64_t employer_id,
                                   std::int64_t person_id);

 private:
  void Touch() { advert_version_.fetch_add(1); }
  /// Queues the confirmed/declined e-mail to the employer's coordinators (nothing for
  /// "signed_up").
  void QueueDecisionMail(storage::Tx& tx, const domain::Participation& p, std::int64_t now);
  domain::Date Today() const;
  void CheckMayEditSignup(storage::Tx& tx, const domain::Actor& actor,
                          const domain::Participation& p, bool& staff);

  storage::Database& db_;
  Mailer own_mailer_;
  const Mailer& mailer_;
  ProgrammeSettings settings_;
  std::atomic<std::uint64_t> advert_version_{1};
};

}  // namespace tp::services
