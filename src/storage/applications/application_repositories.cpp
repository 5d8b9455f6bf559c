#include "storage/applications/application_repositories.h"

#include <stdexcept>

#include "storage/sql_helpers.h"

namespace tp::storage {
namespace {

using sqlx::Cursor;
using sqlx::Params;

std::optional<std::string> NullIfEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

std::optional<std::int64_t> NullIfZero(long long v) {
  if (v == 0) return std::nullopt;
  return v;
}

constexpr const char* kApplicationSelect =
    "SELECT a.id, a.cohort_id, a.person_id, a.status, a.given_name, a.family_name, a.phone, "
    "a.birth_date, a.gender, a.address, a.postal_code, a.city, a.municipality_number, m.name, "
    "a.occupation, a.experience, a.motivation, a.public_list_opt_out, a.opt_out_reason, "
    "a.created_at, a.updated_at, a.sent_at, a.withdrawn_at "
    "FROM applications a LEFT JOIN municipalities m ON m.number = a.municipality_number ";
constexpr const char* kApplicationTypes = "IIITTTTTTTTTTTTTTITIIII";

domain::Application ApplicationFrom(const Cursor& c) {
  domain::Application a;
  a.id = c.Int(0);
  a.cohort_id = c.Int(1);
  a.person_id = c.Int(2);
  a.status = domain::ParseApplicationStatus(c.Text(3)).value_or(domain::ApplicationStatus::kDraft);
  a.given_name = c.Text(4);
  a.family_name = c.Text(5);
  a.phone = c.Text(6);
  a.birth_date = c.Text(7);
  a.gender = c.Text(8);
  a.address = c.Text(9);
  a.postal_code = c.Text(10);
  a.city = c.Text(11);
  a.municipality_number = c.Text(12);
  a.municipality_name = c.Text(13);
  a.occupation = c.Text(14);
  a.experience = c.Text(15);
  a.motivation = c.Text(16);
  a.public_list_opt_out = c.Int(17) != 0;
  a.opt_out_reason = c.Text(18);
  a.created_at = c.Int(19);
  a.updated_at = c.Int(20);
  a.sent_at = NullIfZero(c.Int(21));
  a.withdrawn_at = NullIfZero(c.Int(22));
  return a;
}

constexpr const char* kFileColumns =
    "id, application_id, kind, filename, size_bytes, sha256, created_at";
domain::ApplicationFile FileFrom(const Cursor& c) {
  return {c.Int(0), c.Int(1), c.Text(2), c.Text(3), c.Int(4), c.Text(5), c.Int(6)};
}

}  // namespace

// === ApplicationRepository ======================================================================

void ApplicationRepository::LoadChildren(domain::Application& a) {
  {
    Cursor c(tx_,
             "SELECT e.id, e.position, e.degree, e.background_id, b.name, e.field, e.institution, "
             "e.year FROM application_education e LEFT JOIN backgrounds b ON b.id = "
             "e.background_id WHERE e.application_id = :id ORDER BY e.position, e.id",
             Params().Int("id", a.id), "IITITTTI");
    while (c.Next()) {
      domain::Education e;
      e.id = c.Int(0);
      e.position = static_cast<int>(c.Int(1));
      e.degree = c.Text(2);
      e.background_id = NullIfZero(c.Int(3));
      e.background_name = c.Text(4);
      e.field = c.Text(5);
      e.institution = c.Text(6);
      e.year = static_cast<int>(c.Int(7));
      a.education.push_back(std::move(e));
    }
  }
  {
    Cursor c(tx_,
             "SELECT p.position, p.participation_id, e.name FROM application_preferences p "
             "JOIN participations pa ON pa.id = p.participation_id "
             "JOIN employers e ON e.id = pa.employer_id "
             "WHERE p.application_id = :id ORDER BY p.position",
             Params().Int("id", a.id), "IIT");
    while (c.Next()) a.preferences.push_back({static_cast<int>(c.Int(0)), c.Int(1), c.Text(2)});
  }
  a.files = Files(a.id);
}

std::optional<domain::Application> ApplicationRepository::Find(std::int64_t cohort_id,
                                                               std::int64_t person_id) {
  std::optional<domain::Application> out;
  {
    Cursor c(
        tx_,
        std::string(kApplicationSelect) + "WHERE a.cohort_id = :cohort AND a.person_id = :person",
        Params().Int("cohort", cohort_id).Int("person", person_id), kApplicationTypes);
    if (c.Next()) out = ApplicationFrom(c);
  }
  if (out) LoadChildren(*out);
  return out;
}

std::optional<domain::Application> ApplicationRepository::FindById(std::int64_t id) {
  std::optional<domain::Application> out;
  {
    Cursor c(tx_, std::string(kApplicationSelect) + "WHERE a.id = :id", Params().Int("id", id),
             kApplicationTypes);
    if (c.Next()) out = ApplicationFrom(c);
  }
  if (out) LoadChildren(*out);
  return out;
}

std::int64_t ApplicationRepository::Ensure(std::int64_t cohort_id, std::int64_t person_id,
                                           std::int64_t now) {
  sqlx::Exec(tx_,
             "INSERT INTO applications (cohort_id, person_id, created_at, updated_at) "
             "VALUES (:cohort, :person, :created, :updated) "
             "ON CONFLICT (cohort_id, person_id) DO NOTHING",
             Params()
                 .Int("cohort", cohort_id)
                 .Int("person", person_id)
                 .Int("created", now)
                 .Int("updated", now));
  return sqlx::Scalar(tx_,
                      "SELECT id FROM applications WHERE cohort_id = :cohort AND person_id = "
                      ":person",
                      Params().Int("cohort", cohort_id).Int("person", person_id));
}

void ApplicationRepository::Update(const domain::Application& a,
                                   const std::vector<std::int64_t>& preferences,
                                   const std::string& search_text, std::int64_t now) {
  ReplaceEducation(a.id, a.education);
  ReplacePreferences(a.id, preferences);
  sqlx::Exec(tx_,
             "UPDATE applications SET given_name = :given_name, family_name = :family_name, "
             "phone = :phone, birth_date = :birth_date, gender = :gender, address = :address, "
             "postal_code = :postal_code, city = :city, municipality_number = :municipality, "
             "occupation = :occupation, experience = :experience, motivation = :motivation, "
             "public_list_opt_out = :opt_out, opt_out_reason = :reason, "
             "search_text = :search_text, updated_at = :now WHERE id = :id",
             Params()
                 .Text("given_name", a.given_name)
                 .Text("family_name", a.family_name)
                 .Text("phone", a.phone)
                 .Text("birth_date", a.birth_date)
                 .Text("gender", a.gender)
                 .Text("address", a.address)
                 .Text("postal_code", a.postal_code)
                 .Text("city", a.city)
                 .OptionalText("municipality", NullIfEmpty(a.municipality_number))
                 .Text("occupation", a.occupation)
                 .Text("experience", a.experience)
                 .Text("motivation", a.motivation)
                 .Int("opt_out", a.public_list_opt_out ? 1 : 0)
                 .Text("reason", a.opt_out_reason)
                 .Text("search_text", search_text)
                 .Int("now", now)
                 .Int("id", a.id));
}

void ApplicationRepository::ReplaceEducation(std::int64_t application_id,
                                             const std::vector<domain::Education>& list) {
  sqlx::Exec(tx_, "DELETE FROM application_education WHERE application_id = :id",
             Params().Int("id", application_id));
  int position = 0;
  for (const auto& e : list) {
    ++position;
    sqlx::Exec(tx_,
               "INSERT INTO application_education (application_id, position, degree, "
               "background_id, field, institution, year) VALUES (:app, :position, :degree, "
               "CAST(:background AS BIGINT), :field, :institution, :year)",
               Params()
                   .Int("app", application_id)
                   .Int("position", position)
                   .Text("degree", e.degree)
                   .OptionalText("background",
                                 e.background_id
                                     ? std::optional<std::string>(std::to_string(*e.background_id))
                                     : std::nullopt)
                   .Text("field", e.field)
                   .Text("institution", e.institution)
                   .Int("year", e.year));
  }
}

void ApplicationRepository::ReplacePreferences(std::int64_t application_id,
                                               const std::vector<std::int64_t>& participation_ids) {
  sqlx::Exec(tx_, "DELETE FROM application_preferences WHERE application_id = :id",
             Params().Int("id", application_id));
  int position = 0;
  for (auto pid : participation_ids) {
    ++position;
    sqlx::Exec(
        tx_,
        "INSERT INTO application_preferences (application_id, position, participation_id) "
        "VALUES (:app, :position, :participation)",
        Params().Int("app", application_id).Int("position", position).Int("participation", pid));
  }
}

bool ApplicationRepository::MarkSent(std::int64_t id, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "UPDATE applications SET status = 'sent', sent_at = :now, updated_at = "
                    ":updated WHERE id = :id AND status = 'draft'",
                    Params().Int("now", now).Int("updated", now).Int("id", id)) == 1;
}

