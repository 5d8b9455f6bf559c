#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/money.h"

/// Rules for operators, cohorts and their qualification goals.
namespace tp::domain {

/// A programme operator: KS nationally, or a regional network.
enum class OperatorKind { kNational, kRegional };
/// "national" / "regional".
std::string_view OperatorKindName(OperatorKind k);
std::optional<OperatorKind> ParseOperatorKind(std::string_view name);

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

/// One default qualification goal: a stable English key and the Norwegian text from the
/// national programme's document (stored as data, not translated).
struct DefaultGoal {
  std::string_view code;
  std::string_view text;
};
/// The nine qualification goals of the national programme, in the document's order.
const std::vector<DefaultGoal>& DefaultQualificationGoals();

}  // namespace tp::domain
