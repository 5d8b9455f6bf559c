#include "domain/gatherings/rules.h"

#include <array>
#include <utility>

namespace tp::domain {
namespace {

template <class E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, n] : table)
    if (e == value) return n;
  return "";
}

constexpr std::array<std::pair<GatheringKind, std::string_view>, 3> kGatheringKinds{{
    {GatheringKind::kGathering, "gathering"},
    {GatheringKind::kStudyTrip, "study_trip"},
    {GatheringKind::kEmployerSeminar, "employer_seminar"},
}};

}  // namespace

std::string_view GatheringKindName(GatheringKind k) { return NameOf(kGatheringKinds, k); }
std::optional<GatheringKind> ParseGatheringKind(std::string_view n) {
  return Lookup(kGatheringKinds, n);
}
const std::vector<GatheringKind>& AllGatheringKinds() {
  static const std::vector<GatheringKind> all{GatheringKind::kGathering, GatheringKind::kStudyTrip,
                                              GatheringKind::kEmployerSeminar};
  return all;
}
std::string GatheringKindLabel(GatheringKind k) {
  switch (k) {
    case GatheringKind::kGathering:
      return "Gathering";
    case GatheringKind::kStudyTrip:
      return "Study trip";
    case GatheringKind::kEmployerSeminar:
      return "Employer seminar";
  }
  return "";
}

std::vector<FieldError> CheckGathering(const std::string& title, GatheringKind kind, Date starts_on,
                                       Date ends_on) {
  std::vector<FieldError> errors;
  if (title.find_first_not_of(" \t") == std::string::npos)
    errors.push_back({"title", "Enter a title."});
  if (ends_on < starts_on) {
    errors.push_back({"ends_on", "The end cannot be before the start."});
  } else if (kind != GatheringKind::kStudyTrip &&
             ends_on.DaysSinceEpoch() - starts_on.DaysSinceEpoch() + 1 > kMaxGatheringDays) {
    errors.push_back({"ends_on", "A gathering lasts at most three days."});
  }
  return errors;
}

}  // namespace tp::domain