bool ApplicationRepository::MarkWithdrawn(std::int64_t id, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "UPDATE applications SET status = 'withdrawn', withdrawn_at = :now, "
                    "updated_at = :updated WHERE id = :id AND status = 'sent'",
                    Params().Int("now", now).Int("updated", now).Int("id", id)) == 1;
}

void ApplicationRepository::SetSentAt(std::int64_t id, std::int64_t sent_at) {
  sqlx::Exec(
      tx_,
      "UPDATE applications SET status = 'sent', sent_at = :sent, created_at = :created, "
      "updated_at = :updated WHERE id = :id",
      Params().Int("sent", sent_at).Int("created", sent_at).Int("updated", sent_at).Int("id", id));
}

std::vector<domain::ApplicationSummary> ApplicationRepository::ListForPerson(
    std::int64_t person_id) {
  std::vector<domain::ApplicationSummary> out;
  Cursor c(tx_,
           "SELECT a.id, a.cohort_id, c.name, p.name, c.application_deadline, a.status, "
           "a.updated_at, a.sent_at FROM applications a JOIN cohorts c ON c.id = a.cohort_id "
           "JOIN programmes p ON p.id = c.programme_id WHERE a.person_id = :person "
           "ORDER BY c.application_deadline DESC, a.id DESC",
           Params().Int("person", person_id), "IITTTTII");
  while (c.Next()) {
    domain::ApplicationSummary s;
    s.id = c.Int(0);
    s.cohort_id = c.Int(1);
    s.cohort_name = c.Text(2);
    s.programme_name = c.Text(3);
    s.application_deadline = c.Text(4);
    s.status =
        domain::ParseApplicationStatus(c.Text(5)).value_or(domain::ApplicationStatus::kDraft);
    s.updated_at = c.Int(6);
    s.sent_at = NullIfZero(c.Int(7));
    out.push_back(std::move(s));
  }
  return out;
}

