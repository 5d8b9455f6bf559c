#include "storage/pool/pool_repositories.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>
#include <unordered_map>

#include "domain/applications/rules.h"
#include "storage/sql_helpers.h"

namespace tp::storage {
namespace {

using domain::pool::ApplicationRow;
using sqlx::Cursor;
using sqlx::Params;

std::string IdList(const std::vector<std::int64_t>& ids) {
  // Ids come from earlier queries, never from user text, so inlining them is safe.
  std::string out;
  for (auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

// FTS5 query of the user's words in search_text (never the facet words): each word quoted (so
// no operator syntax reaches FTS5) and matched as a prefix; all words must occur. "" when the
// text has no words.
std::string Fts5Query(const std::string& q) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + "\"*";
    word.clear();
  };
  for (char ch : q) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c))
      word += ch;
    else
      flush();
  }
  flush();
  return out.empty() ? out : "{search_text} : (" + out + ")";
}

bool IsWord(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::string NoUnderscores(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
  return s;
}

// On SQLite, a search with filters is answered and counted by the full-text index alone: the
// user's words match search_text, and every filter is a facet word in search_facets (see
// migration 0004). Probing 15 000 matches in the table instead cost 10-20 ms per page.
// `states` holds the status and qualification facets, e.g. "xssent AND xqqualified". Empty when
// the filter has no words, on PostgreSQL, or with a filter the facets do not hold (tags).
std::string FacetQuery(Tx& tx, const domain::pool::Filter& f, std::int64_t cohort_id,
                       const std::string& states) {
  if (tx.backend() != Backend::kSqlite || !f.tag.empty()) return "";
  const auto words = Fts5Query(f.q);
  if (words.empty()) return "";
  std::string facets = "xc" + std::to_string(cohort_id) + " AND " + states;
  if (f.background_id > 0) facets += " AND xb" + std::to_string(f.background_id);
  if (f.year > 0) facets += " AND xy" + std::to_string(f.year);
  if (f.preferred_participation_id > 0)
    facets += " AND xp" + std::to_string(f.preferred_participation_id);
  for (const auto& [prefix, value] : {std::pair<const char*, const std::string&>{"xd", f.degree},
                                      {"xm", f.county},
                                      {"xq", f.qualification}}) {
    if (value.empty()) continue;
    if (!IsWord(value)) return "";  // no such value is stored; the SQL path answers "none"
    facets += std::string(" AND ") + prefix + NoUnderscores(value);
  }
  return words + " AND {search_facets} : (" + facets + ")";
}

long FtsCount(Tx& tx, const std::string& match) {
  return static_cast<long>(
      sqlx::Scalar(tx, "SELECT COUNT(*) FROM applications_fts WHERE applications_fts MATCH :m",
                   Params().Text("m", match)));
}

constexpr const char* kFacetFromWhere =
    " FROM applications a WHERE a.cohort_id = :cohort AND a.id IN (SELECT rowid FROM "
    "applications_fts WHERE applications_fts MATCH :fq)";

// WHERE clause and parameters of a filter (alias a = applications).
void AddFilter(Tx& tx, const domain::pool::Filter& f, std::string& where, Params& p) {
  if (!f.q.empty()) {
    if (tx.backend() == Backend::kSqlite) {
      auto fts = Fts5Query(f.q);
      if (!fts.empty()) {
        where +=
            " AND a.id IN (SELECT rowid FROM applications_fts WHERE applications_fts MATCH :q)";
        p.Text("q", fts);
      }
    } else {
      where += " AND a.search_vector @@ websearch_to_tsquery('norwegian', :q)";
      p.Text("q", f.q);
    }
  }
  // The education filters are probed per candidate (OFFSET 0 keeps PostgreSQL from turning
  // them into a hash join over every education row; SQLite plans them the same either way).
  if (f.background_id > 0) {
    where +=
        " AND EXISTS (SELECT 1 FROM application_education eb WHERE eb.application_id = a.id "
        "AND eb.background_id = :bg LIMIT 1 OFFSET 0)";
    p.Int("bg", f.background_id);
  }
  if (!f.degree.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM application_education ed WHERE ed.application_id = a.id "
        "AND ed.degree = :degree LIMIT 1 OFFSET 0)";
    p.Text("degree", f.degree);
  }
  if (f.year > 0) {
    where +=
        " AND EXISTS (SELECT 1 FROM application_education ey WHERE ey.application_id = a.id "
        "AND ey.year = :year LIMIT 1 OFFSET 0)";
    p.Int("year", f.year);
  }
  if (!f.county.empty()) {
    where +=
        " AND a.municipality_number IN (SELECT number FROM municipalities WHERE "
        "county_number = :county)";
    p.Text("county", f.county);
  }
  if (f.preferred_participation_id > 0) {
    where +=
        " AND EXISTS (SELECT 1 FROM application_preferences ap WHERE ap.application_id = a.id "
        "AND ap.participation_id = :pref)";
    p.Int("pref", f.preferred_participation_id);
  }
  if (!f.qualification.empty()) {
    where += " AND a.qualification = :qual";
    p.Text("qual", f.qualification);
  }
  if (!f.tag.empty()) {
    where +=
        " AND EXISTS (SELECT 1 FROM application_tags tg WHERE tg.application_id = a.id AND "
        "tg.tag = :tag)";
    p.Text("tag", f.tag);
  }
}

std::string SortExpression(const std::string& sort) {
  if (sort == "sent") return "COALESCE(a.sent_at, 0)";
  if (sort == "year")
    return "COALESCE((SELECT MAX(ey2.year) FROM application_education ey2 WHERE "
           "ey2.application_id = a.id), 0)";
  if (sort == "status") return "a.status";
  return "LOWER(a.family_name)";
}

// How PageIds counts the matching rows.
enum class Count {
  kWindow,    ///< in the same pass (COUNT(*) OVER ()): best when the order needs every match
  kSeparate,  ///< a second COUNT query: best when an index gives the order and the page stops early
};

// Ids of the rows [offset, offset + limit) in the order; the caller knows the total.
std::vector<std::int64_t> IdsAt(Tx& tx, const std::string& from_where, const std::string& order,
                                Params p, long limit, long offset) {
  std::vector<std::int64_t> ids;
  if (limit <= 0) return ids;
  p.Int("lim", limit).Int("off", offset);
  Cursor c(tx, "SELECT a.id" + from_where + " ORDER BY " + order + " LIMIT :lim OFFSET :off",
           std::move(p), "I");
  while (c.Next()) ids.push_back(c.Int(0));
  return ids;
}

// One page of ids and the total of matching rows.
std::vector<std::int64_t> PageIds(Tx& tx, const std::string& from_where, const std::string& order,
                                  const Params& filter_params, Params p,
                                  const domain::PageRequest& page, long& total, Count count) {
  p.Int("lim", page.per_page).Int("off", page.Offset());
  const bool window = count == Count::kWindow;
  Cursor c(tx,
           std::string(window ? "SELECT a.id, COUNT(*) OVER ()" : "SELECT a.id, 0") + from_where +
               " ORDER BY " + order + " LIMIT :lim OFFSET :off",
           std::move(p), "II");
  std::vector<std::int64_t> ids;
  total = 0;
  while (c.Next()) {
    ids.push_back(c.Int(0));
    if (window) total = static_cast<long>(c.Int(1));
  }
  const bool short_first_page =
      page.Offset() == 0 && static_cast<long>(ids.size()) < static_cast<long>(page.per_page);
  if (!window && short_first_page) {
    total = static_cast<long>(ids.size());
  } else if (!window || (ids.empty() && page.Offset() > 0)) {
    total = static_cast<long>(sqlx::Scalar(tx, "SELECT COUNT(*)" + from_where, filter_params));
  }
  return ids;
}

domain::pool::Offer OfferFrom(const Cursor& c) {
  domain::pool::Offer o;
  o.id = c.Int(0);
  o.application_id = c.Int(1);
  o.participation_id = c.Int(2);
  o.cohort_id = c.Int(3);
  o.employer_id = c.Int(4);
  o.person_id = c.Int(5);
  o.employer_name = c.Text(6);
  o.cohort_name = c.Text(7);
  o.candidate_name = c.Text(8);
  o.employment = c.Text(9);
  o.probation_months = static_cast<int>(c.Int(10));
  o.starts_on = c.Text(11);
  o.salary_chapter = c.Text(12);
  o.status = c.Text(13);
  o.created_by = c.Int(14);
  o.created_at = c.Int(15);
  o.decided_at = c.Int(16);
  return o;
}

constexpr const char* kOfferSelect =
    "SELECT o.id, o.application_id, o.participation_id, a.cohort_id, pa.employer_id, a.person_id, "
    "e.name, c.name, a.given_name || ' ' || a.family_name, o.employment, o.probation_months, "
    "o.starts_on, o.salary_chapter, o.status, o.created_by, o.created_at, o.decided_at "
    "FROM offers o JOIN applications a ON a.id = o.application_id "
    "JOIN participations pa ON pa.id = o.participation_id "
    "JOIN employers e ON e.id = pa.employer_id JOIN cohorts c ON c.id = a.cohort_id ";
constexpr const char* kOfferTypes = "IIIIIITTTTITTTIII";

std::vector<domain::pool::Offer> Offers(Tx& tx, const std::string& where, Params p) {
  Cursor c(tx, std::string(kOfferSelect) + where + " ORDER BY o.created_at DESC, o.id DESC",
           std::move(p), kOfferTypes);
  std::vector<domain::pool::Offer> out;
  while (c.Next()) out.push_back(OfferFrom(c));
  return out;
}

}  // namespace

