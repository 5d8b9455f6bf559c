#include "storage/programmes/programme_repositories.h"

#include <set>
#include <sstream>
#include <stdexcept>

#include "domain/programmes/signup.h"
#include "domain/recruitment/rules.h"
#include "resources/resources.h"
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

// --- municipalities ---------------------------------------------------------------------------

constexpr const char* kMunicipalityColumns = "number, name, county_number, county_name, other_name";
domain::Municipality MunicipalityFrom(const Cursor& c) {
  return {c.Text(0), c.Text(1), c.Text(2), c.Text(3), c.Text(4)};
}

// --- operators --------------------------------------------------------------------------------

constexpr const char* kOperatorColumns = "id, name, short_name, kind, created_at";
domain::Operator OperatorFrom(const Cursor& c) {
  return {c.Int(0), c.Text(1), c.Text(2),
          domain::ParseOperatorKind(c.Text(3)).value_or(domain::OperatorKind::kNational), c.Int(4)};
}

// --- programmes -------------------------------------------------------------------------------

constexpr const char* kProgrammeColumns =
    "id, operator_id, name, structure, description, created_at";
domain::Programme ProgrammeFrom(const Cursor& c) {
  return {
      c.Int(0),
      c.Int(1),
      c.Text(2),
      domain::ParseStructureTemplate(c.Text(3)).value_or(domain::StructureTemplate::kNationalModel),
      c.Text(4),
      c.Int(5)};
}

// --- cohorts ----------------------------------------------------------------------------------

constexpr const char* kCohortColumns =
    "c.id, c.programme_id, c.name, c.signup_deadline, c.application_deadline, c.starts_on, "
    "c.ends_on, c.fee_ore, c.created_at";
constexpr const char* kCohortTypes = "IITTTTTII";
domain::Cohort CohortFrom(const Cursor& c) {
  return {c.Int(0),
          c.Int(1),
          c.Text(2),
          DateColumn(c.Text(3)),
          DateColumn(c.Text(4)),
          DateColumn(c.Text(5)),
          DateColumn(c.Text(6)),
          domain::Money::FromOre(c.Int(7)),
          c.Int(8)};
}

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

// === MunicipalityRepository =====================================================================

long MunicipalityRepository::Count() {
  return static_cast<long>(sqlx::Scalar(tx_, "SELECT COUNT(*) FROM municipalities"));
}

void MunicipalityRepository::Insert(const domain::Municipality& m) {
  sqlx::Exec(tx_,
             "INSERT INTO municipalities (number, name, county_number, county_name, other_name) "
             "VALUES (:number, :name, :county_number, :county_name, :other_name)",
             Params()
                 .Text("number", m.number)
                 .Text("name", m.name)
                 .Text("county_number", m.county_number)
                 .Text("county_name", m.county_name)
                 .Text("other_name", m.other_name));
}

long MunicipalityRepository::EnsureLoaded() {
  if (Count() > 0) return 0;
  auto csv = resources::Find("data/municipalities-2024.csv");
  if (!csv) throw std::runtime_error("embedded data/municipalities-2024.csv is missing");
  std::istringstream in{std::string(*csv)};
  std::string line;
  long inserted = 0;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      // The header names the columns; the order is fixed by the data's README.
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::string field;
    std::istringstream ls(line);
    while (std::getline(ls, field, ',')) fields.push_back(field);
    if (line.back() == ',') fields.emplace_back();  // empty last column (other_name)
    if (fields.size() != 5) throw std::runtime_error("malformed municipalities line: " + line);
    Insert({fields[0], fields[1], fields[2], fields[3], fields[4]});
    ++inserted;
  }
  return inserted;
}

std::optional<domain::Municipality> MunicipalityRepository::Find(const std::string& number) {
  Cursor c(
      tx_,
      std::string("SELECT ") + kMunicipalityColumns + " FROM municipalities WHERE number = :number",
      Params().Text("number", number), "TTTTT");
  if (!c.Next()) return std::nullopt;
  return MunicipalityFrom(c);
}

std::vector<domain::Municipality> MunicipalityRepository::All() {
  Cursor c(tx_,
           std::string("SELECT ") + kMunicipalityColumns +
               " FROM municipalities ORDER BY county_number, name",
           Params(), "TTTTT");
  std::vector<domain::Municipality> out;
  while (c.Next()) out.push_back(MunicipalityFrom(c));
  return out;
}

