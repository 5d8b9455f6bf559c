#include "storage/signup/signup_repositories.h"

#include <set>
#include <string>

#include "domain/applications/rules.h"
#include "domain/signup/rules.h"
#include "storage/sql_helpers.h"

namespace tp::storage {
namespace {

using sqlx::Cursor;
using sqlx::Params;

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::string IdList(const std::vector<std::int64_t>& ids) {
  // Ids are integers from the actor's grants, never user text, so inlining them is safe.
  std::string out;
  for (auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// --- employers --------------------------------------------------------------------------------

constexpr const char* kEmployerColumns =
    "e.id, e.name, e.kind, e.org_number, e.municipality_number, m.name, e.address, "
    "e.postal_code, e.city, e.invoice_contact_name, e.invoice_contact_email, e.created_at";
constexpr const char* kEmployerTypes = "ITTTTTTTTTTI";
constexpr const char* kEmployerFrom =
    " FROM employers e LEFT JOIN municipalities m ON m.number = e.municipality_number ";
domain::Employer EmployerFrom(const Cursor& c) {
  domain::Employer e;
  e.id = c.Int(0);
  e.name = c.Text(1);
  e.kind = domain::ParseEmployerKind(c.Text(2)).value_or(domain::EmployerKind::kMunicipality);
  e.org_number = c.Text(3);
  e.municipality_number = c.Text(4);
  e.municipality_name = c.Text(5);
  e.address = c.Text(6);
  e.postal_code = c.Text(7);
  e.city = c.Text(8);
  e.invoice_contact_name = c.Text(9);
  e.invoice_contact_email = c.Text(10);
  e.created_at = c.Int(11);
  return e;
}
Params EmployerParams(const domain::Employer& e) {
  Params p;
  p.Text("name", e.name)
      .Text("kind", std::string(domain::EmployerKindName(e.kind)))
      .Text("org_number", e.org_number)
      .OptionalText("municipality_number", NullIfEmpty(e.municipality_number))
      .Text("address", e.address)
      .Text("postal_code", e.postal_code)
      .Text("city", e.city)
      .Text("invoice_contact_name", e.invoice_contact_name)
      .Text("invoice_contact_email", e.invoice_contact_email);
  return p;
}

// --- participations ---------------------------------------------------------------------------

constexpr const char* kParticipationSelect =
    "SELECT pa.id, pa.cohort_id, pa.employer_id, e.name, e.org_number, m.name, "
    "pa.trainees_wanted, pa.wanted_background, pa.status, pa.created_at, pa.presentation, "
    "pa.invoice_org_number, pa.buyer_reference, pa.buyer_reference_pattern, "
    "pa.decision_reason, pa.updated_at, COALESCE(l.updated_at, 0) "
    "FROM participations pa JOIN employers e ON e.id = pa.employer_id "
    "LEFT JOIN municipalities m ON m.number = e.municipality_number "
    "LEFT JOIN participation_logos l ON l.participation_id = pa.id ";
constexpr const char* kParticipationTypes = "IIITTTITTITTTTTII";
domain::Participation ParticipationFrom(const Cursor& c) {
  domain::Participation p;
  p.id = c.Int(0);
  p.cohort_id = c.Int(1);
  p.employer_id = c.Int(2);
  p.employer_name = c.Text(3);
  p.employer_org_number = c.Text(4);
  p.municipality_name = c.Text(5);
  p.trainees_wanted = static_cast<int>(c.Int(6));
  p.wanted_background = c.Text(7);
  p.status =
      domain::ParseParticipationStatus(c.Text(8)).value_or(domain::ParticipationStatus::kSignedUp);
  p.created_at = c.Int(9);
  p.presentation = c.Text(10);
  p.invoice_org_number = c.Text(11);
  p.buyer_reference = c.Text(12);
  p.buyer_reference_pattern = c.Text(13);
  p.decision_reason = c.Text(14);
  p.updated_at = c.Int(15);
  p.logo_updated_at = c.Int(16);
  return p;
}

// Fills background_ids/background_names of every participation with one query.
void LoadBackgrounds(Tx& tx, std::vector<domain::Participation>& list) {
  if (list.empty()) return;
  std::vector<std::int64_t> ids;
  for (const auto& p : list) ids.push_back(p.id);
  Cursor c(tx,
           "SELECT pb.participation_id, b.id, b.name FROM participation_backgrounds pb "
           "JOIN backgrounds b ON b.id = pb.background_id WHERE pb.participation_id IN (" +
               IdList(ids) + ") ORDER BY b.position, b.name, b.id",
           Params(), "IIT");
  while (c.Next()) {
    for (auto& p : list) {
      if (p.id != c.Int(0)) continue;
      p.background_ids.push_back(c.Int(1));
      p.background_names.push_back(c.Text(2));
    }
  }
}

}  // namespace

// === EmployerRepository =========================================================================

std::int64_t EmployerRepository::Insert(const domain::Employer& e, std::int64_t now) {
  auto p = EmployerParams(e);
  p.Int("created_at", now);
  return sqlx::Scalar(tx_,
                      "INSERT INTO employers (name, kind, org_number, municipality_number, "
                      "address, postal_code, city, invoice_contact_name, invoice_contact_email, "
                      "created_at) VALUES (:name, :kind, :org_number, :municipality_number, "
                      ":address, :postal_code, :city, :invoice_contact_name, "
                      ":invoice_contact_email, :created_at) RETURNING id",
                      std::move(p));
}

void EmployerRepository::Update(const domain::Employer& e) {
  auto p = EmployerParams(e);
  p.Int("id", e.id);
  sqlx::Exec(tx_,
             "UPDATE employers SET name = :name, kind = :kind, org_number = :org_number, "
             "municipality_number = :municipality_number, address = :address, "
             "postal_code = :postal_code, city = :city, "
             "invoice_contact_name = :invoice_contact_name, "
             "invoice_contact_email = :invoice_contact_email WHERE id = :id",
             std::move(p));
}

std::optional<domain::Employer> EmployerRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string("SELECT ") + kEmployerColumns + kEmployerFrom + "WHERE e.id = :id",
           Params().Int("id", id), kEmployerTypes);
  if (!c.Next()) return std::nullopt;
  return EmployerFrom(c);
}

std::optional<domain::Employer> EmployerRepository::FindByOrgNumber(const std::string& org) {
  Cursor c(tx_,
           std::string("SELECT ") + kEmployerColumns + kEmployerFrom + "WHERE e.org_number = :org",
           Params().Text("org", org), kEmployerTypes);
  if (!c.Next()) return std::nullopt;
  return EmployerFrom(c);
}

domain::PageResult<domain::Employer> EmployerRepository::List(const domain::PageRequest& page) {
  std::string where = "WHERE 1=1";
  Params filter;
  if (!page.q.empty()) {
    std::string digits;
    for (char ch : page.q)
      if (ch != ' ') digits += ch;
    where +=
        " AND (LOWER(e.name) LIKE :q1 ESCAPE '\\' OR e.org_number LIKE :q2 ESCAPE '\\' "
        "OR LOWER(COALESCE(m.name, '')) LIKE :q3 ESCAPE '\\' "
        "OR LOWER(COALESCE(m.other_name, '')) LIKE :q4 ESCAPE '\\' "
        "OR COALESCE(e.municipality_number, '') = :q5)";
    filter.Text("q1", sqlx::ContainsPattern(page.q))
        .Text("q2", sqlx::ContainsPattern(digits))
        .Text("q3", sqlx::ContainsPattern(page.q))
        .Text("q4", sqlx::ContainsPattern(page.q))
        .Text("q5", page.q);
  }
  std::string order;
  if (page.sort == "kind")
    order = "e.kind";
  else if (page.sort == "municipality")
    order = "COALESCE(m.name, '')";
  else if (page.sort == "created")
    order = "e.created_at";
  else
    order = "LOWER(e.name)";
  const std::string dir = page.descending ? " DESC" : " ASC";

  domain::PageResult<domain::Employer> result;
  {
    Params count_params = filter;
    result.total = static_cast<long>(sqlx::Scalar(
        tx_, std::string("SELECT COUNT(*)") + kEmployerFrom + where, std::move(count_params)));
  }
  Params p = filter;
  p.Int("lim", page.per_page).Int("off", page.Offset());
  Cursor c(tx_,
           std::string("SELECT ") + kEmployerColumns + kEmployerFrom + where + " ORDER BY " +
               order + dir + ", e.id" + dir + " LIMIT :lim OFFSET :off",
           std::move(p), kEmployerTypes);
  while (c.Next()) result.items.push_back(EmployerFrom(c));
  return result;
}

// === ParticipationRepository ====================================================================

std::int64_t ParticipationRepository::Insert(const domain::Participation& p, std::int64_t now) {
  return sqlx::Scalar(
      tx_,
      "INSERT INTO participations (cohort_id, employer_id, trainees_wanted, wanted_background, "
      "status, created_at) VALUES (:cohort_id, :employer_id, :trainees_wanted, "
      ":wanted_background, :status, :created_at) RETURNING id",
      Params()
          .Int("cohort_id", p.cohort_id)
          .Int("employer_id", p.employer_id)
          .Int("trainees_wanted", p.trainees_wanted)
          .Text("wanted_background", p.wanted_background)
          .Text("status", std::string(domain::ParticipationStatusName(p.status)))
          .Int("created_at", now));
}

void ParticipationRepository::Update(const domain::Participation& p) {
  sqlx::Exec(tx_,
             "UPDATE participations SET trainees_wanted = :trainees_wanted, "
             "wanted_background = :wanted_background, status = :status, "
             "presentation = :presentation, invoice_org_number = :invoice_org_number, "
             "buyer_reference = :buyer_reference, "
             "buyer_reference_pattern = :buyer_reference_pattern, "
             "decision_reason = :decision_reason, updated_at = :updated_at WHERE id = :id",
             Params()
                 .Int("trainees_wanted", p.trainees_wanted)
                 .Text("wanted_background", p.wanted_background)
                 .Text("status", std::string(domain::ParticipationStatusName(p.status)))
                 .Text("presentation", p.presentation)
                 .Text("invoice_org_number", p.invoice_org_number)
                 .Text("buyer_reference", p.buyer_reference)
                 .Text("buyer_reference_pattern", p.buyer_reference_pattern)
                 .Text("decision_reason", p.decision_reason)
                 .Int("updated_at", p.updated_at)
                 .Int("id", p.id));
}

void ParticipationRepository::SetBackgrounds(std::int64_t participation_id,
                                             const std::vector<std::int64_t>& ids) {
  sqlx::Exec(tx_, "DELETE FROM participation_backgrounds WHERE participation_id = :id",
             Params().Int("id", participation_id));
  std::set<std::int64_t> unique(ids.begin(), ids.end());
  for (auto id : unique)
    sqlx::Exec(tx_,
               "INSERT INTO participation_backgrounds (participation_id, background_id) "
               "VALUES (:participation_id, :background_id)",
               Params().Int("participation_id", participation_id).Int("background_id", id));
}

std::vector<domain::Participation> ParticipationRepository::ByEmployers(
    const std::vector<std::int64_t>& employer_ids) {
  if (employer_ids.empty()) return {};
  Cursor c(tx_,
           std::string(kParticipationSelect) + "JOIN cohorts c ON c.id = pa.cohort_id " +
               "WHERE pa.employer_id IN (" + IdList(employer_ids) +
               ") ORDER BY c.starts_on DESC, c.id DESC, LOWER(e.name), pa.id",
           Params(), kParticipationTypes);
  std::vector<domain::Participation> out;
  while (c.Next()) out.push_back(ParticipationFrom(c));
  LoadBackgrounds(tx_, out);
  return out;
}

std::vector<domain::Participation> ParticipationRepository::ConfirmedByCohort(
    std::int64_t cohort_id) {
  Cursor c(tx_,
           std::string(kParticipationSelect) +
               "WHERE pa.cohort_id = :cohort_id AND pa.status = 'confirmed' "
               "ORDER BY LOWER(e.name), pa.id",
           Params().Int("cohort_id", cohort_id), kParticipationTypes);
  std::vector<domain::Participation> out;
  while (c.Next()) out.push_back(ParticipationFrom(c));
  LoadBackgrounds(tx_, out);
  return out;
}

std::vector<std::pair<std::string, std::string>> ParticipationRepository::CoordinatorContacts(
    std::int64_t employer_id) {
  Cursor c(tx_,
           "SELECT p.email, p.locale FROM people p JOIN grants g ON g.person_id = p.id "
           "WHERE g.role = 'coordinator' AND g.scope_id = :employer_id AND p.disabled = 0 "
           "ORDER BY p.email, p.id",
           Params().Int("employer_id", employer_id), "TT");
  std::vector<std::pair<std::string, std::string>> out;
  while (c.Next()) out.emplace_back(c.Text(0), c.Text(1));
  return out;
}

std::optional<domain::Logo> ParticipationRepository::FindLogo(std::int64_t participation_id) {
  Cursor c(tx_,
           "SELECT content_type, data, updated_at FROM participation_logos "
           "WHERE participation_id = :id",
           Params().Int("id", participation_id), "TBI");
  if (!c.Next()) return std::nullopt;
  return domain::Logo{c.Text(0), c.Bytes(1), c.Int(2)};
}

void ParticipationRepository::SetLogo(std::int64_t participation_id, const domain::Logo& logo) {
  sqlx::Exec(tx_,
             "INSERT INTO participation_logos (participation_id, content_type, data, "
             "updated_at) VALUES (:id, :content_type, :data, :updated_at) "
             "ON CONFLICT (participation_id) DO UPDATE SET content_type = excluded.content_type, "
             "data = excluded.data, updated_at = excluded.updated_at",
             Params()
                 .Int("id", participation_id)
                 .Text("content_type", logo.content_type)
                 .Bytes("data", logo.data)
                 .Int("updated_at", logo.updated_at));
}

void ParticipationRepository::DeleteLogo(std::int64_t participation_id) {
  sqlx::Exec(tx_, "DELETE FROM participation_logos WHERE participation_id = :id",
             Params().Int("id", participation_id));
}

void ParticipationRepository::Delete(std::int64_t id) {
  sqlx::Exec(tx_, "DELETE FROM participations WHERE id = :id", Params().Int("id", id));
}

std::optional<domain::Participation> ParticipationRepository::Find(std::int64_t id) {
  std::vector<domain::Participation> out;
  {
    Cursor c(tx_, std::string(kParticipationSelect) + "WHERE pa.id = :id", Params().Int("id", id),
             kParticipationTypes);
    if (!c.Next()) return std::nullopt;
    out.push_back(ParticipationFrom(c));
  }
  LoadBackgrounds(tx_, out);
  return out.front();
}

std::optional<domain::Participation> ParticipationRepository::FindByCohortAndEmployer(
    std::int64_t cohort_id, std::int64_t employer_id) {
  Cursor c(tx_,
           std::string(kParticipationSelect) +
               "WHERE pa.cohort_id = :cohort_id AND pa.employer_id = :employer_id",
           Params().Int("cohort_id", cohort_id).Int("employer_id", employer_id),
           kParticipationTypes);
  if (!c.Next()) return std::nullopt;
  return ParticipationFrom(c);
}

std::vector<domain::Participation> ParticipationRepository::ByCohort(std::int64_t cohort_id) {
  Cursor c(tx_,
           std::string(kParticipationSelect) +
               "WHERE pa.cohort_id = :cohort_id ORDER BY LOWER(e.name), pa.id",
           Params().Int("cohort_id", cohort_id), kParticipationTypes);
  std::vector<domain::Participation> out;
  while (c.Next()) out.push_back(ParticipationFrom(c));
  LoadBackgrounds(tx_, out);
  return out;
}

long ParticipationRepository::TraineeCount(std::int64_t cohort_id, std::int64_t employer_id) {
  return static_cast<long>(
      sqlx::Scalar(tx_, "SELECT COUNT(*) FROM trainees WHERE cohort_id = :c AND employer_id = :e",
                   Params().Int("c", cohort_id).Int("e", employer_id)));
}

// === BackgroundRepository =======================================================================

namespace {
constexpr const char* kBackgroundSelect =
    "SELECT id, operator_id, name, position, archived, created_at FROM backgrounds ";
domain::Background BackgroundFrom(const Cursor& c) {
  return {c.Int(0), c.Int(1), c.Text(2), static_cast<int>(c.Int(3)), c.Int(4) != 0, c.Int(5)};
}
}  // namespace

std::int64_t BackgroundRepository::Insert(std::int64_t operator_id, const std::string& name,
                                          std::int64_t now) {
  const long long position =
      sqlx::Scalar(tx_,
                   "SELECT CAST(COALESCE(MAX(position), 0) + 1 AS BIGINT) FROM backgrounds "
                   "WHERE operator_id = :operator_id",
                   Params().Int("operator_id", operator_id));
  return sqlx::Scalar(tx_,
                      "INSERT INTO backgrounds (operator_id, name, position, archived, created_at) "
                      "VALUES (:operator_id, :name, :position, 0, :created_at) RETURNING id",
                      Params()
                          .Int("operator_id", operator_id)
                          .Text("name", name)
                          .Int("position", position)
                          .Int("created_at", now));
}

void BackgroundRepository::Update(const domain::Background& b) {
  sqlx::Exec(tx_,
             "UPDATE backgrounds SET name = :name, position = :position, archived = :archived "
             "WHERE id = :id",
             Params()
                 .Text("name", b.name)
                 .Int("position", b.position)
                 .Int("archived", b.archived ? 1 : 0)
                 .Int("id", b.id));
}

std::optional<domain::Background> BackgroundRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string(kBackgroundSelect) + "WHERE id = :id", Params().Int("id", id),
           "IITIII");
  if (!c.Next()) return std::nullopt;
  return BackgroundFrom(c);
}

