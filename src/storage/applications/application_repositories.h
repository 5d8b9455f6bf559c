#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/applications/model.h"
#include "storage/database.h"

/// Repositories of the applications area: applications with their education entries,
/// preferences and PDF files, and pending applicant registrations.
namespace tp::storage {

/// A background an operator keeps (table backgrounds), offered as field category.
struct BackgroundChoice {
  std::int64_t id = 0;
  std::string name;
};

/// A confirmed participation of a cohort an applicant may wish for.
struct WishableEmployer {
  std::int64_t participation_id = 0;
  std::string employer_name;
  std::string municipality_name;
};

/// The applications table and its child tables.
class ApplicationRepository {
 public:
  explicit ApplicationRepository(Tx& tx) : tx_(tx) {}
  /// The person's application to the cohort with education, preferences and file metadata.
  std::optional<domain::Application> Find(std::int64_t cohort_id, std::int64_t person_id);
  std::optional<domain::Application> FindById(std::int64_t id);
  /// Creates an empty draft (or finds the existing one) and returns its id.
  std::int64_t Ensure(std::int64_t cohort_id, std::int64_t person_id, std::int64_t now);
  /// Writes the personal fields, occupation, experience, motivation, opt-out, search_text and
  /// updated_at (never status, cohort or person), and replaces the education entries
  /// (positions 1..n in the given order) and the preferences (these participations in this
  /// order). The row is written last: on SQLite its trigger then recomputes the search facets
  /// from the new education and preferences, once.
  void Update(const domain::Application& a, const std::vector<std::int64_t>& preferences,
              const std::string& search_text, std::int64_t now);
  /// draft -> sent; false when it was not a draft (already sent or withdrawn).
  bool MarkSent(std::int64_t id, std::int64_t now);
  /// sent -> withdrawn; false when it was not sent.
  bool MarkWithdrawn(std::int64_t id, std::int64_t now);
  /// Sent as a trusted import (demo data): status sent with the given sent_at.
  void SetSentAt(std::int64_t id, std::int64_t sent_at);
  /// The person's applications, newest cohort deadline first.
  std::vector<domain::ApplicationSummary> ListForPerson(std::int64_t person_id);
  /// Applications of the person that are sent or withdrawn.
  long CountSubmittedForPerson(std::int64_t person_id);
  /// Removes every application of the person (child rows go by cascade).
  void DeleteForPerson(std::int64_t person_id);

  // Files ------------------------------------------------------------------------------------
  /// The new file's id; 0 when the application already holds the same content as this kind.
  std::int64_t AddFile(std::int64_t application_id, const std::string& kind,
                       const std::string& filename, std::int64_t size_bytes,
                       const std::string& sha256, const std::string& content, std::int64_t now);
  std::vector<domain::ApplicationFile> Files(std::int64_t application_id);
  std::optional<domain::ApplicationFile> FindFile(std::int64_t file_id);
  /// The file's bytes.
  std::string FileContent(std::int64_t file_id);
  void DeleteFile(std::int64_t file_id);
  long CountFiles(std::int64_t application_id, const std::string& kind);

  // Choices ----------------------------------------------------------------------------------
  /// Unarchived backgrounds of the operator, in its order.
  std::vector<BackgroundChoice> Backgrounds(std::int64_t operator_id);
  /// Confirmed participations of the cohort, ordered by employer name.
  std::vector<WishableEmployer> ConfirmedEmployers(std::int64_t cohort_id);

 private:
  void ReplaceEducation(std::int64_t application_id, const std::vector<domain::Education>& list);
  void ReplacePreferences(std::int64_t application_id,
                          const std::vector<std::int64_t>& participation_ids);
  void LoadChildren(domain::Application& a);
  Tx& tx_;
};

/// A pending applicant sign-up.
struct Registration {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
  std::string lang;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

/// The applicant_registrations table.
class RegistrationRepository {
 public:
  explicit RegistrationRepository(Tx& tx) : tx_(tx) {}
  std::int64_t Insert(const Registration& r, const std::string& token_hash, std::int64_t now);
  std::optional<Registration> FindByTokenHash(const std::string& token_hash);
  /// Sign-ups of that e-mail created at or after `since`.
  long CountSince(const std::string& email, std::int64_t since);
  /// Marks it used; false when it already was.
  bool MarkUsed(std::int64_t id, std::int64_t now);
  /// Removes the pending sign-ups of that e-mail (after the account is deleted or created).
  void DeleteForEmail(const std::string& email);
  /// Removes an applicant's person row; grants, sessions, tokens and applications (with their
  /// education, preferences and files) go by ON DELETE CASCADE.
  void DeletePerson(std::int64_t person_id);

 private:
  Tx& tx_;
};

}  // namespace tp::storage