std::int64_t PoolRepository::InsertApplication(const NewApplication& a, std::int64_t now) {
  std::string search = a.given_name + " " + a.family_name;
  for (const auto& e : a.education) search += " " + e.field + " " + e.institution;
  search += " " + a.experience + " " + a.motivation;
  Params p;
  p.Int("cohort_id", a.cohort_id)
      .Int("person_id", a.person_id)
      .Text("status", a.status)
      .Text("given_name", a.given_name)
      .Text("family_name", a.family_name)
      .Text("phone", a.phone)
      .Text("birth_date", a.birth_date)
      .OptionalText("municipality_number", a.municipality_number.empty()
                                               ? std::nullopt
                                               : std::optional<std::string>(a.municipality_number))
      .Text("experience", a.experience)
      .Text("motivation", a.motivation)
      .Text("qualification", a.qualification)
      .Text("qualification_reason", a.qualification_reason)
      .Text("search_text", search)
      .Int("created_at", now)
      .Int("updated_at", now);
  std::string sent = "NULL";
  if (a.status != "draft") {
    p.Int("sent_at", a.sent_at ? a.sent_at : now);
    sent = ":sent_at";
  }
  auto id = sqlx::Scalar(
      tx_,
      "INSERT INTO applications (cohort_id, person_id, status, given_name, family_name, phone, "
      "birth_date, municipality_number, experience, motivation, qualification, "
      "qualification_reason, search_text, created_at, updated_at, sent_at) VALUES (:cohort_id, "
      ":person_id, :status, :given_name, :family_name, :phone, :birth_date, :municipality_number, "
      ":experience, :motivation, :qualification, :qualification_reason, :search_text, "
      ":created_at, :updated_at, " +
          sent + ") RETURNING id",
      std::move(p));
  int position = 0;
  for (const auto& e : a.education) {
    ++position;
    Params ep;
    ep.Int("application_id", id)
        .Int("position", position)
        .Text("degree", e.degree)
        .OptionalText("background_id",
                      e.background_id ? std::optional<std::string>(std::to_string(e.background_id))
                                      : std::nullopt)
        .Text("field", e.field)
        .Text("institution", e.institution)
        .Int("year", e.year);
    sqlx::Exec(tx_,
               "INSERT INTO application_education (application_id, position, degree, "
               "background_id, field, institution, year) VALUES (:application_id, :position, "
               ":degree, CAST(:background_id AS BIGINT), :field, :institution, :year)",
               std::move(ep));
  }
  position = 0;
  for (auto participation : a.preferences) {
    ++position;
    sqlx::Exec(tx_,
               "INSERT INTO application_preferences (application_id, position, participation_id) "
               "VALUES (:application_id, :position, :participation_id)",
               Params()
                   .Int("application_id", id)
                   .Int("position", position)
                   .Int("participation_id", participation));
  }
  if (tx_.backend() == Backend::kSqlite) {
    // The education and preferences came after the row: naming search_text fires the update
    // trigger of migration 0004, which recomputes the search facets from them.
    sqlx::Exec(tx_, "UPDATE applications SET search_text = search_text WHERE id = :id",
               Params().Int("id", id));
  }
  return id;
}

