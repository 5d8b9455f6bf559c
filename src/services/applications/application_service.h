#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/actor.h"
#include "domain/accounts/person.h"
#include "domain/applications/model.h"
#include "domain/errors.h"
#include "domain/programmes/model.h"
#include "storage/applications/application_repositories.h"
#include "storage/applications/group_commit.h"

namespace tp::storage {
class Database;
}

/// Use cases of the applications area: applicant sign-up with e-mail verification, one
/// application per applicant and cohort (draft, send, change, withdraw), PDF uploads, the
/// applicant's data export and account deletion.
///
/// Rights (checked first in every call):
///  - anonymous actors get tp::Unauthenticated (registration and its link are public);
///  - a cohort that does not exist, and files that are not the actor's own, raise tp::NotFound;
///  - applying needs the applicant grant (tp::Forbidden otherwise);
///  - deleting the account is for people whose only grants are applicant (tp::Forbidden
///    otherwise) and only while nothing is sent (tp::Conflict);
///  - changes after the cohort's application deadline (end of that day in Europe/Oslo) raise
///    tp::Conflict, as do changes to a withdrawn application.
/// Bad input raises tp::Invalid with field errors whose messages are English msgids.
namespace tp::services {

class Mailer;

struct ApplicationSettings {
  std::string public_url;  ///< base of links in e-mails, without a trailing slash
  long session_lifetime_hours = 12;
  unsigned long long argon2_opslimit = 2;
  unsigned long long argon2_memlimit = 67108864;
  /// Current unix time in seconds; empty means the system clock.
  std::function<std::int64_t()> clock;
};

/// The sign-up form as typed.
struct RegistrationInput {
  std::string email;
  std::string name;
  std::string password;
  std::string password_repeat;
  bool accept_terms = false;
  std::string lang;  ///< language of the e-mails ("nb" when empty)
  /// Appended to the verification link, e.g. "?next=%2Fapply%2Fcohorts%2F5"; built by the caller
  /// from a checked local path, so the new applicant continues where they started.
  std::string link_query;
};

/// One education row as typed. A row whose fields are all empty is ignored.
struct EducationInput {
  std::string degree;
  std::string background_id;  ///< an id of the operator's backgrounds, or empty (= other)
  std::string field;
  std::string institution;
  std::string year;
};

/// The application form as typed. birth_date ISO or dd.mm.yyyy.
struct ApplicationInput {
  std::string given_name;
  std::string family_name;
  std::string birth_date;
  std::string gender;
  std::string phone;
  std::string address;
  std::string postal_code;
  std::string city;
  std::string municipality_number;
  std::string occupation;
  std::string experience;
  std::string motivation;
  bool public_list_opt_out = false;
  std::string opt_out_reason;
  std::vector<EducationInput> education;
  /// Participation ids (as text) in the applicant's order of preference.
  std::vector<std::string> preferences;
};

/// An uploaded file. `field` names the form input the errors are reported on.
struct FileUpload {
  std::string field;
  std::string kind;  ///< "cv", "diploma", "other"
  std::string filename;
  std::string data;
};

/// Everything the application page shows.
struct ApplicationPageView {
  domain::Cohort cohort;
  std::string programme_name;
  std::string operator_name;
  std::optional<domain::Application> application;  ///< nullopt before the first save
  std::vector<storage::BackgroundChoice> backgrounds;
  std::vector<storage::WishableEmployer> employers;
  std::vector<domain::Municipality> municipalities;  ///< ordered by county, then name
  bool open = false;                                 ///< the deadline has not passed
  std::string reference;  ///< receipt reference when an application exists
};

/// What a save did.
struct SaveResult {
  std::int64_t application_id = 0;
  bool newly_sent = false;    ///< this call sent it (the receipt e-mail was queued)
  bool already_sent = false;  ///< it was sent before this call
  /// Refused uploads (the rest was saved); nothing was sent when not empty.
  std::vector<FieldError> file_errors;
};

/// A file with its content.
struct FileDownload {
  domain::ApplicationFile file;
  std::string content;
};

/// A sent application to import (demo data).
struct SentImport {
  std::string email;  ///< normalised
  std::string name;
  ApplicationInput input;
  std::vector<FileUpload> files;
  std::int64_t sent_at = 0;
};

/// Everything stored about a person, for the export.
struct PersonExport {
  domain::Person person;
  std::vector<domain::GrantRecord> grants;
  std::vector<domain::Application> applications;
  std::vector<std::string> cohort_names;  ///< parallel to applications
  /// The bytes of each file, parallel to each application's files.
  std::vector<std::vector<std::string>> file_contents;
  std::vector<domain::OutboxMessage> emails;
};

class ApplicationService {
 public:
  /// Keeps references to `db` and `mailer`, which must outlive the service.
  ApplicationService(storage::Database& db, Mailer& mailer, ApplicationSettings settings);

