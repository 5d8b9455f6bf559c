#include "storage/programmes/programme_repositories.h"

#include <sstream>
#include <stdexcept>

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

}  // namespace tp::storage
