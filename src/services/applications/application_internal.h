#pragma once
// Inside services/applications only: the checks and steps that application_service.cpp,
// registration.cpp and personal_data.cpp share. Nothing outside this folder includes this file.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/programmes/model.h"
#include "services/applications/application_service.h"
#include "storage/applications/application_repositories.h"
#include "storage/database.h"

namespace tp::services::applications_detail {

/// Forbidden unless the actor holds the applicant grant (Unauthenticated when anonymous).
void RequireApplicant(const domain::Actor& actor);

/// `lang` when it is a supported language, otherwise "nb": the language of an e-mail.
std::string Lang(const std::string& lang);

/// The SHA-256 of `data` as lower-case hex.
std::string Sha256Hex(const std::string& data);

/// The cohort with what decides rights and choices.
struct CohortFacts {
  domain::Cohort cohort;
  domain::Programme programme;
  domain::Operator op;
};

/// The cohort, its programme and operator; NotFound when one does not exist.
CohortFacts LoadCohort(storage::Tx& tx, std::int64_t cohort_id);

/// Parses the typed form into an application (without ids), checking types, lengths and that
/// the choices were offered; throws Invalid with every problem. `preferences` receives the
/// participation ids in order.
domain::Application Parse(storage::Tx& tx, const ApplicationInput& in, const CohortFacts& facts,
                          domain::Date today, std::vector<std::int64_t>& preferences);

/// Checks an upload; the field error, or nullopt when it is acceptable.
std::optional<FieldError> CheckUpload(const FileUpload& f);

/// Stores the upload once: the id of the stored file, also when the application already held
/// the same content as this kind (a re-posted form; the database's unique index decides).
std::int64_t StoreFile(storage::ApplicationRepository& repo, std::int64_t application_id,
                       const FileUpload& f, const std::string& sha256, std::int64_t now);

/// True when the application already holds a file of this kind with this content.
bool HoldsFile(const std::optional<domain::Application>& a, const FileUpload& f,
               const std::string& sha256);

/// Conflict once the cohort's application deadline has passed (end of that day in Oslo).
void RequireOpen(const CohortFacts& facts, std::int64_t now);

}  // namespace tp::services::applications_detail
