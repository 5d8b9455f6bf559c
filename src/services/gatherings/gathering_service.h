#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "domain/accounts/actor.h"
#include "domain/gatherings/model.h"

namespace tp::storage {
class Database;
}

/// Use cases of the gatherings area: a cohort's gatherings, study trips and employer seminars.
/// (The cohort page lists them through ProgrammeService::GetCohort.)
///
/// Rights (checked first in every call): anonymous actors get tp::Unauthenticated; whoever
/// may see the cohort (see ProgrammeService) sees its gatherings; operator admin/staff of the
/// cohort's operator and system admins add, edit and delete them (tp::Forbidden for the others
/// who see the cohort); for everybody else the gathering is tp::NotFound. Invalid input raises
/// tp::Invalid with field errors whose messages are English msgids.
namespace tp::services {

/// Gathering as typed. kind: "gathering" | "study_trip" | "employer_seminar"; ends_on empty →
/// same day as starts_on.
struct GatheringInput {
  std::string title;
  std::string kind;
  std::string starts_on;
  std::string ends_on;
  std::string location;
};

class GatheringService {
 public:
  /// Keeps a reference to `db`, which must outlive the service.
  explicit GatheringService(storage::Database& db);

  /// The gathering (NotFound if its cohort is invisible to the actor).
  domain::Gathering GetGathering(const domain::Actor& actor, std::int64_t id);
  std::int64_t AddGathering(const domain::Actor& actor, std::int64_t cohort_id,
                            const GatheringInput& in);
  void UpdateGathering(const domain::Actor& actor, std::int64_t id, const GatheringInput& in);
  void DeleteGathering(const domain::Actor& actor, std::int64_t id);

  /// Adds a gathering. Trusted (demo seed, CLI): no actor, no rights check.
  std::int64_t AddGatheringTrusted(std::int64_t cohort_id, const GatheringInput& in);

 private:
  storage::Database& db_;
};

}  // namespace tp::services
