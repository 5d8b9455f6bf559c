#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/paging.h"
#include "domain/pool/model.h"
#include "storage/database.h"

/// Repositories of registration, the applicant pool, prioritisation and offers. They work inside
/// the caller's transaction and check no rights.
namespace tp::storage {

/// An application written by trusted code (tests, demo, benchmark) with its education and
/// preferences; search_text is composed here the way the applicant portal composes it.
struct NewApplication {
  std::int64_t cohort_id = 0;
  std::int64_t person_id = 0;
  std::string status = "sent";
  std::string given_name;
  std::string family_name;
  std::string phone;
  std::string birth_date;
  std::string municipality_number;
  std::string experience;
  std::string motivation;
  std::string qualification = "unassessed";
  std::string qualification_reason;
  std::int64_t sent_at = 0;
  struct Edu {
    std::string degree;
    std::int64_t background_id = 0;
    std::string field;
    std::string institution;
    int year = 0;
  };
  std::vector<Edu> education;
  std::vector<std::int64_t> preferences;  ///< participation ids, first choice first
};

/// One employer's prioritised candidate in order.
struct PriorityRow {
  std::int64_t application_id = 0;
  int priority = 0;
  std::string name;
  std::string note;
  std::string interview;
};

class PoolRepository {
 public:
  explicit PoolRepository(Tx& tx) : tx_(tx) {}

  /// Trusted insert of a complete application; returns its id.
  std::int64_t InsertApplication(const NewApplication& a, std::int64_t now);
  /// Trusted insert of a stored file (content as raw bytes, stored as base64); returns its id.
  std::int64_t InsertFile(std::int64_t application_id, const std::string& kind,
                          const std::string& filename, const std::string& content,
                          std::int64_t now);

  /// cohorts.pool_released_at; nullopt when not released (or the cohort is unknown).
  std::optional<std::int64_t> PoolReleasedAt(std::int64_t cohort_id);
  void ReleasePool(std::int64_t cohort_id, std::int64_t now);

  /// The operator's list: sent and withdrawn applications of the cohort. Sort keys: "name"
  /// (default), "sent", "year", "status". Rows carry tags and, when `with_duplicates`, likely
  /// duplicates (e-mail compared as stored, i.e. normalised).
  domain::PageResult<domain::pool::ApplicationRow> List(std::int64_t cohort_id,
                                                        const domain::pool::Filter& filter,
                                                        const domain::PageRequest& page,
                                                        bool with_duplicates = true);
  /// An employer's pool: sent, qualified applications; those fitting the participation's wanted
  /// backgrounds first, then by the sort key ("name" default, "sent", "year").
  domain::PageResult<domain::pool::ApplicationRow> Pool(std::int64_t cohort_id,
                                                        std::int64_t participation_id,
                                                        const domain::pool::Filter& filter,
                                                        const domain::PageRequest& page);
  /// The application with education, preferences, files (without content) and tags.
  std::optional<domain::pool::Application> Find(std::int64_t id);
  /// File name and content of a file of that application; nullopt when there is none.
  std::optional<std::pair<std::string, std::string>> FileContent(std::int64_t application_id,
                                                                 std::int64_t file_id);
  /// Likely duplicates of the application within its cohort.
  std::vector<domain::pool::ApplicationRow> Duplicates(std::int64_t application_id);

  void SetQualification(std::int64_t id, const std::string& qualification,
                        const std::string& reason, std::int64_t now);
  /// False when the tag was already there.
  bool AddTag(std::int64_t application_id, const std::string& tag, std::int64_t now);
  bool RemoveTag(std::int64_t application_id, const std::string& tag);
  /// Tags in use in the cohort, sorted.
  std::vector<std::string> CohortTags(std::int64_t cohort_id);

  // Assessments -------------------------------------------------------------------------------
  domain::pool::Assessment GetAssessment(std::int64_t participation_id,
                                         std::int64_t application_id);
  void SaveAssessment(std::int64_t participation_id, std::int64_t application_id,
                      const std::string& note, const std::string& interview, std::int64_t now);
  /// Puts the candidate last in the employer's priority list (no change when already in it).
  void Prioritise(std::int64_t participation_id, std::int64_t application_id, std::int64_t now);
  /// Takes the candidate out of the list and closes the gap.
  void Unprioritise(std::int64_t participation_id, std::int64_t application_id);
  /// Swaps the candidate with its neighbour (delta -1 = up, +1 = down); false at the ends.
  bool Move(std::int64_t participation_id, std::int64_t application_id, int delta);
  std::vector<PriorityRow> Priorities(std::int64_t participation_id);
  /// Number of other participations that prioritised the candidate.
  long OtherPriorityCount(std::int64_t application_id, std::int64_t participation_id);

  // Offers ------------------------------------------------------------------------------------
  std::int64_t InsertOffer(const domain::pool::Offer& o, std::int64_t now);
  std::optional<domain::pool::Offer> FindOffer(std::int64_t id);
  std::vector<domain::pool::Offer> OffersForPerson(std::int64_t person_id);
  std::vector<domain::pool::Offer> OffersForParticipation(std::int64_t participation_id);
  std::vector<domain::pool::Offer> OffersForApplication(std::int64_t application_id);
  /// Moves an open offer to `status`; false when the offer is no longer open (the row is
  /// re-checked under its lock, so of two concurrent decisions one wins).
  bool SetOfferStatus(std::int64_t id, const std::string& status, std::int64_t now);
  /// Takes the write lock on the application's row when it is still sent; false otherwise
  /// (withdrawn meanwhile). Hiring and withdrawal thus see each other's outcome.
  bool LockSentApplication(std::int64_t application_id);
  bool HasAcceptedOffer(std::int64_t application_id);

  /// Name, operator and pool release of a cohort.
  struct CohortInfo {
    std::int64_t id = 0;
    std::string name;
    std::int64_t operator_id = 0;
    std::int64_t pool_released_at = 0;  ///< 0 = not released
  };
  std::optional<CohortInfo> Cohort(std::int64_t cohort_id);
  /// An employer's participation in a cohort.
  struct ParticipationInfo {
    std::int64_t id = 0;
    std::int64_t employer_id = 0;
    std::string employer_name;
    std::string status;
  };
  std::optional<ParticipationInfo> Participation(std::int64_t cohort_id, std::int64_t employer_id);
  /// Every participation of the cohort, ordered by employer name.
  std::vector<ParticipationInfo> Participations(std::int64_t cohort_id);
  /// Backgrounds of the cohort's operator: id and name, ordered by position and name.
  std::vector<std::pair<std::int64_t, std::string>> Backgrounds(std::int64_t operator_id);
  /// Counties of the municipality list: number and name, ordered by name.
  std::vector<std::pair<std::string, std::string>> Counties();
  /// True when the person already has a trainee record in the cohort.
  bool IsTrainee(std::int64_t cohort_id, std::int64_t person_id);

 private:
  std::vector<domain::pool::ApplicationRow> LoadRows(const std::vector<std::int64_t>& ids);
  Tx& tx_;
};

}  // namespace tp::storage
