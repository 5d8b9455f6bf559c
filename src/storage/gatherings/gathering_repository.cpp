#include "storage/gatherings/gathering_repository.h"

#include <stdexcept>

#include "storage/sql_helpers.h"

namespace tp::storage {
namespace {

using sqlx::Cursor;
using sqlx::Params;

// Dates are stored as ISO text written by this code; anything else is corruption.
domain::Date DateColumn(const std::string& text) {
  auto d = domain::ParseIsoDate(text);
  if (!d) throw std::runtime_error("malformed date in database: " + text);
  return *d;
}

std::string Iso(domain::Date d) { return domain::FormatIso(d); }

// --- gatherings -------------------------------------------------------------------------------

constexpr const char* kGatheringColumns =
    "id, cohort_id, title, kind, starts_on, ends_on, location";
domain::Gathering GatheringFrom(const Cursor& c) {
  return {c.Int(0),
          c.Int(1),
          c.Text(2),
          domain::ParseGatheringKind(c.Text(3)).value_or(domain::GatheringKind::kGathering),
          DateColumn(c.Text(4)),
          DateColumn(c.Text(5)),
          c.Text(6)};
}

}  // namespace

// === GatheringRepository ========================================================================

std::int64_t GatheringRepository::Insert(const domain::Gathering& g) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO gatherings (cohort_id, title, kind, starts_on, ends_on, "
                      "location) VALUES (:cohort_id, :title, :kind, :starts_on, :ends_on, "
                      ":location) RETURNING id",
                      Params()
                          .Int("cohort_id", g.cohort_id)
                          .Text("title", g.title)
                          .Text("kind", std::string(domain::GatheringKindName(g.kind)))
                          .Text("starts_on", Iso(g.starts_on))
                          .Text("ends_on", Iso(g.ends_on))
                          .Text("location", g.location));
}

void GatheringRepository::Update(const domain::Gathering& g) {
  sqlx::Exec(tx_,
             "UPDATE gatherings SET title = :title, kind = :kind, starts_on = :starts_on, "
             "ends_on = :ends_on, location = :location WHERE id = :id",
             Params()
                 .Text("title", g.title)
                 .Text("kind", std::string(domain::GatheringKindName(g.kind)))
                 .Text("starts_on", Iso(g.starts_on))
                 .Text("ends_on", Iso(g.ends_on))
                 .Text("location", g.location)
                 .Int("id", g.id));
}

void GatheringRepository::Delete(std::int64_t id) {
  sqlx::Exec(tx_, "DELETE FROM gatherings WHERE id = :id", Params().Int("id", id));
}

std::optional<domain::Gathering> GatheringRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string("SELECT ") + kGatheringColumns + " FROM gatherings WHERE id = :id",
           Params().Int("id", id), "IITTTTT");
  if (!c.Next()) return std::nullopt;
  return GatheringFrom(c);
}

std::vector<domain::Gathering> GatheringRepository::ByCohort(std::int64_t cohort_id) {
  Cursor c(tx_,
           std::string("SELECT ") + kGatheringColumns +
               " FROM gatherings WHERE cohort_id = :cohort_id ORDER BY starts_on, id",
           Params().Int("cohort_id", cohort_id), "IITTTTT");
  std::vector<domain::Gathering> out;
  while (c.Next()) out.push_back(GatheringFrom(c));
  return out;
}

}  // namespace tp::storage