std::int64_t PoolRepository::InsertFile(std::int64_t application_id, const std::string& kind,
                                        const std::string& filename, const std::string& content,
                                        std::int64_t now) {
  return sqlx::Scalar(
      tx_,
      "INSERT INTO application_files (application_id, kind, filename, size_bytes, sha256, "
      "content, created_at) VALUES (:application_id, :kind, :filename, :size_bytes, '', "
      ":content, :created_at) RETURNING id",
      Params()
          .Int("application_id", application_id)
          .Text("kind", kind)
          .Text("filename", filename)
          .Int("size_bytes", static_cast<long long>(content.size()))
          .Bytes("content", content)
          .Int("created_at", now));
}

std::optional<std::int64_t> PoolRepository::PoolReleasedAt(std::int64_t cohort_id) {
  Cursor c(tx_, "SELECT pool_released_at FROM cohorts WHERE id = :id",
           Params().Int("id", cohort_id), "I");
  if (!c.Next() || c.Int(0) == 0) return std::nullopt;
  return c.Int(0);
}

void PoolRepository::ReleasePool(std::int64_t cohort_id, std::int64_t now) {
  sqlx::Exec(tx_,
             "UPDATE cohorts SET pool_released_at = :now WHERE id = :id AND pool_released_at IS "
             "NULL",
             Params().Int("now", now).Int("id", cohort_id));
}

std::vector<ApplicationRow> PoolRepository::LoadRows(const std::vector<std::int64_t>& ids) {
  std::vector<ApplicationRow> rows;
  if (ids.empty()) return rows;
  const auto list = IdList(ids);
  std::map<std::int64_t, ApplicationRow> by_id;
  {
    Cursor c(tx_,
             "SELECT a.id, a.person_id, a.given_name, a.family_name, p.email, a.phone, "
             "a.birth_date, a.status, a.qualification, COALESCE(m.county_name, ''), a.sent_at "
             "FROM applications a JOIN people p ON p.id = a.person_id LEFT JOIN municipalities m "
             "ON m.number = a.municipality_number WHERE a.id IN (" +
                 list + ")",
             {}, "IITTTTTTTTI");
    while (c.Next()) {
      ApplicationRow r;
      r.id = c.Int(0);
      r.person_id = c.Int(1);
      r.given_name = c.Text(2);
      r.family_name = c.Text(3);
      r.email = c.Text(4);
      r.phone = c.Text(5);
      r.birth_date = c.Text(6);
      r.status = c.Text(7);
      r.qualification = c.Text(8);
      r.county = c.Text(9);
      r.sent_at = c.Int(10);
      by_id[r.id] = std::move(r);
    }
  }
  {
    // The latest education of each (highest year, then last position).
    Cursor c(tx_,
             "SELECT application_id, year, degree, field FROM application_education WHERE "
             "application_id IN (" +
                 list + ") ORDER BY application_id, year, position",
             {}, "IITT");
    while (c.Next()) {
      auto it = by_id.find(c.Int(0));
      if (it == by_id.end()) continue;
      it->second.year = static_cast<int>(c.Int(1));
      it->second.degree = c.Text(2);
      it->second.field = c.Text(3);
    }
  }
  {
    Cursor c(tx_,
             "SELECT application_id, tag FROM application_tags WHERE application_id IN (" + list +
                 ") ORDER BY application_id, tag",
             {}, "IT");
    while (c.Next()) {
      auto it = by_id.find(c.Int(0));
      if (it == by_id.end()) continue;
      if (!it->second.tags.empty()) it->second.tags += ", ";
      it->second.tags += c.Text(1);
    }
  }
  for (auto id : ids) {
    auto it = by_id.find(id);
    if (it != by_id.end()) rows.push_back(std::move(it->second));
  }
  return rows;
}