std::vector<domain::Municipality> MunicipalityRepository::Search(const std::string& q,
                                                                 const std::string& county) {
  std::string sql =
      std::string("SELECT ") + kMunicipalityColumns + " FROM municipalities WHERE 1=1";
  Params p;
  if (!q.empty()) {
    sql +=
        " AND (LOWER(name) LIKE :q1 ESCAPE '\\' OR LOWER(other_name) LIKE :q2 ESCAPE '\\' "
        "OR number = :q3)";
    p.Text("q1", sqlx::ContainsPattern(q)).Text("q2", sqlx::ContainsPattern(q)).Text("q3", q);
  }
  if (!county.empty()) {
    sql += " AND county_number = :county";
    p.Text("county", county);
  }
  sql += " ORDER BY name";
  Cursor c(tx_, sql, std::move(p), "TTTTT");
  std::vector<domain::Municipality> out;
  while (c.Next()) out.push_back(MunicipalityFrom(c));
  return out;
}

// === OperatorRepository =========================================================================

std::int64_t OperatorRepository::Insert(const domain::Operator& o, std::int64_t now) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO operators (name, short_name, kind, created_at) "
                      "VALUES (:name, :short_name, :kind, :created_at) RETURNING id",
                      Params()
                          .Text("name", o.name)
                          .Text("short_name", o.short_name)
                          .Text("kind", std::string(domain::OperatorKindName(o.kind)))
                          .Int("created_at", now));
}

void OperatorRepository::Update(const domain::Operator& o) {
  sqlx::Exec(tx_,
             "UPDATE operators SET name = :name, short_name = :short_name, kind = :kind "
             "WHERE id = :id",
             Params()
                 .Text("name", o.name)
                 .Text("short_name", o.short_name)
                 .Text("kind", std::string(domain::OperatorKindName(o.kind)))
                 .Int("id", o.id));
}

std::optional<domain::Operator> OperatorRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string("SELECT ") + kOperatorColumns + " FROM operators WHERE id = :id",
           Params().Int("id", id), "ITTTI");
  if (!c.Next()) return std::nullopt;
  return OperatorFrom(c);
}

std::vector<domain::Operator> OperatorRepository::All() {
  Cursor c(tx_, std::string("SELECT ") + kOperatorColumns + " FROM operators ORDER BY name, id",
           Params(), "ITTTI");
  std::vector<domain::Operator> out;
  while (c.Next()) out.push_back(OperatorFrom(c));
  return out;
}

// === ProgrammeRepository ========================================================================

std::int64_t ProgrammeRepository::Insert(const domain::Programme& p, std::int64_t now) {
  return sqlx::Scalar(
      tx_,
      "INSERT INTO programmes (operator_id, name, structure, description, created_at) "
      "VALUES (:operator_id, :name, :structure, :description, :created_at) RETURNING id",
      Params()
          .Int("operator_id", p.operator_id)
          .Text("name", p.name)
          .Text("structure", std::string(domain::StructureTemplateName(p.structure)))
          .Text("description", p.description)
          .Int("created_at", now));
}

void ProgrammeRepository::Update(const domain::Programme& p) {
  sqlx::Exec(tx_,
             "UPDATE programmes SET name = :name, structure = :structure, "
             "description = :description WHERE id = :id",
             Params()
                 .Text("name", p.name)
                 .Text("structure", std::string(domain::StructureTemplateName(p.structure)))
                 .Text("description", p.description)
                 .Int("id", p.id));
}

std::optional<domain::Programme> ProgrammeRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string("SELECT ") + kProgrammeColumns + " FROM programmes WHERE id = :id",
           Params().Int("id", id), "IITTTI");
  if (!c.Next()) return std::nullopt;
  return ProgrammeFrom(c);
}

std::vector<domain::Programme> ProgrammeRepository::ByOperator(std::int64_t operator_id) {
  Cursor c(tx_,
           std::string("SELECT ") + kProgrammeColumns +
               " FROM programmes WHERE operator_id = :operator_id ORDER BY name, id",
           Params().Int("operator_id", operator_id), "IITTTI");
  std::vector<domain::Programme> out;
  while (c.Next()) out.push_back(ProgrammeFrom(c));
  return out;
}