long ApplicationRepository::CountSubmittedForPerson(std::int64_t person_id) {
  return static_cast<long>(sqlx::Scalar(
      tx_, "SELECT COUNT(*) FROM applications WHERE person_id = :person AND status <> 'draft'",
      Params().Int("person", person_id)));
}

void ApplicationRepository::DeleteForPerson(std::int64_t person_id) {
  sqlx::Exec(tx_, "DELETE FROM applications WHERE person_id = :person",
             Params().Int("person", person_id));
}

std::int64_t ApplicationRepository::AddFile(std::int64_t application_id, const std::string& kind,
                                            const std::string& filename, std::int64_t size_bytes,
                                            const std::string& sha256, const std::string& content,
                                            std::int64_t now) {
  // The unique index on (application_id, kind, sha256) makes a re-posted upload, also one
  // from another app server at the same moment, a no-op.
  Cursor c(tx_,
           "INSERT INTO application_files (application_id, kind, filename, size_bytes, sha256, "
           "content, created_at) VALUES (:app, :kind, :filename, :size, :sha256, :content, :now) "
           "ON CONFLICT (application_id, kind, sha256) DO NOTHING RETURNING id",
           Params()
               .Int("app", application_id)
               .Text("kind", kind)
               .Text("filename", filename)
               .Int("size", size_bytes)
               .Text("sha256", sha256)
               .Bytes("content", content)
               .Int("now", now),
           "I");
  return c.Next() ? c.Int(0) : 0;
}

std::vector<domain::ApplicationFile> ApplicationRepository::Files(std::int64_t application_id) {
  std::vector<domain::ApplicationFile> out;
  Cursor c(tx_,
           std::string("SELECT ") + kFileColumns +
               " FROM application_files WHERE application_id = :app ORDER BY created_at, id",
           Params().Int("app", application_id), "IITTITI");
  while (c.Next()) out.push_back(FileFrom(c));
  return out;
}

std::optional<domain::ApplicationFile> ApplicationRepository::FindFile(std::int64_t file_id) {
  Cursor c(tx_, std::string("SELECT ") + kFileColumns + " FROM application_files WHERE id = :id",
           Params().Int("id", file_id), "IITTITI");
  if (!c.Next()) return std::nullopt;
  return FileFrom(c);
}

