#include "services/signup/employer_rights.h"

#include <string>
#include <utility>

#include "domain/errors.h"
#include "storage/database.h"
#include "storage/signup/employer_rights.h"
#include "storage/signup/signup_repositories.h"

namespace tp::services::employers {

using domain::Actor;
using domain::Role;

namespace {

std::vector<std::int64_t> OperatorsOf(const Actor& actor) {
  auto ids = actor.ScopesOf(Role::kOperatorAdmin);
  for (auto id : actor.ScopesOf(Role::kOperatorStaff)) ids.push_back(id);
  return ids;
}

}  // namespace

bool MaySee(const Actor& actor, std::int64_t employer_id) {
  return actor.WorksForAnyOperator() || actor.Has(Role::kCoordinator, employer_id);
}

std::set<std::int64_t> EditableAmong(storage::Tx& tx, const Actor& actor,
                                     const std::vector<std::int64_t>& employer_ids) {
  if (actor.IsSystemAdmin()) return {employer_ids.begin(), employer_ids.end()};
  const auto related = storage::EmployerRightsRepository(tx).RelatedTo(OperatorsOf(actor));
  std::set<std::int64_t> out;
  for (auto id : employer_ids)
    if (related.contains(id) || actor.Has(Role::kCoordinator, id)) out.insert(id);
  return out;
}

bool MayEdit(storage::Tx& tx, const Actor& actor, std::int64_t employer_id) {
  return EditableAmong(tx, actor, {employer_id}).contains(employer_id);
}

domain::Employer RequireEditable(storage::Tx& tx, const Actor& actor, std::int64_t employer_id) {
  domain::RequireLogin(actor);
  auto e = storage::EmployerRepository(tx).Find(employer_id);
  if (!e || !MaySee(actor, employer_id)) throw NotFound("employer");
  if (!MayEdit(tx, actor, employer_id)) throw Forbidden("employer of another operator");
  return *e;
}

void WithoutInvoiceContact(domain::Employer& e) {
  e.invoice_contact_name.clear();
  e.invoice_contact_email.clear();
}

std::int64_t CreatingOperator(const Actor& actor) {
  auto ids = OperatorsOf(actor);
  return ids.empty() ? 0 : ids.front();
}

void LogChanges(storage::Tx& tx, const Actor& actor, const domain::Employer* before,
                const domain::Employer& after, std::int64_t now) {
  storage::EmployerRightsRepository log(tx);
  const auto new_fields = domain::EmployerFields(after);
  const auto old_fields = before ? domain::EmployerFields(*before) : decltype(new_fields){};
  for (std::size_t i = 0; i < new_fields.size(); ++i) {
    const std::string old_value = before ? old_fields[i].second : "";
    if (old_value == new_fields[i].second) continue;
    log.AddChange({0, after.id, actor.person_id, actor.name, now, new_fields[i].first, old_value,
                   new_fields[i].second});
  }
}

}  // namespace tp::services::employers
