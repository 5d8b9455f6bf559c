#include <algorithm>

#include "domain/errors.h"
#include "domain/text.h"
#include "services/input.h"
#include "services/programmes/cohort_access.h"
#include "services/signup/signup_service.h"
#include "storage/database.h"
#include "storage/signup/signup_repositories.h"

// SignupService: each operator's list of professional backgrounds.
namespace tp::services {

using domain::Actor;
using domain::RequireLogin;
using domain::Trim;
using input::CheckLength;
using input::Errors;

// === backgrounds ================================================================================

std::vector<domain::Background> SignupService::ListBackgrounds(const Actor& actor,
                                                               std::int64_t operator_id,
                                                               bool include_archived) {
  std::vector<domain::Background> out;
  db_.Read([&](storage::Tx& tx) {
    cohorts::VisibleOperator(tx, actor, operator_id);
    out = storage::BackgroundRepository(tx).ByOperator(operator_id, include_archived);
  });
  return out;
}

namespace {

domain::Background VisibleBackground(storage::Tx& tx, const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  auto b = storage::BackgroundRepository(tx).Find(id);
  if (!b || !actor.CanWorkForOperator(b->operator_id)) throw NotFound("background");
  return *b;
}

std::string ParseBackgroundName(storage::Tx& tx, std::int64_t operator_id,
                                const BackgroundInput& in, std::int64_t except_id) {
  const std::string name = Trim(in.name);
  Errors errors;
  if (name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", name, 100);
  errors.ThrowIfAny();
  auto same = storage::BackgroundRepository(tx).FindByName(operator_id, name);
  if (same && same->id != except_id)
    throw Invalid(
        std::vector<FieldError>{FieldError{"name", "This background is already in the list."}});
  return name;
}
}  // namespace

domain::Background SignupService::GetBackground(const Actor& actor, std::int64_t id) {
  domain::Background b;
  db_.Read([&](storage::Tx& tx) { b = VisibleBackground(tx, actor, id); });
  return b;
}

std::int64_t SignupService::AddBackground(const Actor& actor, std::int64_t operator_id,
                                          const BackgroundInput& in) {
  std::int64_t id = 0;
  const auto now = Now();
  db_.Transact([&](storage::Tx& tx) {
    cohorts::VisibleOperator(tx, actor, operator_id);
    auto name = ParseBackgroundName(tx, operator_id, in, 0);
    id = storage::BackgroundRepository(tx).Insert(operator_id, name, now);
  });
  Touch();
  return id;
}

void SignupService::RenameBackground(const Actor& actor, std::int64_t id,
                                     const BackgroundInput& in) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    b.name = ParseBackgroundName(tx, b.operator_id, in, id);
    storage::BackgroundRepository(tx).Update(b);
  });
  Touch();
}

void SignupService::SetBackgroundArchived(const Actor& actor, std::int64_t id, bool archived) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    b.archived = archived;
    storage::BackgroundRepository(tx).Update(b);
  });
  Touch();
}

void SignupService::MoveBackground(const Actor& actor, std::int64_t id, int delta) {
  db_.Transact([&](storage::Tx& tx) {
    auto b = VisibleBackground(tx, actor, id);
    storage::BackgroundRepository list(tx);
    auto all = list.ByOperator(b.operator_id, true);
    auto it = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.id == id; });
    const auto index = it - all.begin();
    const auto target = index + (delta < 0 ? -1 : 1);
    if (target < 0 || target >= static_cast<long>(all.size())) return;
    // Renumber the whole list so equal positions (or gaps) never make the swap a no-op.
    std::swap(all[static_cast<std::size_t>(index)], all[static_cast<std::size_t>(target)]);
    int position = 0;
    for (auto& x : all) {
      x.position = ++position;
      list.Update(x);
    }
  });
  Touch();
}

}  // namespace tp::services
