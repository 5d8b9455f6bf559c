#include "storage/publiclist/publiclist_repositories.h"

#include "storage/sql_helpers.h"

namespace tp::storage {

using sqlx::Cursor;
using sqlx::Exec;
using sqlx::Params;
using sqlx::Scalar;

std::vector<domain::Applicant> ApplicantListRepository::Sent(std::int64_t cohort_id,
                                                             std::int64_t employer_id) {
  std::string query =
      "SELECT a.id, a.given_name, a.family_name, a.birth_date, a.gender, a.occupation, "
      "COALESCE(m.name, ''), a.public_list_opt_out, a.opt_out_reason, a.opt_out_decision "
      "FROM applications a LEFT JOIN municipalities m ON m.number = a.municipality_number "
      "WHERE a.cohort_id = :cohort AND a.status = 'sent'";
  Params params;
  params.Int("cohort", cohort_id);
  if (employer_id != 0) {
    query +=
        " AND EXISTS (SELECT 1 FROM application_preferences ap JOIN participations p ON p.id = "
        "ap.participation_id WHERE ap.application_id = a.id AND p.employer_id = :employer)";
    params.Int("employer", employer_id);
  }
  query += " ORDER BY a.id";
  Cursor c(tx_, query, std::move(params), "ITTTTTTITT");
  std::vector<domain::Applicant> out;
  while (c.Next()) {
    domain::Applicant a;
    a.application_id = c.Int(0);
    a.given_name = c.Text(1);
    a.family_name = c.Text(2);
    a.birth_date = c.Text(3);
    a.gender = c.Text(4);
    a.occupation = c.Text(5);
    a.municipality_name = c.Text(6);
    a.opt_out_requested = c.Int(7) != 0;
    a.opt_out_reason = c.Text(8);
    a.decision = domain::ParseOptOutDecision(c.Text(9)).value_or(domain::OptOutDecision::kNone);
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<OptOutApplication> ApplicantListRepository::Find(std::int64_t application_id) {
  Cursor c(tx_,
           "SELECT a.id, a.cohort_id, a.status, a.public_list_opt_out, a.opt_out_decision, "
           "a.given_name, a.family_name, p.email, p.locale FROM applications a "
           "JOIN people p ON p.id = a.person_id WHERE a.id = :id",
           Params().Int("id", application_id), "IITITTTTT");
  if (!c.Next()) return std::nullopt;
  OptOutApplication a;
  a.id = c.Int(0);
  a.cohort_id = c.Int(1);
  a.status = c.Text(2);
  a.opt_out_requested = c.Int(3) != 0;
  a.decision = domain::ParseOptOutDecision(c.Text(4)).value_or(domain::OptOutDecision::kNone);
  a.given_name = c.Text(5);
  a.family_name = c.Text(6);
  a.email = c.Text(7);
  a.locale = c.Text(8);
  return a;
}

std::vector<std::int64_t> ApplicantListRepository::PreferredEmployers(std::int64_t application_id) {
  Cursor c(tx_,
           "SELECT p.employer_id FROM application_preferences ap JOIN participations p ON p.id = "
           "ap.participation_id WHERE ap.application_id = :id ORDER BY ap.position",
           Params().Int("id", application_id), "I");
  std::vector<std::int64_t> out;
  while (c.Next()) out.push_back(c.Int(0));
  return out;
}

void ApplicantListRepository::SetDecision(std::int64_t application_id,
                                          domain::OptOutDecision decision, std::int64_t now) {
  Exec(tx_,
       "UPDATE applications SET opt_out_decision = :decision, updated_at = :now WHERE id = :id",
       Params()
           .Text("decision", std::string(domain::OptOutDecisionName(decision)))
           .Int("now", now)
           .Int("id", application_id));
}

std::optional<RetentionSettings> RetentionRepository::Settings(std::int64_t cohort_id) {
  Cursor c(tx_, "SELECT hiring_closes_on, retention_months FROM cohorts WHERE id = :id",
           Params().Int("id", cohort_id), "TI");
  if (!c.Next()) return std::nullopt;
  return RetentionSettings{cohort_id, c.Text(0), static_cast<int>(c.Int(1))};
}

void RetentionRepository::UpdateSettings(const RetentionSettings& s) {
  Exec(tx_,
       "UPDATE cohorts SET hiring_closes_on = :closes, retention_months = :months WHERE id = :id",
       Params()
           .Text("closes", s.hiring_closes_on)
           .Int("months", s.retention_months)
           .Int("id", s.cohort_id));
}

std::vector<RetentionCandidate> RetentionRepository::NotHired(std::int64_t cohort_id) {
  std::string query =
      "SELECT a.id, a.cohort_id, a.status, a.given_name, a.family_name, c.hiring_closes_on, "
      "c.retention_months, "
      "(SELECT COUNT(*) FROM application_education e WHERE e.application_id = a.id), "
      "(SELECT COUNT(*) FROM application_preferences p WHERE p.application_id = a.id), "
      "(SELECT COUNT(*) FROM application_files f WHERE f.application_id = a.id), "
      "(SELECT COALESCE(SUM(f.size_bytes), 0) FROM application_files f "
      "WHERE f.application_id = a.id) "
      "FROM applications a JOIN cohorts c ON c.id = a.cohort_id "
      "WHERE c.hiring_closes_on <> '' AND NOT EXISTS (SELECT 1 FROM trainees t "
      "WHERE t.cohort_id = a.cohort_id AND t.person_id = a.person_id)";
  Params params;
  if (cohort_id != 0) {
    query += " AND a.cohort_id = :cohort";
    params.Int("cohort", cohort_id);
  }
  query += " ORDER BY a.cohort_id, a.id";
  Cursor c(tx_, query, std::move(params), "IITTTTIIIII");
  std::vector<RetentionCandidate> out;
  while (c.Next()) {
    RetentionCandidate r;
    r.application_id = c.Int(0);
    r.cohort_id = c.Int(1);
    r.status = c.Text(2);
    r.given_name = c.Text(3);
    r.family_name = c.Text(4);
    r.hiring_closes_on = c.Text(5);
    r.retention_months = static_cast<int>(c.Int(6));
    r.education_count = static_cast<long>(c.Int(7));
    r.preference_count = static_cast<long>(c.Int(8));
    r.file_count = static_cast<long>(c.Int(9));
    r.file_bytes = c.Int(10);
    out.push_back(std::move(r));
  }
  return out;
}

void RetentionRepository::DeleteApplication(std::int64_t application_id) {
  Exec(tx_, "DELETE FROM applications WHERE id = :id", Params().Int("id", application_id));
}

void RetentionRepository::Log(const RetentionLogEntry& e) {
  Exec(tx_,
       "INSERT INTO retention_log (cohort_id, application_id, deleted_at, status, due_on, "
       "education_count, preference_count, file_count, file_bytes) VALUES (:cohort, :application, "
       ":at, :status, :due, :education, :preferences, :files, :bytes)",
       Params()
           .Int("cohort", e.cohort_id)
           .Int("application", e.application_id)
           .Int("at", e.deleted_at)
           .Text("status", e.status)
           .Text("due", e.due_on)
           .Int("education", e.education_count)
           .Int("preferences", e.preference_count)
           .Int("files", e.file_count)
           .Int("bytes", e.file_bytes));
}

domain::PageResult<RetentionLogEntry> RetentionRepository::LogPage(
    std::int64_t cohort_id, const domain::PageRequest& page) {
  domain::PageResult<RetentionLogEntry> out;
  out.total =
      static_cast<long>(Scalar(tx_, "SELECT COUNT(*) FROM retention_log WHERE cohort_id = :c",
                               Params().Int("c", cohort_id)));
  Cursor c(tx_,
           "SELECT id, cohort_id, application_id, deleted_at, status, due_on, education_count, "
           "preference_count, file_count, file_bytes FROM retention_log WHERE cohort_id = :c "
           "ORDER BY deleted_at DESC, id DESC LIMIT :limit OFFSET :offset",
           Params().Int("c", cohort_id).Int("limit", page.per_page).Int("offset", page.Offset()),
           "IIIITTIIII");
  while (c.Next()) {
    RetentionLogEntry e;
    e.id = c.Int(0);
    e.cohort_id = c.Int(1);
    e.application_id = c.Int(2);
    e.deleted_at = c.Int(3);
    e.status = c.Text(4);
    e.due_on = c.Text(5);
    e.education_count = static_cast<long>(c.Int(6));
    e.preference_count = static_cast<long>(c.Int(7));
    e.file_count = static_cast<long>(c.Int(8));
    e.file_bytes = c.Int(9);
    out.items.push_back(std::move(e));
  }
  return out;
}

}  // namespace tp::storage
