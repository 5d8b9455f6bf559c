#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/money.h"

/// Rules for operators, employers, cohorts, gatherings and participations.
namespace tp::domain {

/// A programme operator: KS nationally, or a regional network.
enum class OperatorKind { kNational, kRegional };
/// "national" / "regional".
std::string_view OperatorKindName(OperatorKind k);
std::optional<OperatorKind> ParseOperatorKind(std::string_view name);

/// The public employers that take part.
enum class EmployerKind {
  kMunicipality,           ///< kommune
  kCountyMunicipality,     ///< fylkeskommune
  kMunicipalCompany,       ///< kommunalt foretak (KF)
  kInterMunicipalCompany,  ///< interkommunalt selskap (IKS), e.g. ROAF
};
/// "municipality", "county_municipality", "municipal_company", "inter_municipal_company".
std::string_view EmployerKindName(EmployerKind k);
std::optional<EmployerKind> ParseEmployerKind(std::string_view name);
const std::vector<EmployerKind>& AllEmployerKinds();
/// English msgid: "Municipality", "County municipality", ...
std::string EmployerKindLabel(EmployerKind k);

/// What a programme event is.
enum class GatheringKind { kGathering, kStudyTrip, kEmployerSeminar };
/// "gathering" / "study_trip" / "employer_seminar".
std::string_view GatheringKindName(GatheringKind k);
std::optional<GatheringKind> ParseGatheringKind(std::string_view name);
const std::vector<GatheringKind>& AllGatheringKinds();
/// English msgid: "Gathering", "Study trip", "Employer seminar".
std::string GatheringKindLabel(GatheringKind k);
/// Gatherings last at most this many days (the national programme: "up to three days").
inline constexpr int kMaxGatheringDays = 3;

/// An employer's sign-up for a cohort.
enum class ParticipationStatus { kSignedUp, kConfirmed, kDeclined };
/// "signed_up" / "confirmed" / "declined".
std::string_view ParticipationStatusName(ParticipationStatus s);
std::optional<ParticipationStatus> ParseParticipationStatus(std::string_view name);
const std::vector<ParticipationStatus>& AllParticipationStatuses();
/// English msgid: "Signed up", "Confirmed", "Declined".
std::string ParticipationStatusLabel(ParticipationStatus s);

/// Length of a cohort in months when no end is given.
inline constexpr int kCohortMonths = 18;
/// The national programme's fee per trainee for the whole period (kr 69 000).
inline constexpr Money kDefaultCohortFee = Money::FromKroner(69000);
/// The end date used when none is given: start + 18 months.
Date DefaultCohortEnd(Date starts_on);

/// The facts of a cohort as entered.
struct CohortFacts {
  std::string name;
  Date signup_deadline;       ///< employers' sign-up deadline
  Date application_deadline;  ///< applicants' deadline
  Date starts_on;
  Date ends_on;
  Money fee;  ///< per trainee, for the whole programme
};
/// Field errors (fields "name", "signup_deadline", "application_deadline", "starts_on",
/// "ends_on", "fee") for: empty name; signup_deadline >= application_deadline;
/// application_deadline >= starts_on; starts_on >= ends_on; negative fee.
std::vector<FieldError> CheckCohort(const CohortFacts& facts);

/// Field errors for a gathering: empty title ("title"); ends before it starts ("ends_on");
/// longer than kMaxGatheringDays unless a study trip ("ends_on").
std::vector<FieldError> CheckGathering(const std::string& title, GatheringKind kind, Date starts_on,
                                       Date ends_on);

/// One default qualification goal: a stable English key and the Norwegian text from the
/// national programme's document (stored as data, not translated).
struct DefaultGoal {
  std::string_view code;
  std::string_view text;
};
/// The nine qualification goals of the national programme, in the document's order.
const std::vector<DefaultGoal>& DefaultQualificationGoals();

}  // namespace tp::domain