std::string ApplicationRepository::FileContent(std::int64_t file_id) {
  Cursor c(tx_, "SELECT content FROM application_files WHERE id = :id", Params().Int("id", file_id),
           "B");
  if (!c.Next()) throw std::runtime_error("file vanished: " + std::to_string(file_id));
  return c.Bytes(0);
}

void ApplicationRepository::DeleteFile(std::int64_t file_id) {
  sqlx::Exec(tx_, "DELETE FROM application_files WHERE id = :id", Params().Int("id", file_id));
}

long ApplicationRepository::CountFiles(std::int64_t application_id, const std::string& kind) {
  return static_cast<long>(sqlx::Scalar(
      tx_, "SELECT COUNT(*) FROM application_files WHERE application_id = :app AND kind = :kind",
      Params().Int("app", application_id).Text("kind", kind)));
}

std::vector<BackgroundChoice> ApplicationRepository::Backgrounds(std::int64_t operator_id) {
  std::vector<BackgroundChoice> out;
  Cursor c(tx_,
           "SELECT id, name FROM backgrounds WHERE operator_id = :op AND archived = 0 "
           "ORDER BY position, name, id",
           Params().Int("op", operator_id), "IT");
  while (c.Next()) out.push_back({c.Int(0), c.Text(1)});
  return out;
}

std::vector<WishableEmployer> ApplicationRepository::ConfirmedEmployers(std::int64_t cohort_id) {
  std::vector<WishableEmployer> out;
  Cursor c(tx_,
           "SELECT pa.id, e.name, m.name FROM participations pa "
           "JOIN employers e ON e.id = pa.employer_id "
           "LEFT JOIN municipalities m ON m.number = e.municipality_number "
           "WHERE pa.cohort_id = :cohort AND pa.status = 'confirmed' ORDER BY e.name, pa.id",
           Params().Int("cohort", cohort_id), "ITT");
  while (c.Next()) out.push_back({c.Int(0), c.Text(1), c.Text(2)});
  return out;
}

// === RegistrationRepository =====================================================================

std::int64_t RegistrationRepository::Insert(const Registration& r, const std::string& token_hash,
                                            std::int64_t now) {
  return sqlx::Scalar(tx_,
                      "INSERT INTO applicant_registrations (email, name, password_hash, lang, "
                      "token_hash, created_at, expires_at) VALUES (:email, :name, :hash, :lang, "
                      ":token, :now, :expires) RETURNING id",
                      Params()
                          .Text("email", r.email)
                          .Text("name", r.name)
                          .Text("hash", r.password_hash)
                          .Text("lang", r.lang)
                          .Text("token", token_hash)
                          .Int("now", now)
                          .Int("expires", r.expires_at));
}

std::optional<Registration> RegistrationRepository::FindByTokenHash(const std::string& token_hash) {
  Cursor c(tx_,
           "SELECT id, email, name, password_hash, lang, expires_at, used_at FROM "
           "applicant_registrations WHERE token_hash = :token",
           Params().Text("token", token_hash), "ITTTTII");
  if (!c.Next()) return std::nullopt;
  return Registration{c.Int(0),  c.Text(1), c.Text(2),           c.Text(3),
                      c.Text(4), c.Int(5),  NullIfZero(c.Int(6))};
}

long RegistrationRepository::CountSince(const std::string& email, std::int64_t since) {
  return static_cast<long>(sqlx::Scalar(tx_,
                                        "SELECT COUNT(*) FROM applicant_registrations WHERE email "
                                        "= :email AND created_at >= :since",
                                        Params().Text("email", email).Int("since", since)));
}

bool RegistrationRepository::MarkUsed(std::int64_t id, std::int64_t now) {
  return sqlx::Exec(tx_,
                    "UPDATE applicant_registrations SET used_at = :now WHERE id = :id AND "
                    "used_at IS NULL",
                    Params().Int("now", now).Int("id", id)) == 1;
}

void RegistrationRepository::DeleteForEmail(const std::string& email) {
  sqlx::Exec(tx_, "DELETE FROM applicant_registrations WHERE email = :email",
             Params().Text("email", email));
}

void RegistrationRepository::DeletePerson(std::int64_t person_id) {
  sqlx::Exec(tx_, "DELETE FROM people WHERE id = :id", Params().Int("id", person_id));
}

}  // namespace tp::storage