domain::PageResult<ApplicationRow> PoolRepository::List(std::int64_t cohort_id,
                                                        const domain::pool::Filter& filter,
                                                        const domain::PageRequest& page,
                                                        bool with_duplicates) {
  const bool one_status = filter.status == "sent" || filter.status == "withdrawn";
  domain::PageResult<ApplicationRow> result;
  const std::string dir = page.descending ? " DESC" : " ASC";
  std::string order = SortExpression(page.sort) + dir;
  if (page.sort.empty() || page.sort == "name") order += ", LOWER(a.given_name)" + dir;
  order += ", a.id" + dir;
  const auto facets = FacetQuery(tx_, filter, cohort_id,
                                 one_status ? "xs" + filter.status : "(xssent OR xswithdrawn)");
  if (!facets.empty()) {
    result.total = FtsCount(tx_, facets);
    result.items = LoadRows(IdsAt(tx_, kFacetFromWhere, order,
                                  Params().Int("cohort", cohort_id).Text("fq", facets),
                                  page.per_page, page.Offset()));
  } else {
    std::string where = " FROM applications a WHERE a.cohort_id = :cohort";
    Params p;
    p.Int("cohort", cohort_id);
    if (one_status) {
      where += " AND a.status = :status";
      p.Text("status", filter.status);
    } else {
      where += " AND a.status IN ('sent', 'withdrawn')";
    }
    AddFilter(tx_, filter, where, p);
    // By name, the index applications_cohort_sort_names gives the order: read only the page.
    const Count count =
        page.sort.empty() || page.sort == "name" ? Count::kSeparate : Count::kWindow;
    result.items = LoadRows(PageIds(tx_, where, order, p, p, page, result.total, count));
  }

  // Likely duplicates of the rows on this page: candidates share a birth date, a phone or an
  // e-mail within the cohort; the domain rule decides.
  if (with_duplicates && !result.items.empty()) {
    std::vector<domain::pool::DuplicateKey> keys;
    Params dp;
    dp.Int("dc", cohort_id);
    std::string births, phones, emails;
    int n = 0;
    for (const auto& r : result.items) {
      keys.push_back({r.id, r.given_name + " " + r.family_name, r.birth_date, r.phone, r.email});
      const auto s = std::to_string(n++);
      births += (births.empty() ? ":b" : ", :b") + s;
      phones += (phones.empty() ? ":ph" : ", :ph") + s;
      emails += (emails.empty() ? ":em" : ", :em") + s;
    }
    n = 0;
    for (const auto& r : result.items) {
      const auto s = std::to_string(n++);
      dp.Text("b" + s, r.birth_date.empty() ? std::string("\x01") : r.birth_date);
    }
    n = 0;
    for (const auto& r : result.items) {
      const auto s = std::to_string(n++);
      dp.Text("ph" + s, r.phone.empty() ? std::string("\x01") : r.phone);
    }
    n = 0;
    for (const auto& r : result.items) {
      const auto s = std::to_string(n++);
      dp.Text("em" + s, r.email);
    }
    // Three indexed lookups (birth date, phone, e-mail) instead of one OR across two tables,
    // which no index can serve. The e-mails are looked up first: joined, SQLite would rather
    // walk the whole cohort and probe people (30 ms instead of a few for 50 000 applications).
    dp.Int("dc2", cohort_id).Int("dc3", cohort_id);
    Cursor c(tx_,
             "SELECT a.id, a.given_name || ' ' || a.family_name, a.birth_date, a.phone, p.email "
             "FROM applications a JOIN people p ON p.id = a.person_id WHERE a.status IN "
             "('sent', 'withdrawn') AND a.id IN (SELECT id FROM applications WHERE cohort_id = "
             ":dc AND birth_date IN (" +
                 births +
                 ") UNION SELECT id FROM applications WHERE cohort_id = :dc2 AND phone IN (" +
                 phones +
                 ") UNION SELECT id FROM applications WHERE cohort_id = :dc3 AND person_id IN "
                 "(SELECT id FROM people WHERE email IN (" +
                 emails + ")))",
             std::move(dp), "ITTTT");
    // Index the candidates by each matching key once, so a page is linear in its candidates.
    std::unordered_map<std::string, std::vector<std::int64_t>> by_name_birth, by_phone, by_email;
    while (c.Next()) {
      const auto id = c.Int(0);
      if (!c.Text(2).empty())
        by_name_birth[domain::pool::FoldName(c.Text(1)) + "|" + c.Text(2)].push_back(id);
      const auto phone = domain::pool::PhoneDigits(c.Text(3));
      if (phone.size() >= 8) by_phone[phone].push_back(id);
      if (!c.Text(4).empty()) by_email[c.Text(4)].push_back(id);
    }
    for (std::size_t i = 0; i < result.items.size(); ++i) {
      const auto& k = keys[i];
      std::vector<std::int64_t> found;
      auto add = [&](const auto& map, const std::string& key) {
        auto it = map.find(key);
        if (it == map.end()) return;
        for (auto id : it->second)
          if (id != k.id) found.push_back(id);
      };
      if (!k.birth_date.empty())
        add(by_name_birth, domain::pool::FoldName(k.name) + "|" + k.birth_date);
      const auto phone = domain::pool::PhoneDigits(k.phone);
      if (phone.size() >= 8) add(by_phone, phone);
      if (!k.email.empty()) add(by_email, k.email);
      std::sort(found.begin(), found.end());
      found.erase(std::unique(found.begin(), found.end()), found.end());
      result.items[i].duplicate_ids = std::move(found);
    }
  }
  return result;
}

