// Files are stored as bytes (BLOB / BYTEA) through sqlx::Params::Bytes and Cursor type 'B', and
// migration 10 turns the base64 text stored before into those bytes.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "domain/applications/rules.h"
#include "storage/sql_helpers.h"
#include "support/test_database.h"

namespace tp::storage {
namespace {

using sqlx::Cursor;
using sqlx::Params;

// Every byte value, a NUL in the middle and a run that is not UTF-8.
std::string AllBytes() {
  std::string out;
  for (int i = 0; i < 256; ++i) out += static_cast<char>(i);
  return out + std::string("\0\xff\xfe%PDF", 8);
}

long long Id(Tx& tx, const std::string& query) { return sqlx::Scalar(tx, query); }

// An application and a participation to hang files and a logo on (schema of version 9 on).
std::pair<long long, long long> World(Database& db) {
  long long application = 0, participation = 0;
  db.Transact([&](Tx& tx) {
    auto op = Id(tx,
                 "INSERT INTO operators (name, kind, created_at) VALUES ('KS', 'national', 0) "
                 "RETURNING id");
    auto prog =
        Id(tx, "INSERT INTO programmes (operator_id, name, structure, created_at) VALUES (" +
                   std::to_string(op) + ", 'KS', 'national_model', 0) RETURNING id");
    auto cohort = Id(tx,
                     "INSERT INTO cohorts (programme_id, name, signup_deadline, "
                     "application_deadline, starts_on, ends_on, fee_ore, created_at) VALUES (" +
                         std::to_string(prog) +
                         ", 'Kull 5', '2010-11-17', '2011-02-14', '2011-09-01', '2013-03-01', 0, "
                         "0) RETURNING id");
    auto employer = Id(tx,
                       "INSERT INTO employers (name, kind, org_number, created_at) VALUES "
                       "('Testkommune', 'municipality', '920000001', 0) RETURNING id");
    participation =
        Id(tx, "INSERT INTO participations (cohort_id, employer_id, created_at) VALUES (" +
                   std::to_string(cohort) + ", " + std::to_string(employer) + ", 0) RETURNING id");
    auto person = Id(tx,
                     "INSERT INTO people (email, name, created_at) VALUES ('a@example.no', 'A', 0) "
                     "RETURNING id");
    application =
        Id(tx,
           "INSERT INTO applications (cohort_id, person_id, created_at, updated_at) "
           "VALUES (" +
               std::to_string(cohort) + ", " + std::to_string(person) + ", 0, 0) RETURNING id");
  });
  return {application, participation};
}

TEST(FilesStorageTest, BytesRoundTripAndAreStoredAsBinary) {
  auto db = test::FreshDatabase();
  auto [application, participation] = World(*db);
  const std::string bytes = AllBytes();
  long long id = 0;
  db->Transact([&](Tx& tx) {
    id = sqlx::Scalar(tx,
                      "INSERT INTO application_files (application_id, kind, filename, size_bytes, "
                      "sha256, content, created_at) VALUES (:a, 'cv', 'cv.pdf', :n, 'x', :c, 0) "
                      "RETURNING id",
                      Params()
                          .Int("a", application)
                          .Int("n", static_cast<long long>(bytes.size()))
                          .Bytes("c", bytes));
    sqlx::Exec(tx,
               "INSERT INTO participation_logos (participation_id, content_type, data, "
               "updated_at) VALUES (:p, 'image/png', :d, 0)",
               Params().Int("p", participation).Bytes("d", ""));
  });
  db->Read([&](Tx& tx) {
    Cursor c(tx, "SELECT content, filename FROM application_files WHERE id = :id",
             Params().Int("id", id), "BT");
    ASSERT_TRUE(c.Next());
    EXPECT_EQ(c.Bytes(0), bytes);
    EXPECT_EQ(c.Text(1), "cv.pdf");
    Cursor logo(tx, "SELECT data FROM participation_logos", {}, "B");
    ASSERT_TRUE(logo.Next());
    EXPECT_EQ(logo.Bytes(0), "");
    // The database holds bytes, not text: their own length in bytes, and the binary type.
    const bool pg = tx.backend() == Backend::kPostgresql;
    Cursor kind(tx,
                pg ? "SELECT pg_typeof(content)::text, octet_length(content) FROM application_files"
                   : "SELECT typeof(content), length(content) FROM application_files",
                {}, "TI");
    ASSERT_TRUE(kind.Next());
    EXPECT_EQ(kind.Text(0), pg ? "bytea" : "blob");
    EXPECT_EQ(kind.Int(1), static_cast<long long>(bytes.size()));
  });
}

TEST(FilesStorageTest, MigrationTenTurnsStoredBase64IntoBytes) {
  auto db = test::FreshDatabase(false);
  db->Migrate(9);
  ASSERT_EQ(db->CurrentVersion(), 9);
  auto [application, participation] = World(*db);
  const std::string bytes = AllBytes();
  db->Transact([&](Tx& tx) {
    sqlx::Exec(tx,
               "INSERT INTO application_files (application_id, kind, filename, size_bytes, "
               "sha256, content, created_at) VALUES (:a, 'cv', 'cv.pdf', 1, 'x', :c, 0)",
               Params().Int("a", application).Text("c", domain::Base64Encode(bytes)));
    sqlx::Exec(tx,
               "INSERT INTO participation_logos (participation_id, content_type, data_base64, "
               "updated_at) VALUES (:p, 'image/png', :d, 7)",
               Params().Int("p", participation).Text("d", domain::Base64Encode("\x89PNG")));
  });
  EXPECT_EQ(db->Migrate(10), 1);
  db->Read([&](Tx& tx) {
    Cursor c(tx, "SELECT content FROM application_files", {}, "B");
    ASSERT_TRUE(c.Next());
    EXPECT_EQ(c.Bytes(0), bytes);
    Cursor logo(tx, "SELECT data, updated_at FROM participation_logos", {}, "BI");
    ASSERT_TRUE(logo.Next());
    EXPECT_EQ(logo.Bytes(0), "\x89PNG");
    EXPECT_EQ(logo.Int(1), 7);
  });
}

}  // namespace
}  // namespace tp::storage
