#pragma once
#include <cstdint>
#include <string>

#include "domain/dates.h"
#include "domain/gatherings/rules.h"

/// The records of the gatherings area.
namespace tp::domain {

/// A gathering, study trip or employer seminar of a cohort.
struct Gathering {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::string title;
  GatheringKind kind = GatheringKind::kGathering;
  Date starts_on;
  Date ends_on;
  std::string location;
};

}  // namespace tp::domain
