#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The records of the applications area (applicants' applications to a cohort) as the services
/// hand them out.
namespace tp::domain {

enum class ApplicationStatus { kDraft, kSent, kWithdrawn };
/// "draft", "sent", "withdrawn" (stored and used in the API).
std::string_view ApplicationStatusName(ApplicationStatus status);
std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view text);
/// English msgid for pages ("Draft", "Sent", "Withdrawn").
std::string ApplicationStatusLabel(ApplicationStatus status);

/// Degrees an education entry may have: "bachelor", "master", "phd", "vocational", "other".
const std::vector<std::string>& DegreeNames();
/// English msgid of a degree ("Bachelor's degree", ...).
std::string DegreeLabel(std::string_view degree);
/// Genders an applicant may state ("" = not stated): "female", "male", "other".
const std::vector<std::string>& GenderNames();
std::string GenderLabel(std::string_view gender);
/// Kinds of uploaded files: "cv", "diploma", "other".
const std::vector<std::string>& FileKindNames();
std::string FileKindLabel(std::string_view kind);

/// One education entry, in the applicant's order.
struct Education {
  std::int64_t id = 0;
  int position = 0;  ///< 1-based
  std::string degree;
  std::optional<std::int64_t> background_id;  ///< the operator's background; nullopt = "other"
  std::string background_name;                ///< for display; empty when none
  std::string field;                          ///< free text (e.g. "Samfunnsøkonomi")
  std::string institution;
  int year = 0;
};

/// One employer in the applicant's ordered list of wishes.
struct Preference {
  int position = 0;  ///< 1-based
  std::int64_t participation_id = 0;
  std::string employer_name;
};

/// Metadata of an uploaded PDF (the content is read separately).
struct ApplicationFile {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::string kind;
  std::string filename;
  std::int64_t size_bytes = 0;
  std::string sha256;  ///< hex
  std::int64_t created_at = 0;
};

/// An application to one cohort by one person.
struct Application {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t person_id = 0;
  ApplicationStatus status = ApplicationStatus::kDraft;
  std::string given_name;
  std::string family_name;
  std::string phone;
  std::string birth_date;  ///< ISO "YYYY-MM-DD" or empty
  std::string gender;      ///< "", "female", "male", "other"
  std::string address;
  std::string postal_code;
  std::string city;
  std::string municipality_number;  ///< empty when not chosen
  std::string municipality_name;    ///< for display
  std::string occupation;
  std::string experience;
  std::string motivation;
  bool public_list_opt_out = false;
  std::string opt_out_reason;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> sent_at;
  std::optional<std::int64_t> withdrawn_at;
  std::vector<Education> education;
  std::vector<Preference> preferences;
  std::vector<ApplicationFile> files;
};

/// An application as listed on "my applications", with its cohort.
struct ApplicationSummary {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::string cohort_name;
  std::string programme_name;
  std::string application_deadline;  ///< ISO
  ApplicationStatus status = ApplicationStatus::kDraft;
  std::int64_t updated_at = 0;
  std::optional<std::int64_t> sent_at;
};

}  // namespace tp::domain
