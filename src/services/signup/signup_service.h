#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/paging.h"
#include "domain/programmes/model.h"
#include "domain/signup/model.h"
#include "services/mail/mailer.h"

namespace tp::storage {
class Database;
class Tx;
}  // namespace tp::storage

/// Use cases of the signup area: the shared employer register with its change log, employers'
/// sign-ups for cohorts (participations) with logos, the operator's decision on them, and each
/// operator's list of professional backgrounds.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated;
///  - a system admin may do everything;
///  - operator admin/staff of any operator create employers and list and see them all (the
///    register is shared); they edit an employer their operator created or that takes part in
///    one of its cohorts (Forbidden for others), and only they see its invoice contact;
///  - a coordinator of employer E sees and edits E's details, signs E up for any operator's
///    cohort until its sign-up deadline and edits E's sign-ups until then (not their status);
///  - operator admin/staff of operator O sign up any employer for O's cohorts at any time, set
///    and decide the status (the coordinators are e-mailed), remove sign-ups, and keep O's
///    background list;
///  - every change of an employer's details is logged (who, when, old and new values) and
///    shown to those who may edit it;
///  - something the actor has no relation to raises tp::NotFound (its existence stays private);
///    a create/edit on something the actor can see but not change raises tp::Forbidden.
/// Input structs carry what the person typed; invalid input raises tp::Invalid with field
/// errors whose messages are English msgids.
namespace tp::services {

class ProgrammeService;

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

/// An employer with the cohorts it takes part in (those the actor can see).
struct EmployerView {
  domain::Employer employer;
  std::vector<domain::CohortSummary> cohorts;
  bool can_edit = false;
};

class SignupService {
 public:
  /// Keeps references to `db` and `programmes` (its clock, public URL and advert version),
  /// which must outlive the service. E-mails go through an own Mailer without renderer (tools
  /// and tests).
  SignupService(storage::Database& db, ProgrammeService& programmes);
  /// Keeps references to `db`, `programmes` and `mailer`, which must outlive the service.
  SignupService(storage::Database& db, ProgrammeService& programmes, const Mailer& mailer);

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

  // Trusted calls (demo seed, CLI): no actor, no rights check ---------------------------------
  /// Creates an employer. Trusted.
  std::int64_t CreateEmployerTrusted(const EmployerInput& in);
  /// Signs an employer up for a cohort. Trusted.
  std::int64_t SignUpEmployerTrusted(std::int64_t cohort_id, const ParticipationInput& in);
  /// Replaces a sign-up's details (status included). Trusted.
  void UpdateParticipationTrusted(std::int64_t id, const ParticipationInput& in);

 private:
  std::int64_t Now() const;
  domain::Date Today() const;
  /// Tells the advert's caches that what it shows has changed.
  void Touch();
  /// Queues the confirmed/declined e-mail to the employer's coordinators (nothing for
  /// "signed_up").
  void QueueDecisionMail(storage::Tx& tx, const domain::Participation& p, std::int64_t now);
  void CheckMayEditSignup(storage::Tx& tx, const domain::Actor& actor,
                          const domain::Participation& p, bool& staff);

  storage::Database& db_;
  ProgrammeService& programmes_;
  Mailer own_mailer_;
  const Mailer& mailer_;
};

}  // namespace tp::services
