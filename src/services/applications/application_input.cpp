// The form's parsing and the upload checks that the application service's use cases share.
#include <sodium.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "domain/accounts/rules.h"
#include "domain/applications/rules.h"
#include "domain/text.h"
#include "services/applications/application_internal.h"
#include "storage/programmes/programme_repositories.h"

namespace tp::services::applications_detail {
namespace {

using domain::Trim;

bool ParseInt(const std::string& text, long long& out) {
  if (text.empty() || text.size() > 18) return false;
  long long v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string CleanFilename(const std::string& name) {
  // Keep the last path component only; browsers on Windows may send a whole path.
  auto slash = name.find_last_of("/\\");
  std::string out = slash == std::string::npos ? name : name.substr(slash + 1);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '"'; }),
            out.end());
  return out.empty() ? "document.pdf" : out;
}

}  // namespace

void RequireApplicant(const domain::Actor& actor) {
  domain::RequireLogin(actor);
  if (!actor.Has(domain::Role::kApplicant, 0)) throw Forbidden("applicant role required");
}

std::string Lang(const std::string& lang) {
  return domain::IsSupportedLanguage(lang) && !lang.empty() ? lang : "nb";
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

CohortFacts LoadCohort(storage::Tx& tx, std::int64_t cohort_id) {
  auto c = storage::CohortRepository(tx).Find(cohort_id);
  if (!c) throw NotFound("no such cohort");
  auto p = storage::ProgrammeRepository(tx).Find(c->programme_id);
  if (!p) throw NotFound("no such programme");
  auto o = storage::OperatorRepository(tx).Find(p->operator_id);
  if (!o) throw NotFound("no such operator");
  return {*c, *p, *o};
}

domain::Application Parse(storage::Tx& tx, const ApplicationInput& in, const CohortFacts& facts,
                          domain::Date today, std::vector<std::int64_t>& preferences) {
  std::vector<FieldError> errors;
  domain::Application a;
  a.given_name = Trim(in.given_name);
  a.family_name = Trim(in.family_name);
  a.phone = Trim(in.phone);
  a.gender = Trim(in.gender);
  a.address = Trim(in.address);
  a.postal_code = Trim(in.postal_code);
  a.city = Trim(in.city);
  a.municipality_number = Trim(in.municipality_number);
  a.occupation = Trim(in.occupation);
  a.experience = Trim(in.experience);
  a.motivation = Trim(in.motivation);
  a.public_list_opt_out = in.public_list_opt_out;
  a.opt_out_reason = a.public_list_opt_out ? Trim(in.opt_out_reason) : "";
  const auto birth = Trim(in.birth_date);
  if (!birth.empty()) {
    if (auto d = domain::ParseFormDate(birth))
      a.birth_date = domain::FormatIso(*d);
    else
      errors.push_back({"birth_date", "Enter a date as dd.mm.yyyy."});
  }
  if (!a.municipality_number.empty()) {
    auto m = storage::MunicipalityRepository(tx).Find(a.municipality_number);
    if (!m)
      errors.push_back({"municipality_number", "Choose your home municipality."});
    else
      a.municipality_name = m->name;
  }
  storage::ApplicationRepository repo(tx);
  std::vector<storage::BackgroundChoice> backgrounds;
  bool backgrounds_loaded = false;
  int row = 0;
  for (const auto& e : in.education) {
    domain::Education ed;
    ed.degree = Trim(e.degree);
    ed.field = Trim(e.field);
    ed.institution = Trim(e.institution);
    const auto year = Trim(e.year);
    const auto background = Trim(e.background_id);
    if (ed.field.empty() && ed.institution.empty() && year.empty() && background.empty()) {
      continue;  // an empty row of the form
    }
    const std::string prefix = "education." + std::to_string(row) + ".";
    long long y = 0;
    if (!ParseInt(year, y))
      errors.push_back({prefix + "year", "Enter a year between 1950 and next year."});
    ed.year = static_cast<int>(y);
    if (!background.empty()) {
      if (!backgrounds_loaded) {
        backgrounds = repo.Backgrounds(facts.op.id);
        backgrounds_loaded = true;
      }
      long long id = 0;
      auto it = std::find_if(backgrounds.begin(), backgrounds.end(),
                             [&](const storage::BackgroundChoice& b) {
                               return ParseInt(background, id) && b.id == id;
                             });
      if (it == backgrounds.end()) {
        errors.push_back({prefix + "background_id", "Choose a field from the list."});
      } else {
        ed.background_id = it->id;
        ed.background_name = it->name;
      }
    }
    ed.position = ++row;
    a.education.push_back(std::move(ed));
  }
  if (!in.preferences.empty()) {
    auto offered = repo.ConfirmedEmployers(facts.cohort.id);
    std::set<std::int64_t> seen;
    for (const auto& text : in.preferences) {
      long long id = 0;
      const bool ok =
          ParseInt(Trim(text), id) &&
          std::any_of(offered.begin(), offered.end(),
                      [&](const storage::WishableEmployer& w) { return w.participation_id == id; });
      if (!ok) {
        errors.push_back({"preferences", "Choose employers from the list."});
        break;
      }
      if (!seen.insert(id).second) {
        errors.push_back({"preferences", "Each employer can be chosen once."});
        break;
      }
      preferences.push_back(id);
    }
  }
  for (auto& e : domain::CheckDraft(a, today)) {
    bool dup = std::any_of(errors.begin(), errors.end(),
                           [&](const FieldError& x) { return x.field == e.field; });
    if (!dup) errors.push_back(std::move(e));
  }
  if (!errors.empty()) throw Invalid(errors);
  return a;
}

std::optional<FieldError> CheckUpload(const FileUpload& f) {
  if (std::find(domain::FileKindNames().begin(), domain::FileKindNames().end(), f.kind) ==
      domain::FileKindNames().end())
    return FieldError{f.field, "Choose the kind of file."};
  auto problem = domain::CheckPdf(f.data);
  if (problem != domain::PdfProblem::kNone)
    return FieldError{f.field, domain::PdfProblemMessage(problem)};
  if (f.filename.size() > 255) return FieldError{f.field, "The file name is too long."};
  return std::nullopt;
}

std::int64_t StoreFile(storage::ApplicationRepository& repo, std::int64_t application_id,
                       const FileUpload& f, const std::string& sha256, std::int64_t now) {
  if (auto id = repo.AddFile(application_id, f.kind, CleanFilename(f.filename),
                             static_cast<std::int64_t>(f.data.size()), sha256, f.data, now))
    return id;
  for (const auto& held : repo.Files(application_id))
    if (held.kind == f.kind && held.sha256 == sha256) return held.id;
  throw std::logic_error("stored file not found");
}

bool HoldsFile(const std::optional<domain::Application>& a, const FileUpload& f,
               const std::string& sha256) {
  if (!a) return false;
  return std::any_of(a->files.begin(), a->files.end(), [&](const domain::ApplicationFile& held) {
    return held.kind == f.kind && held.sha256 == sha256;
  });
}

void RequireOpen(const CohortFacts& facts, std::int64_t now) {
  if (!domain::ApplicationsOpen(facts.cohort.application_deadline, domain::OsloDateAt(now)))
    throw Conflict("the application deadline has passed");
}

}  // namespace tp::services::applications_detail
