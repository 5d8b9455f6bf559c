#include "support/publiclist_fixture.h"

#include "storage/sql_helpers.h"

namespace tp::test {

using storage::sqlx::Exec;
using storage::sqlx::Params;
using storage::sqlx::Scalar;

InsertedApplication InsertApplication(storage::Database& db, std::int64_t cohort_id,
                                      const ApplicationRow& row) {
  InsertedApplication out;
  db.Transact([&](storage::Tx& tx) {
    out.person_id = Scalar(tx,
                           "INSERT INTO people (email, name, locale, created_at) VALUES (:email, "
                           ":name, :locale, 1000) RETURNING id",
                           Params()
                               .Text("email", row.email)
                               .Text("name", row.given_name + " " + row.family_name)
                               .Text("locale", row.locale));
    std::optional<std::string> municipality;
    if (!row.municipality_number.empty()) municipality = row.municipality_number;
    out.application_id = Scalar(
        tx,
        "INSERT INTO applications (cohort_id, person_id, status, given_name, family_name, "
        "birth_date, gender, municipality_number, occupation, public_list_opt_out, "
        "opt_out_reason, opt_out_decision, created_at, updated_at) VALUES (:cohort, :person, "
        ":status, :given, :family, :birth, :gender, :municipality, :occupation, :opt_out, "
        ":reason, :decision, 1000, 1000) RETURNING id",
        Params()
            .Int("cohort", cohort_id)
            .Int("person", out.person_id)
            .Text("status", row.status)
            .Text("given", row.given_name)
            .Text("family", row.family_name)
            .Text("birth", row.birth_date)
            .Text("gender", row.gender)
            .OptionalText("municipality", municipality)
            .Text("occupation", row.occupation)
            .Int("opt_out", row.opt_out ? 1 : 0)
            .Text("reason", row.opt_out_reason)
            .Text("decision", row.opt_out_decision));
    int position = 1;
    for (auto participation : row.participations)
      Exec(tx,
           "INSERT INTO application_preferences (application_id, position, participation_id) "
           "VALUES (:a, :p, :part)",
           Params().Int("a", out.application_id).Int("p", position++).Int("part", participation));
    for (int i = 1; i <= row.education; ++i)
      Exec(tx,
           "INSERT INTO application_education (application_id, position, degree, field, "
           "institution, year) VALUES (:a, :p, 'master', 'Samfunnsgeografi', 'UiO', 2010)",
           Params().Int("a", out.application_id).Int("p", i));
    for (int i = 1; i <= row.files; ++i)
      Exec(tx,
           "INSERT INTO application_files (application_id, kind, filename, size_bytes, sha256, "
           "content, created_at) VALUES (:a, 'cv', 'cv.pdf', 100, :sha, 'JVBERi0=', 1000)",
           Params().Int("a", out.application_id).Text("sha", "sha-" + std::to_string(i)));
  });
  return out;
}

void InsertHire(storage::Database& db, std::int64_t cohort_id, std::int64_t employer_id,
                std::int64_t person_id) {
  db.Transact([&](storage::Tx& tx) {
    Exec(tx,
         "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) VALUES (:c, :e, "
         ":p, 1000)",
         Params().Int("c", cohort_id).Int("e", employer_id).Int("p", person_id));
  });
}

long long CountOf(storage::Database& db, const std::string& query) {
  long long n = 0;
  db.Read([&](storage::Tx& tx) { n = Scalar(tx, query); });
  return n;
}

}  // namespace tp::test