domain::PageResult<ApplicationRow> PoolRepository::Pool(std::int64_t cohort_id,
                                                        std::int64_t participation_id,
                                                        const domain::pool::Filter& filter,
                                                        const domain::PageRequest& page) {
  domain::pool::Filter f = filter;
  f.qualification.clear();
  domain::PageResult<ApplicationRow> result;
  const std::string dir = page.descending ? " DESC" : " ASC";
  std::string order = SortExpression(page.sort == "status" ? "name" : page.sort) + dir;
  if (page.sort.empty() || page.sort == "name") order += ", LOWER(a.given_name)" + dir;
  order += ", a.id" + dir;
  const auto facets = FacetQuery(tx_, f, cohort_id, "xssent AND xqqualified");
  if (!facets.empty()) {
    // Those whose background fits the employer first: two ranges of the same order, each
    // counted by the index.
    std::string fit;
    {
      Cursor c(tx_,
               "SELECT background_id FROM participation_backgrounds WHERE participation_id = :p",
               Params().Int("p", participation_id), "I");
      while (c.Next()) fit += (fit.empty() ? "xb" : " OR xb") + std::to_string(c.Int(0));
    }
    result.total = FtsCount(tx_, facets);
    const std::string fits = fit.empty() ? "" : facets + " AND {search_facets} : (" + fit + ")";
    const std::string others =
        fit.empty() ? facets : "(" + facets + ") NOT {search_facets} : (" + fit + ")";
    const long fitting = fit.empty() ? 0 : FtsCount(tx_, fits);
    const long offset = page.Offset();
    std::vector<std::int64_t> ids;
    if (offset < fitting)
      ids = IdsAt(tx_, kFacetFromWhere, order, Params().Int("cohort", cohort_id).Text("fq", fits),
                  page.per_page, offset);
    const auto rest =
        IdsAt(tx_, kFacetFromWhere, order, Params().Int("cohort", cohort_id).Text("fq", others),
              page.per_page - static_cast<long>(ids.size()), std::max(0L, offset - fitting));
    ids.insert(ids.end(), rest.begin(), rest.end());
    result.items = LoadRows(ids);
  } else {
    std::string where =
        " FROM applications a WHERE a.cohort_id = :cohort AND a.status = 'sent' AND "
        "a.qualification = 'qualified'";
    Params p;
    p.Int("cohort", cohort_id);
    AddFilter(tx_, f, where, p);
    const std::string fit_order =
        "CASE WHEN EXISTS (SELECT 1 FROM application_education fe JOIN "
        "participation_backgrounds pb ON pb.background_id = fe.background_id WHERE "
        "fe.application_id = a.id AND pb.participation_id = :fit) THEN 0 ELSE 1 END, " +
        order;
    Params pp = p;
    pp.Int("fit", participation_id);
    result.items =
        LoadRows(PageIds(tx_, where, fit_order, p, pp, page, result.total, Count::kWindow));
  }
  if (result.items.empty()) return result;
  std::vector<std::int64_t> ids;
  for (const auto& r : result.items) ids.push_back(r.id);
  const auto list = IdList(ids);
  std::map<std::int64_t, ApplicationRow*> by_id;
  for (auto& r : result.items) by_id[r.id] = &r;
  {
    Cursor c(tx_,
             // Driven by the page's ids: joined, SQLite walks every education of the
             // employer's backgrounds instead (2 ms instead of 0.01 ms at 50 000 applications).
             "SELECT DISTINCT fe.application_id FROM application_education fe WHERE "
             "fe.application_id IN (" +
                 list +
                 ") AND fe.background_id IN (SELECT background_id FROM participation_backgrounds "
                 "WHERE participation_id = :p)",
             Params().Int("p", participation_id), "I");
    while (c.Next()) by_id[c.Int(0)]->fits = true;
  }
  {
    Cursor c(tx_,
             "SELECT application_id FROM application_preferences WHERE position = 1 AND "
             "participation_id = :p AND application_id IN (" +
                 list + ")",
             Params().Int("p", participation_id), "I");
    while (c.Next()) by_id[c.Int(0)]->first_choice = true;
  }
  {
    Cursor c(tx_,
             "SELECT application_id, priority FROM assessments WHERE participation_id = :p AND "
             "priority IS NOT NULL AND application_id IN (" +
                 list + ")",
             Params().Int("p", participation_id), "II");
    while (c.Next()) by_id[c.Int(0)]->priority = static_cast<int>(c.Int(1));
  }
  return result;
}

