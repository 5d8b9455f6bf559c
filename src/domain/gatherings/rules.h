#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"
#include "domain/errors.h"

/// Rules for a cohort's gatherings, study trips and employer seminars.
namespace tp::domain {

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

/// Field errors for a gathering: empty title ("title"); ends before it starts ("ends_on");
/// longer than kMaxGatheringDays unless a study trip ("ends_on").
std::vector<FieldError> CheckGathering(const std::string& title, GatheringKind kind, Date starts_on,
                                       Date ends_on);

}  // namespace tp::domain
