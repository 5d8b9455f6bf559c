#include "services/gatherings/gathering_service.h"

#include "domain/errors.h"
#include "domain/text.h"
#include "services/input.h"
#include "services/programmes/cohort_access.h"
#include "storage/database.h"
#include "storage/gatherings/gathering_repository.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services {
namespace {

using cohorts::EditableCohort;
using cohorts::VisibleCohort;
using domain::Actor;
using domain::RequireLogin;
using domain::Trim;
using input::CheckLength;
using input::Errors;
using input::RequiredDate;

domain::Gathering ParseGathering(const GatheringInput& in) {
  Errors errors;
  domain::Gathering g;
  g.title = Trim(in.title);
  g.location = Trim(in.location);
  CheckLength(errors, "title", g.title, 200);
  CheckLength(errors, "location", g.location, 200);
  auto kind = domain::ParseGatheringKind(Trim(in.kind));
  if (!kind) errors.Add("kind", "Choose a kind.");
  auto start = RequiredDate(errors, "starts_on", in.starts_on);
  std::optional<domain::Date> end = start;
  if (!Trim(in.ends_on).empty()) {
    end = domain::ParseFormDate(in.ends_on);
    if (!end) errors.Add("ends_on", "Enter a date as dd.mm.yyyy.");
  }
  if (kind && start && end) {
    g.kind = *kind;
    g.starts_on = *start;
    g.ends_on = *end;
    errors.Merge(domain::CheckGathering(g.title, *kind, *start, *end));
  } else if (g.title.empty()) {
    errors.Add("title", "Enter a title.");
  }
  errors.ThrowIfAny();
  return g;
}

}  // namespace

GatheringService::GatheringService(storage::Database& db) : db_(db) {}

domain::Gathering GatheringService::GetGathering(const Actor& actor, std::int64_t id) {
  domain::Gathering g;
  db_.Read([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto found = storage::GatheringRepository(tx).Find(id);
    if (!found) throw NotFound("gathering");
    VisibleCohort(tx, actor, found->cohort_id);
    g = *found;
  });
  return g;
}

std::int64_t GatheringService::AddGathering(const Actor& actor, std::int64_t cohort_id,
                                            const GatheringInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    EditableCohort(tx, actor, cohort_id);
    auto g = ParseGathering(in);
    g.cohort_id = cohort_id;
    id = storage::GatheringRepository(tx).Insert(g);
  });
  return id;
}

std::int64_t GatheringService::AddGatheringTrusted(std::int64_t cohort_id,
                                                   const GatheringInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    if (!storage::CohortRepository(tx).Find(cohort_id)) throw NotFound("cohort");
    auto g = ParseGathering(in);
    g.cohort_id = cohort_id;
    id = storage::GatheringRepository(tx).Insert(g);
  });
  return id;
}

void GatheringService::UpdateGathering(const Actor& actor, std::int64_t id,
                                       const GatheringInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto existing = storage::GatheringRepository(tx).Find(id);
    if (!existing) throw NotFound("gathering");
    EditableCohort(tx, actor, existing->cohort_id);
    auto g = ParseGathering(in);
    g.id = id;
    g.cohort_id = existing->cohort_id;
    storage::GatheringRepository(tx).Update(g);
  });
}

void GatheringService::DeleteGathering(const Actor& actor, std::int64_t id) {
  db_.Transact([&](storage::Tx& tx) {
    RequireLogin(actor);
    auto existing = storage::GatheringRepository(tx).Find(id);
    if (!existing) throw NotFound("gathering");
    EditableCohort(tx, actor, existing->cohort_id);
    storage::GatheringRepository(tx).Delete(id);
  });
}

}  // namespace tp::services