  const ApplicationSettings& settings() const { return settings_; }

  // --- sign-up (public) ---------------------------------------------------------------------
  /// Validates and queues an e-mail: a verification link valid 24 hours, or, when the e-mail
  /// already has an account, an e-mail saying so. The caller sees the same either way. At most
  /// three verification e-mails per address and hour; further sign-ups send nothing.
  void Register(const RegistrationInput& in);
  /// The e-mail of a usable verification link, or nullopt.
  std::optional<std::string> PeekRegistration(const std::string& token);
  /// Creates the person with the applicant grant and opens a session; returns its token.
  /// NotFound for an unknown, used or expired link; Conflict when the e-mail got an account
  /// meanwhile.
  std::string VerifyRegistration(const std::string& token, const std::string& ip,
                                 const std::string& user_agent);

  // --- applications ---------------------------------------------------------------------------
  ApplicationPageView GetApplication(const domain::Actor& actor, std::int64_t cohort_id);
  /// Saves the typed application (creating the draft) and adds the uploads that pass the PDF
  /// check; with `send`, then validates everything and sends it when it is a draft (queuing
  /// the receipt e-mail). Invalid (nothing saved) on type or length errors; Invalid (fields
  /// saved) when sending finds something missing; Conflict after the deadline.
  SaveResult Save(const domain::Actor& actor, std::int64_t cohort_id, const ApplicationInput& in,
                  const std::vector<FileUpload>& uploads, bool send);
  /// Sends the stored draft (see Save).
  SaveResult Send(const domain::Actor& actor, std::int64_t cohort_id);
  /// Adds one file to the application (creating the draft). Invalid on the file's field.
  std::int64_t AddFile(const domain::Actor& actor, std::int64_t cohort_id, const FileUpload& file);
  /// sent -> withdrawn. Conflict when not sent.
  void Withdraw(const domain::Actor& actor, std::int64_t cohort_id);
  std::vector<domain::ApplicationSummary> ListMine(const domain::Actor& actor);
  /// One of the actor's own files with content; NotFound otherwise.
  FileDownload GetFile(const domain::Actor& actor, std::int64_t file_id);
  /// Deletes one of the actor's own files; Conflict after the deadline or when withdrawn.
  /// Returns the cohort id.
  std::int64_t DeleteFile(const domain::Actor& actor, std::int64_t file_id);

  // --- the person's data ----------------------------------------------------------------------
  PersonExport Export(const domain::Actor& actor);
  /// Throws unless the actor may delete the account now (see class comment).
  void CheckMayDeleteAccount(const domain::Actor& actor);
  /// Deletes the person with drafts, files and sessions.
  void DeleteAccount(const domain::Actor& actor);

  // --- trusted (demo data) ----------------------------------------------------------------------
  /// Creates each person (no password: they cannot log in) with the applicant grant and their
  /// application stored as sent at its `sent_at`, with files; all in one transaction, no checks
  /// beyond the form's types, no e-mail. Returns the application ids.
  std::vector<std::int64_t> ImportSentTrusted(std::int64_t cohort_id,
                                              const std::vector<SentImport>& imports);
  /// Stores a draft without checks; returns its id.
  std::int64_t SaveDraftTrusted(std::int64_t cohort_id, std::int64_t person_id,
                                const ApplicationInput& in);

 private:
  std::int64_t Now() const;

  storage::Database& db_;
  Mailer& mailer_;
  ApplicationSettings settings_;
  /// Saves and sends go through group commit: on SQLite concurrent applicants share fsyncs.
  storage::GroupCommit writes_{db_};
};

}  // namespace tp::services
