#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"

/// How a programme's 18 months are divided into work periods.
namespace tp::domain {

/// The two structures the known programmes use.
enum class StructureTemplate {
  /// KS's national programme: 2–3 work periods arranged by the coordinator at the employer or at
  /// another employer, plus optionally one period of at most two months at the operator.
  kNationalModel,
  /// The regional three-part model (Tekniske Tjenester Romerike): 6 months at the host employer,
  /// 6 months at another employer, 6 months back at the host.
  kRegionalThreePart,
};

/// "national_model" / "regional_three_part" (stored in the database, used in the API).
std::string_view StructureTemplateName(StructureTemplate t);
/// Inverse of StructureTemplateName; nullopt for unknown text.
std::optional<StructureTemplate> ParseStructureTemplate(std::string_view name);
/// Both templates, in display order.
const std::vector<StructureTemplate>& AllStructureTemplates();
/// Short English label msgid ("National model (2–3 work periods)").
std::string StructureTemplateLabel(StructureTemplate t);
/// English msgid describing the periods of the template, for display under the label.
std::string StructureTemplateDescription(StructureTemplate t);

/// Where a planned period takes place.
enum class PeriodPlace {
  kHostEmployer,    ///< the trainee's own employer
  kOtherEmployer,   ///< another participating employer
  kEitherEmployer,  ///< the own employer or another one, decided by the coordinator
  kOperator,        ///< at the programme operator (national model only, at most two months)
};

/// One period of a default plan. `ends_on` is the last day of the period (inclusive).
struct PlannedPeriod {
  int number = 0;  ///< 1-based order
  PeriodPlace place = PeriodPlace::kHostEmployer;
  Date starts_on;
  Date ends_on;
  std::string title;  ///< English msgid, e.g. "Part 1: the municipality's services and role"
};

/// The default periods of an 18-month programme starting on `start`:
///  - national model: three work periods of 6 months each at the own or another employer (the
///    coordinator may merge them into two; the optional operator period is not planned by
///    default);
///  - regional three-part: host (6 months), other employer (6 months), host again (6 months).
/// Consecutive periods touch: each starts the day after the previous ends.
std::vector<PlannedPeriod> DefaultPeriods(StructureTemplate t, Date start);

/// Maximum length in months of the optional period at the operator.
inline constexpr int kMaxOperatorPeriodMonths = 2;

/// Problems with a planned period at the operator of `months` months, as English msgids; empty
/// when acceptable. 0 means no such period. Negative lengths and lengths over two months are
/// refused.
std::vector<std::string> CheckOperatorPeriod(int months);
/// Same, also refusing any operator period for the regional three-part template, which has none.
std::vector<std::string> CheckOperatorPeriod(StructureTemplate t, int months);
/// Problems with the number of work periods at employers (national: 2–3; regional: exactly 3).
std::vector<std::string> CheckWorkPeriodCount(StructureTemplate t, int count);

}  // namespace tp::domain