std::optional<domain::pool::Application> PoolRepository::Find(std::int64_t id) {
  domain::pool::Application a;
  {
    Cursor c(tx_,
             "SELECT a.cohort_id, a.gender, a.address, a.postal_code, a.city, "
             "COALESCE(m.name, ''), a.occupation, a.experience, a.motivation, "
             "a.qualification_reason FROM applications a LEFT JOIN municipalities m ON m.number = "
             "a.municipality_number WHERE a.id = :id",
             Params().Int("id", id), "ITTTTTTTTT");
    if (!c.Next()) return std::nullopt;
    a.cohort_id = c.Int(0);
    a.gender = c.Text(1);
    a.address = c.Text(2);
    a.postal_code = c.Text(3);
    a.city = c.Text(4);
    a.municipality = c.Text(5);
    a.occupation = c.Text(6);
    a.experience = c.Text(7);
    a.motivation = c.Text(8);
    a.qualification_reason = c.Text(9);
  }
  auto rows = LoadRows({id});
  if (rows.empty()) return std::nullopt;
  a.row = std::move(rows.front());
  {
    Cursor c(tx_,
             "SELECT ed.degree, COALESCE(b.name, ''), ed.field, ed.institution, ed.year FROM "
             "application_education ed LEFT JOIN backgrounds b ON b.id = ed.background_id WHERE "
             "ed.application_id = :id ORDER BY ed.position",
             Params().Int("id", id), "TTTTI");
    while (c.Next())
      a.education.push_back(
          {c.Text(0), c.Text(1), c.Text(2), c.Text(3), static_cast<int>(c.Int(4))});
  }
  {
    Cursor c(tx_,
             "SELECT ap.position, ap.participation_id, e.name FROM application_preferences ap "
             "JOIN participations pa ON pa.id = ap.participation_id JOIN employers e ON e.id = "
             "pa.employer_id WHERE ap.application_id = :id ORDER BY ap.position",
             Params().Int("id", id), "IIT");
    while (c.Next()) a.preferences.push_back({static_cast<int>(c.Int(0)), c.Int(1), c.Text(2)});
  }
  {
    Cursor c(tx_,
             "SELECT id, kind, filename, size_bytes FROM application_files WHERE application_id = "
             ":id ORDER BY id",
             Params().Int("id", id), "ITTI");
    while (c.Next()) a.files.push_back({c.Int(0), c.Text(1), c.Text(2), c.Int(3)});
  }
  {
    Cursor c(tx_, "SELECT tag FROM application_tags WHERE application_id = :id ORDER BY tag",
             Params().Int("id", id), "T");
    while (c.Next()) a.tags.push_back(c.Text(0));
  }
  return a;
}

std::optional<std::pair<std::string, std::string>> PoolRepository::FileContent(
    std::int64_t application_id, std::int64_t file_id) {
  Cursor c(tx_,
           "SELECT filename, content FROM application_files WHERE id = :id AND application_id = "
           ":application_id",
           Params().Int("id", file_id).Int("application_id", application_id), "TB");
  if (!c.Next()) return std::nullopt;
  return std::make_pair(c.Text(0), c.Bytes(1));
}

std::vector<ApplicationRow> PoolRepository::Duplicates(std::int64_t application_id) {
  auto self = LoadRows({application_id});
  if (self.empty()) return {};
  const auto& r = self.front();
  const auto cohort = sqlx::Scalar(tx_, "SELECT cohort_id FROM applications WHERE id = :id",
                                   Params().Int("id", application_id));
  Cursor c(
      tx_,
      "SELECT a.id, a.given_name || ' ' || a.family_name, a.birth_date, a.phone, p.email "
      "FROM applications a JOIN people p ON p.id = a.person_id WHERE a.status IN ('sent', "
      "'withdrawn') AND a.id IN (SELECT id FROM applications WHERE cohort_id = :c1 AND "
      "birth_date = :b UNION SELECT id FROM applications WHERE cohort_id = :c2 AND phone = "
      ":ph UNION SELECT id FROM applications WHERE cohort_id = :c3 AND person_id IN (SELECT id "
      "FROM people WHERE email = :em))",
      Params()
          .Int("c1", cohort)
          .Text("b", r.birth_date.empty() ? std::string("\x01") : r.birth_date)
          .Int("c2", cohort)
          .Text("ph", r.phone.empty() ? std::string("\x01") : r.phone)
          .Int("c3", cohort)
          .Text("em", r.email),
      "ITTTT");
  const domain::pool::DuplicateKey key{r.id, r.given_name + " " + r.family_name, r.birth_date,
                                       r.phone, r.email};
  std::vector<std::int64_t> ids;
  while (c.Next()) {
    domain::pool::DuplicateKey cand{c.Int(0), c.Text(1), c.Text(2), c.Text(3), c.Text(4)};
    if (domain::pool::LikelyDuplicates(key, cand)) ids.push_back(cand.id);
  }
  std::sort(ids.begin(), ids.end());
  return LoadRows(ids);
}

void PoolRepository::SetQualification(std::int64_t id, const std::string& qualification,
                                      const std::string& reason, std::int64_t now) {
  sqlx::Exec(tx_,
             "UPDATE applications SET qualification = :q, qualification_reason = :r, updated_at = "
             ":now WHERE id = :id",
             Params().Text("q", qualification).Text("r", reason).Int("now", now).Int("id", id));
}

bool PoolRepository::AddTag(std::int64_t application_id, const std::string& tag, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "INSERT INTO application_tags (application_id, tag, created_at) VALUES (:a, "
                    ":t, :now) ON CONFLICT (application_id, tag) DO NOTHING",
                    Params().Int("a", application_id).Text("t", tag).Int("now", now)) > 0;
}

bool PoolRepository::RemoveTag(std::int64_t application_id, const std::string& tag) {
  return sqlx::Exec(tx_, "DELETE FROM application_tags WHERE application_id = :a AND tag = :t",
                    Params().Int("a", application_id).Text("t", tag)) > 0;
}

