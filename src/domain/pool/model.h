#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The records and rules of registration, the applicant pool, prioritisation and offers.
namespace tp::domain::pool {

/// The operator's assessment of an application: "unassessed", "qualified", "not_qualified".
bool IsQualification(std::string_view s);
/// An employer's interview status: "none", "invited", "interviewed", "rejected".
bool IsInterviewStatus(std::string_view s);
/// English msgid of an interview status.
std::string InterviewLabel(std::string_view s);
/// English msgid of a qualification.
std::string QualificationLabel(std::string_view s);
/// Employment of an offer: "permanent" or "temporary".
bool IsEmployment(std::string_view s);
std::string EmploymentLabel(std::string_view s);
/// English msgid of an offer status ("open", "accepted", "declined", "closed", "withdrawn").
std::string OfferStatusLabel(std::string_view s);

inline constexpr int kDefaultProbationMonths = 6;
inline constexpr const char* kDefaultSalaryChapter = "HTA kap. 5";

/// A tag as stored: trimmed, inner whitespace collapsed, lower-cased (ASCII and Æ Ø Å);
/// nullopt when empty or longer than 40 bytes.
std::optional<std::string> NormaliseTag(std::string_view tag);
/// Name folded for duplicate detection: lower-cased (ASCII and Æ Ø Å É), whitespace and
/// hyphens collapsed to single spaces, trimmed.
std::string FoldName(std::string_view name);
/// Only the digits of a phone number, without a leading 0047/+47 country code.
std::string PhoneDigits(std::string_view phone);

/// The fields compared to find likely duplicates.
struct DuplicateKey {
  std::int64_t id = 0;
  std::string name;  ///< given + family name
  std::string birth_date;
  std::string phone;
  std::string email;
};
/// Same folded name and birth date (both non-empty), or same phone digits (at least 8), or the
/// same e-mail (case-insensitive).
bool LikelyDuplicates(const DuplicateKey& a, const DuplicateKey& b);

/// One row of the operator's list or an employer's pool.
struct ApplicationRow {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string given_name;
  std::string family_name;
  std::string email;
  std::string phone;
  std::string birth_date;
  std::string status;
  std::string qualification;
  std::string county;
  std::int64_t sent_at = 0;
  int year = 0;               ///< latest education year
  std::string degree;         ///< degree of the latest education
  std::string field;          ///< field of the latest education
  bool fits = false;          ///< pool: education in the employer's wanted backgrounds
  bool first_choice = false;  ///< pool: the employer is the applicant's first choice
  int priority = 0;           ///< pool: the employer's own priority (0 = none)
  std::vector<std::int64_t> duplicate_ids;  ///< operator list: likely duplicates
  std::string tags;                         ///< operator list: tags joined by ", "
};

struct Education {
  std::string degree;
  std::string background;
  std::string field;
  std::string institution;
  int year = 0;
};

struct Preference {
  int position = 0;
  std::int64_t participation_id = 0;
  std::string employer_name;
};

struct FileInfo {
  std::int64_t id = 0;
  std::string kind;
  std::string filename;
  std::int64_t size_bytes = 0;
};

/// Everything about one application.
struct Application {
  ApplicationRow row;
  std::int64_t cohort_id = 0;
  std::string gender;
  std::string address;
  std::string postal_code;
  std::string city;
  std::string municipality;
  std::string occupation;
  std::string experience;
  std::string motivation;
  std::string qualification_reason;
  std::vector<Education> education;
  std::vector<Preference> preferences;
  std::vector<FileInfo> files;
  std::vector<std::string> tags;
};

/// One employer's assessment of a candidate.
struct Assessment {
  int priority = 0;  ///< 0 = not prioritised
  std::string note;
  std::string interview = "none";
};

/// An offer of employment.
struct Offer {
  std::int64_t id = 0;
  std::int64_t application_id = 0;
  std::int64_t participation_id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t employer_id = 0;
  std::int64_t person_id = 0;
  std::string employer_name;
  std::string cohort_name;
  std::string candidate_name;
  std::string employment;
  int probation_months = kDefaultProbationMonths;
  std::string starts_on;  ///< ISO date
  std::string salary_chapter;
  std::string status;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t decided_at = 0;
};

/// Filters of the operator's list and the employer's pool. Empty / 0 = any.
struct Filter {
  std::string q;                   ///< full-text search
  std::int64_t background_id = 0;  ///< field
  std::string degree;
  int year = 0;
  std::string county;  ///< county number
  std::int64_t preferred_participation_id = 0;
  std::string status;  ///< "sent" or "withdrawn"; empty = both
  std::string qualification;
  std::string tag;
};

}  // namespace tp::domain::pool
