#include "storage/signup/employer_rights.h"

#include "storage/sql_helpers.h"

namespace tp::storage {

using sqlx::Cursor;
using sqlx::Params;

namespace {

// ":prefix0, :prefix1, ..." bound to `ids`; "NULL" for none (IN (NULL) matches nothing).
std::string IdList(const std::string& prefix, const std::vector<std::int64_t>& ids,
                   Params& params) {
  std::string out;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto name = prefix + std::to_string(i);
    out += (i ? ", :" : ":") + name;
    params.Int(name, ids[i]);
  }
  return out.empty() ? "NULL" : out;
}

}  // namespace

std::set<std::int64_t> EmployerRightsRepository::RelatedTo(
    const std::vector<std::int64_t>& operator_ids) {
  std::set<std::int64_t> out;
  if (operator_ids.empty()) return out;
  // Each placeholder is used once per statement (ADR 0002), so the list is bound twice. The
  // result is one operator's employers: a few hundred at most, whatever the register holds.
  Params params;
  const auto created = IdList("o", operator_ids, params);
  const auto cohorts = IdList("p", operator_ids, params);
  Cursor c(tx_,
           "SELECT id FROM employers WHERE created_by_operator_id IN (" + created +
               ") UNION SELECT pa.employer_id FROM participations pa JOIN cohorts c ON c.id = "
               "pa.cohort_id JOIN programmes pr ON pr.id = c.programme_id WHERE pr.operator_id "
               "IN (" +
               cohorts + ")",
           std::move(params), "I");
  while (c.Next()) out.insert(c.Int(0));
  return out;
}

void EmployerRightsRepository::SetCreatedBy(std::int64_t employer_id, std::int64_t operator_id) {
  sqlx::Exec(tx_, "UPDATE employers SET created_by_operator_id = :op WHERE id = :id",
             Params().Int("op", operator_id).Int("id", employer_id));
}

void EmployerRightsRepository::AddChange(const domain::EmployerChange& ch) {
  Params params;
  params.Int("employer", ch.employer_id);
  params.OptionalText("by", ch.changed_by
                                ? std::optional<std::string>(std::to_string(ch.changed_by))
                                : std::nullopt);
  params.Text("name", ch.changed_by_name)
      .Int("at", ch.changed_at)
      .Text("field", ch.field)
      .Text("old", ch.old_value)
      .Text("new", ch.new_value);
  sqlx::Exec(tx_,
             "INSERT INTO employer_changes (employer_id, changed_by, changed_by_name, changed_at, "
             "field, old_value, new_value) VALUES (:employer, CAST(:by AS BIGINT), :name, :at, "
             ":field, :old, :new)",
             std::move(params));
}

domain::PageResult<domain::EmployerChange> EmployerRightsRepository::Changes(
    std::int64_t employer_id, const domain::PageRequest& page) {
  domain::PageResult<domain::EmployerChange> out;
  out.total = static_cast<long>(
      sqlx::Scalar(tx_, "SELECT COUNT(*) FROM employer_changes WHERE employer_id = :e",
                   Params().Int("e", employer_id)));
  Cursor c(tx_,
           "SELECT id, employer_id, COALESCE(changed_by, 0), changed_by_name, changed_at, field, "
           "old_value, new_value FROM employer_changes WHERE employer_id = :e ORDER BY "
           "changed_at DESC, id DESC LIMIT :limit OFFSET :offset",
           Params().Int("e", employer_id).Int("limit", page.per_page).Int("offset", page.Offset()),
           "IIITITTT");
  while (c.Next())
    out.items.push_back(
        {c.Int(0), c.Int(1), c.Int(2), c.Text(3), c.Int(4), c.Text(5), c.Text(6), c.Text(7)});
  return out;
}

}  // namespace tp::storage