std::vector<std::string> PoolRepository::CohortTags(std::int64_t cohort_id) {
  Cursor c(tx_,
           // From the tags to their applications: the other way round visits every
           // application of the cohort (9 ms at 50 000 applications on SQLite, 0.1 ms so).
           "SELECT DISTINCT t.tag FROM application_tags t WHERE EXISTS (SELECT 1 FROM "
           "applications a WHERE a.id = t.application_id AND a.cohort_id = :c) ORDER BY t.tag",
           Params().Int("c", cohort_id), "T");
  std::vector<std::string> out;
  while (c.Next()) out.push_back(c.Text(0));
  return out;
}

domain::pool::Assessment PoolRepository::GetAssessment(std::int64_t participation_id,
                                                       std::int64_t application_id) {
  Cursor c(tx_,
           "SELECT COALESCE(priority, 0), note, interview FROM assessments WHERE "
           "participation_id = :p AND application_id = :a",
           Params().Int("p", participation_id).Int("a", application_id), "ITT");
  domain::pool::Assessment a;
  if (c.Next()) {
    a.priority = static_cast<int>(c.Int(0));
    a.note = c.Text(1);
    a.interview = c.Text(2);
  }
  return a;
}

void PoolRepository::SaveAssessment(std::int64_t participation_id, std::int64_t application_id,
                                    const std::string& note, const std::string& interview,
                                    std::int64_t now) {
  sqlx::Exec(tx_,
             "INSERT INTO assessments (participation_id, application_id, note, interview, "
             "updated_at) VALUES (:p, :a, :note, :interview, :now) ON CONFLICT "
             "(participation_id, application_id) DO UPDATE SET note = excluded.note, interview = "
             "excluded.interview, updated_at = excluded.updated_at",
             Params()
                 .Int("p", participation_id)
                 .Int("a", application_id)
                 .Text("note", note)
                 .Text("interview", interview)
                 .Int("now", now));
}

void PoolRepository::Prioritise(std::int64_t participation_id, std::int64_t application_id,
                                std::int64_t now) {
  if (GetAssessment(participation_id, application_id).priority > 0) return;
  const auto next = sqlx::Scalar(tx_,
                                 "SELECT COALESCE(MAX(priority), 0) + 1 FROM assessments WHERE "
                                 "participation_id = :p",
                                 Params().Int("p", participation_id));
  sqlx::Exec(tx_,
             "INSERT INTO assessments (participation_id, application_id, priority, updated_at) "
             "VALUES (:p, :a, :prio, :now) ON CONFLICT (participation_id, application_id) DO "
             "UPDATE SET priority = excluded.priority, updated_at = excluded.updated_at",
             Params()
                 .Int("p", participation_id)
                 .Int("a", application_id)
                 .Int("prio", next)
                 .Int("now", now));
}

void PoolRepository::Unprioritise(std::int64_t participation_id, std::int64_t application_id) {
  const int old = GetAssessment(participation_id, application_id).priority;
  if (old == 0) return;
  sqlx::Exec(tx_,
             "UPDATE assessments SET priority = NULL WHERE participation_id = :p AND "
             "application_id = :a",
             Params().Int("p", participation_id).Int("a", application_id));
  sqlx::Exec(tx_,
             "UPDATE assessments SET priority = priority - 1 WHERE participation_id = :p AND "
             "priority > :old",
             Params().Int("p", participation_id).Int("old", old));
}

bool PoolRepository::Move(std::int64_t participation_id, std::int64_t application_id, int delta) {
  const int old = GetAssessment(participation_id, application_id).priority;
  if (old == 0) return false;
  const int target = old + delta;
  Cursor c(tx_,
           "SELECT application_id FROM assessments WHERE participation_id = :p AND priority = :t",
           Params().Int("p", participation_id).Int("t", target), "I");
  if (!c.Next()) return false;
  const auto other = c.Int(0);
  sqlx::Exec(tx_,
             "UPDATE assessments SET priority = :prio WHERE participation_id = :p AND "
             "application_id = :a",
             Params().Int("prio", old).Int("p", participation_id).Int("a", other));
  sqlx::Exec(tx_,
             "UPDATE assessments SET priority = :prio WHERE participation_id = :p AND "
             "application_id = :a",
             Params().Int("prio", target).Int("p", participation_id).Int("a", application_id));
  return true;
}

std::vector<PriorityRow> PoolRepository::Priorities(std::int64_t participation_id) {
  Cursor c(tx_,
           "SELECT s.application_id, s.priority, a.given_name || ' ' || a.family_name, s.note, "
           "s.interview FROM assessments s JOIN applications a ON a.id = s.application_id WHERE "
           "s.participation_id = :p AND s.priority IS NOT NULL ORDER BY s.priority, s.id",
           Params().Int("p", participation_id), "IITTT");
  std::vector<PriorityRow> out;
  while (c.Next())
    out.push_back({c.Int(0), static_cast<int>(c.Int(1)), c.Text(2), c.Text(3), c.Text(4)});
  return out;
}

long PoolRepository::OtherPriorityCount(std::int64_t application_id,
                                        std::int64_t participation_id) {
  return static_cast<long>(
      sqlx::Scalar(tx_,
                   "SELECT COUNT(*) FROM assessments WHERE application_id = "
                   ":a AND participation_id <> :p AND priority IS NOT NULL",
                   Params().Int("a", application_id).Int("p", participation_id)));
}

