#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "domain/accounts/actor.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/sql_helpers.h"

/// A cohort with two confirmed employers (A wants engineers, B economists), a third employer
/// that only signed up, written with plain SQL so the pool tests depend on nothing but the schema.
namespace tp::test::pool {

struct World {
  std::int64_t op = 0, other_op = 0, cohort = 0;
  std::int64_t employer_a = 0, employer_b = 0, employer_c = 0;
  std::int64_t part_a = 0, part_b = 0, part_c = 0;
  std::int64_t bg_engineering = 0, bg_economics = 0;
};

inline std::int64_t Id(storage::Tx& tx, const std::string& sql, storage::sqlx::Params p = {}) {
  return storage::sqlx::Scalar(tx, sql + " RETURNING id", std::move(p));
}

inline World MakeWorld(storage::Database& db) {
  World w;
  db.Transact([&](storage::Tx& tx) {
    using storage::sqlx::Params;
    w.op = Id(tx,
              "INSERT INTO operators (name, short_name, kind, created_at) VALUES ('KS', 'KS', "
              "'national', 1)");
    w.other_op = Id(tx,
                    "INSERT INTO operators (name, short_name, kind, created_at) VALUES ('TTR', "
                    "'TTR', 'regional', 1)");
    auto programme = Id(tx,
                        "INSERT INTO programmes (operator_id, name, structure, description, "
                        "created_at) VALUES (:op, 'Traineeprogram', 'national_model', '', 1)",
                        Params().Int("op", w.op));
    w.cohort = Id(tx,
                  "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, "
                  "starts_on, ends_on, fee_ore, created_at) VALUES (:p, 'Kull 5', '2010-11-17', "
                  "'2011-02-14', '2011-09-01', '2013-02-28', 6900000, 1)",
                  Params().Int("p", programme));
    auto employer = [&](const std::string& name, const std::string& org) {
      return Id(tx,
                "INSERT INTO employers (name, kind, org_number, created_at) VALUES (:n, "
                "'municipality', :o, 1)",
                Params().Text("n", name).Text("o", org));
    };
    w.employer_a = employer("Bærum kommune", "974760673");
    w.employer_b = employer("Nittedal kommune", "971032081");
    w.employer_c = employer("Lier kommune", "857566122");
    auto participation = [&](std::int64_t e, const std::string& status) {
      return Id(tx,
                "INSERT INTO participations (cohort_id, employer_id, status, created_at) VALUES "
                "(:c, :e, :s, 1)",
                Params().Int("c", w.cohort).Int("e", e).Text("s", status));
    };
    w.part_a = participation(w.employer_a, "confirmed");
    w.part_b = participation(w.employer_b, "confirmed");
    w.part_c = participation(w.employer_c, "signed_up");
    w.bg_engineering = Id(tx,
                          "INSERT INTO backgrounds (operator_id, name, created_at) VALUES (:o, "
                          "'Ingeniørfag', 1)",
                          Params().Int("o", w.op));
    w.bg_economics = Id(tx,
                        "INSERT INTO backgrounds (operator_id, name, created_at) VALUES (:o, "
                        "'Økonomi', 1)",
                        Params().Int("o", w.op));
    storage::sqlx::Exec(tx,
                        "INSERT INTO participation_backgrounds (participation_id, background_id) "
                        "VALUES (:p, :b)",
                        Params().Int("p", w.part_a).Int("b", w.bg_engineering));
    storage::sqlx::Exec(tx,
                        "INSERT INTO participation_backgrounds (participation_id, background_id) "
                        "VALUES (:p, :b)",
                        Params().Int("p", w.part_b).Int("b", w.bg_economics));
  });
  return w;
}

/// An applicant (person with the applicant grant) and a sent application.
inline std::int64_t AddApplicant(storage::Database& db, storage::NewApplication a,
                                 const std::string& email, std::int64_t* person_out = nullptr) {
  std::int64_t id = 0;
  db.Transact([&](storage::Tx& tx) {
    using storage::sqlx::Params;
    if (a.person_id == 0) {
      a.person_id = Id(tx, "INSERT INTO people (email, name, created_at) VALUES (:e, :n, 1)",
                       Params().Text("e", email).Text("n", a.given_name + " " + a.family_name));
      storage::sqlx::Exec(tx,
                          "INSERT INTO grants (person_id, role, scope_id, created_at) VALUES "
                          "(:p, 'applicant', 0, 1)",
                          Params().Int("p", a.person_id));
    }
    if (person_out) *person_out = a.person_id;
    id = storage::PoolRepository(tx).InsertApplication(a, 1000);
  });
  return id;
}

inline storage::NewApplication App(std::int64_t cohort, const std::string& given,
                                   const std::string& family, const std::string& birth,
                                   const std::string& degree, std::int64_t background,
                                   const std::string& field, int year) {
  storage::NewApplication a;
  a.cohort_id = cohort;
  a.given_name = given;
  a.family_name = family;
  a.birth_date = birth;
  a.education.push_back({degree, background, field, "NTNU", year});
  return a;
}

inline domain::Actor Staff(std::int64_t person, std::int64_t op) {
  domain::Actor a;
  a.person_id = person;
  a.grants.push_back({domain::Role::kOperatorStaff, op});
  return a;
}

inline domain::Actor Coordinator(std::int64_t person, std::int64_t employer) {
  domain::Actor a;
  a.person_id = person;
  a.grants.push_back({domain::Role::kCoordinator, employer});
  return a;
}

inline long OutboxCount(storage::Database& db, const std::string& to, const std::string& kind) {
  long n = 0;
  db.Read([&](storage::Tx& tx) {
    n = static_cast<long>(
        storage::sqlx::Scalar(tx, "SELECT COUNT(*) FROM outbox WHERE to_address = :t AND kind = :k",
                              storage::sqlx::Params().Text("t", to).Text("k", kind)));
  });
  return n;
}

// On SQLite the full-text index answers a search with filters from its facet words, kept by
// triggers. The index must hold what a fresh index of the table's rows holds, and every row
// the facets of its current data.
inline void ExpectSearchIndexConsistent(storage::Database& db) {
  if (db.backend() != storage::Backend::kSqlite) return;
  using storage::sqlx::Exec;
  using storage::sqlx::Scalar;
  db.Transact([](storage::Tx& tx) {
    EXPECT_EQ(Scalar(tx,
                     "SELECT COUNT(*) FROM applications a JOIN application_search_facets f ON "
                     "f.id = a.id WHERE a.search_facets <> f.facets"),
              0);
    Exec(tx,
         "CREATE VIRTUAL TABLE temp.fts_fresh USING fts5(search_text, search_facets, "
         "tokenize='unicode61 remove_diacritics 2')",
         {});
    Exec(tx,
         "INSERT INTO temp.fts_fresh (rowid, search_text, search_facets) SELECT id, "
         "search_text, search_facets FROM applications",
         {});
    Exec(tx,
         "CREATE VIRTUAL TABLE temp.vocab_index USING fts5vocab(main, applications_fts, instance)",
         {});
    Exec(tx, "CREATE VIRTUAL TABLE temp.vocab_fresh USING fts5vocab(temp, fts_fresh, instance)",
         {});
    const std::string a = "SELECT term, doc, col, offset FROM temp.vocab_index";
    const std::string b = "SELECT term, doc, col, offset FROM temp.vocab_fresh";
    EXPECT_EQ(Scalar(tx, "SELECT COUNT(*) FROM (" + a + " EXCEPT " + b + ")"), 0);
    EXPECT_EQ(Scalar(tx, "SELECT COUNT(*) FROM (" + b + " EXCEPT " + a + ")"), 0);
    for (const char* t : {"vocab_index", "vocab_fresh", "fts_fresh"})
      Exec(tx, std::string("DROP TABLE temp.") + t, {});
  });
}

}  // namespace tp::test::pool