std::optional<domain::Background> BackgroundRepository::FindByName(std::int64_t operator_id,
                                                                   const std::string& name) {
  Cursor c(tx_,
           std::string(kBackgroundSelect) + "WHERE operator_id = :operator_id AND name = :name",
           Params().Int("operator_id", operator_id).Text("name", name), "IITIII");
  if (!c.Next()) return std::nullopt;
  return BackgroundFrom(c);
}

std::vector<domain::Background> BackgroundRepository::ByOperator(std::int64_t operator_id,
                                                                 bool include_archived) {
  Cursor c(tx_,
           std::string(kBackgroundSelect) + "WHERE operator_id = :operator_id" +
               (include_archived ? "" : " AND archived = 0") + " ORDER BY position, name, id",
           Params().Int("operator_id", operator_id), "IITIII");
  std::vector<domain::Background> out;
  while (c.Next()) out.push_back(BackgroundFrom(c));
  return out;
}

int BackgroundRepository::EnsureDefaults(std::int64_t operator_id, std::int64_t now) {
  int added = 0;
  for (auto name : domain::DefaultBackgrounds()) {
    if (FindByName(operator_id, std::string(name))) continue;
    Insert(operator_id, std::string(name), now);
    ++added;
  }
  return added;
}

}  // namespace tp::storage