// === CohortRepository ===========================================================================

std::int64_t CohortRepository::Insert(const domain::Cohort& c, std::int64_t now) {
  return sqlx::Scalar(
      tx_,
      "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, starts_on, "
      "ends_on, fee_ore, created_at) VALUES (:programme_id, :name, :signup_deadline, "
      ":application_deadline, :starts_on, :ends_on, :fee_ore, :created_at) RETURNING id",
      Params()
          .Int("programme_id", c.programme_id)
          .Text("name", c.name)
          .Text("signup_deadline", Iso(c.signup_deadline))
          .Text("application_deadline", Iso(c.application_deadline))
          .Text("starts_on", Iso(c.starts_on))
          .Text("ends_on", Iso(c.ends_on))
          .Int("fee_ore", c.fee.ore())
          .Int("created_at", now));
}

void CohortRepository::Update(const domain::Cohort& c) {
  sqlx::Exec(tx_,
             "UPDATE cohorts SET name = :name, signup_deadline = :signup_deadline, "
             "application_deadline = :application_deadline, starts_on = :starts_on, "
             "ends_on = :ends_on, fee_ore = :fee_ore WHERE id = :id",
             Params()
                 .Text("name", c.name)
                 .Text("signup_deadline", Iso(c.signup_deadline))
                 .Text("application_deadline", Iso(c.application_deadline))
                 .Text("starts_on", Iso(c.starts_on))
                 .Text("ends_on", Iso(c.ends_on))
                 .Int("fee_ore", c.fee.ore())
                 .Int("id", c.id));
}

std::optional<domain::Cohort> CohortRepository::Find(std::int64_t id) {
  Cursor c(tx_, std::string("SELECT ") + kCohortColumns + " FROM cohorts c WHERE c.id = :id",
           Params().Int("id", id), kCohortTypes);
  if (!c.Next()) return std::nullopt;
  return CohortFrom(c);
}

std::vector<domain::Cohort> CohortRepository::ByProgramme(std::int64_t programme_id) {
  Cursor c(tx_,
           std::string("SELECT ") + kCohortColumns +
               " FROM cohorts c WHERE c.programme_id = :programme_id "
               "ORDER BY c.starts_on DESC, c.id DESC",
           Params().Int("programme_id", programme_id), kCohortTypes);
  std::vector<domain::Cohort> out;
  while (c.Next()) out.push_back(CohortFrom(c));
  return out;
}

std::optional<std::int64_t> CohortRepository::OperatorOf(std::int64_t cohort_id) {
  Cursor c(tx_,
           "SELECT p.operator_id FROM cohorts c JOIN programmes p ON p.id = c.programme_id "
           "WHERE c.id = :id",
           Params().Int("id", cohort_id), "I");
  if (!c.Next()) return std::nullopt;
  return c.Int(0);
}

namespace {
std::vector<domain::CohortSummary> Summaries(Tx& tx, const std::string& where, Params params = {},
                                             const std::string& order =
                                                 "c.starts_on DESC, "
                                                 "c.id DESC") {
  Cursor c(tx,
           std::string("SELECT ") + kCohortColumns +
               ", p.name, o.id, o.name FROM cohorts c JOIN programmes p ON p.id = c.programme_id "
               "JOIN operators o ON o.id = p.operator_id WHERE " +
               where + " ORDER BY " + order,
           std::move(params), std::string(kCohortTypes) + "TIT");
  std::vector<domain::CohortSummary> out;
  while (c.Next()) out.push_back({CohortFrom(c), c.Text(9), c.Int(10), c.Text(11)});
  return out;
}
}  // namespace

std::vector<domain::CohortSummary> CohortRepository::Related(
    const std::vector<std::int64_t>& operator_ids, const std::vector<std::int64_t>& employer_ids,
    const std::vector<std::int64_t>& trainee_ids) {
  std::vector<std::string> ors;
  if (!operator_ids.empty()) ors.push_back("p.operator_id IN (" + IdList(operator_ids) + ")");
  if (!employer_ids.empty())
    ors.push_back("c.id IN (SELECT cohort_id FROM participations WHERE employer_id IN (" +
                  IdList(employer_ids) + "))");
  if (!trainee_ids.empty())
    ors.push_back("c.id IN (SELECT cohort_id FROM trainees WHERE id IN (" + IdList(trainee_ids) +
                  "))");
  if (ors.empty()) return {};
  std::string where;
  for (const auto& o : ors) where += (where.empty() ? "(" : " OR (") + o + ")";
  return Summaries(tx_, where);
}

