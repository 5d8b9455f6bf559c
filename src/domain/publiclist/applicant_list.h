#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"

/// The public applicant list (offentleglova § 25) and the retention of applications: pure rules.
namespace tp::domain {

/// The employer's decision on an applicant's request to be kept off the public list.
enum class OptOutDecision { kNone, kGranted, kRefused };

/// "" | "granted" | "refused" (as stored and used in the API).
std::string_view OptOutDecisionName(OptOutDecision d);
/// Inverse of OptOutDecisionName; nullopt for anything else.
std::optional<OptOutDecision> ParseOptOutDecision(std::string_view text);
/// English msgid for display: "Awaiting decision", "Kept off the list", "Will be listed".
std::string OptOutDecisionLabel(OptOutDecision d);

/// One applicant (an application with status "sent") as the list needs it.
struct Applicant {
  std::int64_t application_id = 0;
  std::string given_name;
  std::string family_name;
  std::string birth_date;  ///< "YYYY-MM-DD" or "" when not given
  std::string gender;      ///< "female" | "male" | "other" | ""
  std::string occupation;
  std::string municipality_name;  ///< home municipality; may be empty
  bool opt_out_requested = false;
  std::string opt_out_reason;
  OptOutDecision decision = OptOutDecision::kNone;
};

/// Whole years between `birth` and `on` (the age on that day); nullopt when `birth` is not a
/// valid ISO date or lies after `on`.
std::optional<int> AgeOn(std::string_view birth_iso, Date on);

/// Applicants by gender.
struct GenderSplit {
  long female = 0;
  long male = 0;
  long other = 0;
  long unknown = 0;  ///< not given
};

/// One line of the public list.
struct ApplicantListLine {
  std::int64_t application_id = 0;
  std::string name;  ///< "Given Family"
  std::optional<int> age;
  std::string occupation;
  std::string municipality_name;
};

/// The list as produced at the deadline.
struct ApplicantList {
  std::vector<ApplicantListLine> lines;  ///< listed applicants, sorted by family then given name
  long applicants = 0;                   ///< everyone who applied, listed or not
  long kept_off = 0;                     ///< opt-out granted: left out of the list
  long awaiting_decision = 0;  ///< asked to be kept off, not yet decided: left out until decided
  GenderSplit genders;         ///< of all applicants
};

/// Builds the list: applicants whose opt-out was granted are counted but not listed; those
/// awaiting a decision are left out (and counted) until decided; refused ones are listed. Ages
/// are taken on `deadline`.
ApplicantList BuildApplicantList(const std::vector<Applicant>& applicants, Date deadline);

/// The list becomes available when the application deadline has passed in Oslo, i.e. from the
/// day after the deadline date.
bool ApplicantListAvailable(Date application_deadline, Date oslo_today);

/// When an application that led to no hire is due for deletion: `hiring_closes_on` plus
/// `retention_months`.
Date RetentionDueOn(Date hiring_closes_on, int retention_months);

/// Largest accepted retention period.
inline constexpr int kMaxRetentionMonths = 120;

}  // namespace tp::domain