std::int64_t PoolRepository::InsertOffer(const domain::pool::Offer& o, std::int64_t now) {
  return sqlx::Scalar(
      tx_,
      "INSERT INTO offers (application_id, participation_id, employment, probation_months, "
      "starts_on, salary_chapter, status, created_by, created_at) VALUES (:a, :p, :employment, "
      ":probation, :starts_on, :salary, 'open', :by, :now) RETURNING id",
      Params()
          .Int("a", o.application_id)
          .Int("p", o.participation_id)
          .Text("employment", o.employment)
          .Int("probation", o.probation_months)
          .Text("starts_on", o.starts_on)
          .Text("salary", o.salary_chapter)
          .Int("by", o.created_by)
          .Int("now", now));
}

std::optional<domain::pool::Offer> PoolRepository::FindOffer(std::int64_t id) {
  auto v = Offers(tx_, "WHERE o.id = :id", Params().Int("id", id));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<domain::pool::Offer> PoolRepository::OffersForPerson(std::int64_t person_id) {
  return Offers(tx_, "WHERE a.person_id = :p", Params().Int("p", person_id));
}

std::vector<domain::pool::Offer> PoolRepository::OffersForParticipation(
    std::int64_t participation_id) {
  return Offers(tx_, "WHERE o.participation_id = :p", Params().Int("p", participation_id));
}

std::vector<domain::pool::Offer> PoolRepository::OffersForApplication(std::int64_t application_id) {
  return Offers(tx_, "WHERE o.application_id = :a", Params().Int("a", application_id));
}

bool PoolRepository::SetOfferStatus(std::int64_t id, const std::string& status, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "UPDATE offers SET status = :s, decided_at = :now WHERE id = :id AND status = "
                    "'open'",
                    Params().Text("s", status).Int("now", now).Int("id", id)) == 1;
}

bool PoolRepository::HasAcceptedOffer(std::int64_t application_id) {
  return sqlx::Scalar(tx_,
                      "SELECT COUNT(*) FROM offers WHERE application_id = :id AND status = "
                      "'accepted'",
                      Params().Int("id", application_id)) > 0;
}

bool PoolRepository::LockSentApplication(std::int64_t application_id) {
  // updated_at is in no trigger's column list: the search index is left alone.
  return sqlx::Exec(tx_,
                    "UPDATE applications SET updated_at = updated_at WHERE id = :id AND status = "
                    "'sent'",
                    Params().Int("id", application_id)) == 1;
}

std::optional<PoolRepository::CohortInfo> PoolRepository::Cohort(std::int64_t cohort_id) {
  Cursor c(tx_,
           "SELECT c.id, c.name, p.operator_id, COALESCE(c.pool_released_at, 0) FROM cohorts c "
           "JOIN programmes p ON p.id = c.programme_id WHERE c.id = :id",
           Params().Int("id", cohort_id), "ITII");
  if (!c.Next()) return std::nullopt;
  return CohortInfo{c.Int(0), c.Text(1), c.Int(2), c.Int(3)};
}

std::optional<PoolRepository::ParticipationInfo> PoolRepository::Participation(
    std::int64_t cohort_id, std::int64_t employer_id) {
  Cursor c(tx_,
           "SELECT pa.id, pa.employer_id, e.name, pa.status FROM participations pa JOIN employers "
           "e ON e.id = pa.employer_id WHERE pa.cohort_id = :c AND pa.employer_id = :e",
           Params().Int("c", cohort_id).Int("e", employer_id), "IITT");
  if (!c.Next()) return std::nullopt;
  return ParticipationInfo{c.Int(0), c.Int(1), c.Text(2), c.Text(3)};
}

std::vector<PoolRepository::ParticipationInfo> PoolRepository::Participations(
    std::int64_t cohort_id) {
  Cursor c(tx_,
           "SELECT pa.id, pa.employer_id, e.name, pa.status FROM participations pa JOIN employers "
           "e ON e.id = pa.employer_id WHERE pa.cohort_id = :c ORDER BY e.name, pa.id",
           Params().Int("c", cohort_id), "IITT");
  std::vector<ParticipationInfo> out;
  while (c.Next()) out.push_back({c.Int(0), c.Int(1), c.Text(2), c.Text(3)});
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> PoolRepository::Backgrounds(
    std::int64_t operator_id) {
  Cursor c(tx_,
           "SELECT id, name FROM backgrounds WHERE operator_id = :o ORDER BY position, name, id",
           Params().Int("o", operator_id), "IT");
  std::vector<std::pair<std::int64_t, std::string>> out;
  while (c.Next()) out.emplace_back(c.Int(0), c.Text(1));
  return out;
}

std::vector<std::pair<std::string, std::string>> PoolRepository::Counties() {
  Cursor c(tx_,
           "SELECT DISTINCT county_number, county_name FROM municipalities ORDER BY county_name",
           {}, "TT");
  std::vector<std::pair<std::string, std::string>> out;
  while (c.Next()) out.emplace_back(c.Text(0), c.Text(1));
  return out;
}

bool PoolRepository::IsTrainee(std::int64_t cohort_id, std::int64_t person_id) {
  return sqlx::Scalar(tx_, "SELECT COUNT(*) FROM trainees WHERE cohort_id = :c AND person_id = :p",
                      Params().Int("c", cohort_id).Int("p", person_id)) > 0;
}

}  // namespace tp::storage
