#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"

/// Test rows for the public applicant list and retention: people with applications, their
/// preferences, education and files, written with plain SQL (the applications area owns the
/// real use cases).
namespace tp::test {

struct ApplicationRow {
  std::string email;  ///< of the new person; must be unique
  std::string given_name;
  std::string family_name;
  std::string birth_date;           ///< "YYYY-MM-DD" or ""
  std::string gender;               ///< "female" | "male" | "other" | ""
  std::string municipality_number;  ///< "" for none
  std::string occupation;
  std::string status = "sent";
  bool opt_out = false;
  std::string opt_out_reason;
  std::string opt_out_decision;              ///< "" | "granted" | "refused"
  std::vector<std::int64_t> participations;  ///< preference order
  int education = 0;                         ///< education entries to add
  int files = 0;                             ///< 100-byte files to add
  std::string locale;                        ///< the person's language setting
};

struct InsertedApplication {
  std::int64_t person_id = 0;
  std::int64_t application_id = 0;
};

/// Inserts the person and the application in one transaction.
InsertedApplication InsertApplication(storage::Database& db, std::int64_t cohort_id,
                                      const ApplicationRow& row);
/// Records the person as hired (a trainee record).
void InsertHire(storage::Database& db, std::int64_t cohort_id, std::int64_t employer_id,
                std::int64_t person_id);
/// The single number of a COUNT query.
long long CountOf(storage::Database& db, const std::string& query);

}  // namespace tp::test