std::vector<domain::CohortSummary> CohortRepository::AllSummaries() {
  return Summaries(tx_, "1=1");
}

std::vector<domain::CohortSummary> CohortRepository::OpenForSignup(domain::Date today) {
  return Summaries(tx_, "c.signup_deadline >= :today", Params().Text("today", Iso(today)),
                   "c.signup_deadline, c.id");
}

std::optional<domain::CohortSummary> CohortRepository::Summary(std::int64_t cohort_id) {
  auto list = Summaries(tx_, "c.id = :id", Params().Int("id", cohort_id));
  if (list.empty()) return std::nullopt;
  return list.front();
}

// === GoalRepository =============================================================================

std::vector<domain::QualificationGoal> GoalRepository::ByCohort(std::int64_t cohort_id) {
  Cursor c(tx_,
           "SELECT id, cohort_id, position, text FROM qualification_goals "
           "WHERE cohort_id = :cohort_id ORDER BY position",
           Params().Int("cohort_id", cohort_id), "IIIT");
  std::vector<domain::QualificationGoal> out;
  while (c.Next()) out.push_back({c.Int(0), c.Int(1), static_cast<int>(c.Int(2)), c.Text(3)});
  return out;
}

void GoalRepository::Replace(std::int64_t cohort_id, const std::vector<std::string>& texts) {
  sqlx::Exec(tx_, "DELETE FROM qualification_goals WHERE cohort_id = :cohort_id",
             Params().Int("cohort_id", cohort_id));
  long long position = 0;
  for (const auto& text : texts) {
    sqlx::Exec(tx_,
               "INSERT INTO qualification_goals (cohort_id, position, text) "
               "VALUES (:cohort_id, :position, :text)",
               Params().Int("cohort_id", cohort_id).Int("position", ++position).Text("text", text));
  }
}

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
           "SELECT content_type, data_base64, updated_at FROM participation_logos "
           "WHERE participation_id = :id",
           Params().Int("id", participation_id), "TTI");
  if (!c.Next()) return std::nullopt;
  return domain::Logo{c.Text(0), domain::Base64Decode(c.Text(1)).value_or(""), c.Int(2)};
}

void ParticipationRepository::SetLogo(std::int64_t participation_id, const domain::Logo& logo) {
  sqlx::Exec(tx_,
             "INSERT INTO participation_logos (participation_id, content_type, data_base64, "
             "updated_at) VALUES (:id, :content_type, :data, :updated_at) "
             "ON CONFLICT (participation_id) DO UPDATE SET content_type = excluded.content_type, "
             "data_base64 = excluded.data_base64, updated_at = excluded.updated_at",
             Params()
                 .Int("id", participation_id)
                 .Text("content_type", logo.content_type)
                 .Text("data", domain::Base64Encode(logo.data))
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

// === TraineeRepository ==========================================================================

std::int64_t TraineeRepository::Insert(std::int64_t cohort_id, std::int64_t employer_id,
                                       std::int64_t person_id, std::int64_t now) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) "
                      "VALUES (:cohort_id, :employer_id, :person_id, :created_at) RETURNING id",
                      Params()
                          .Int("cohort_id", cohort_id)
                          .Int("employer_id", employer_id)
                          .Int("person_id", person_id)
                          .Int("created_at", now));
}

std::optional<domain::TraineeRecord> TraineeRepository::Find(std::int64_t id) {
  Cursor c(tx_,
           "SELECT id, cohort_id, employer_id, person_id, created_at FROM trainees WHERE id = :id",
           Params().Int("id", id), "IIIII");
  if (!c.Next()) return std::nullopt;
  return domain::TraineeRecord{c.Int(0), c.Int(1), c.Int(2), c.Int(3), c.Int(4)};
}

}  // namespace tp::storage
