#include "domain/applications/rules.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "domain/applications/model.h"

namespace tp::domain {
namespace {

void Add(std::vector<FieldError>& errors, const std::string& field, const std::string& msgid) {
  for (const auto& e : errors)
    if (e.field == field) return;
  errors.push_back({field, msgid});
}

void MaxLength(std::vector<FieldError>& errors, const std::string& field, const std::string& v,
               std::size_t max) {
  if (v.size() > max) Add(errors, field, "The text is too long.");
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// Digits, spaces and one leading '+': "+47 912 34 567", "91234567".
bool PhoneShape(std::string_view s) {
  int digits = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '+' && i == 0)
      continue;
    else if (c != ' ' && c != '-')
      return false;
  }
  return digits >= 8 && digits <= 15;
}

}  // namespace

std::string_view ApplicationStatusName(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kDraft:
      return "draft";
    case ApplicationStatus::kSent:
      return "sent";
    case ApplicationStatus::kWithdrawn:
      return "withdrawn";
  }
  return "draft";
}

std::optional<ApplicationStatus> ParseApplicationStatus(std::string_view text) {
  if (text == "draft") return ApplicationStatus::kDraft;
  if (text == "sent") return ApplicationStatus::kSent;
  if (text == "withdrawn") return ApplicationStatus::kWithdrawn;
  return std::nullopt;
}

std::string ApplicationStatusLabel(ApplicationStatus status) {
  switch (status) {
    case ApplicationStatus::kDraft:
      return "Draft";
    case ApplicationStatus::kSent:
      return "Sent";
    case ApplicationStatus::kWithdrawn:
      return "Withdrawn";
  }
  return "Draft";
}

const std::vector<std::string>& DegreeNames() {
  static const std::vector<std::string> kNames = {"bachelor", "master", "phd", "vocational",
                                                  "other"};
  return kNames;
}

std::string DegreeLabel(std::string_view degree) {
  if (degree == "bachelor") return "Bachelor's degree";
  if (degree == "master") return "Master's degree";
  if (degree == "phd") return "PhD";
  if (degree == "vocational") return "Vocational college";
  return "Other education";
}

const std::vector<std::string>& GenderNames() {
  static const std::vector<std::string> kNames = {"female", "male", "other"};
  return kNames;
}

std::string GenderLabel(std::string_view gender) {
  if (gender == "female") return "Woman";
  if (gender == "male") return "Man";
  if (gender == "other") return "Other gender";
  return "Not stated";
}

const std::vector<std::string>& FileKindNames() {
  static const std::vector<std::string> kNames = {"cv", "diploma", "other"};
  return kNames;
}

std::string FileKindLabel(std::string_view kind) {
  if (kind == "cv") return "CV";
  if (kind == "diploma") return "Diploma";
  return "Other attachment";
}

PdfProblem CheckPdf(std::string_view data) {
  if (data.empty()) return PdfProblem::kEmpty;
  if (data.size() > kMaxApplicationFileBytes) return PdfProblem::kTooLarge;
  if (data.substr(0, 5) != "%PDF-") return PdfProblem::kNotPdf;
  const std::size_t tail = std::min<std::size_t>(data.size(), 1024);
  if (data.substr(data.size() - tail).find("%%EOF") == std::string_view::npos)
    return PdfProblem::kCutOff;
  return PdfProblem::kNone;
}

std::string PdfProblemMessage(PdfProblem problem) {
  switch (problem) {
    case PdfProblem::kNone:
      return "";
    case PdfProblem::kEmpty:
      return "The file is empty.";
    case PdfProblem::kTooLarge:
      return "The file is larger than 10 MB.";
    case PdfProblem::kNotPdf:
      return "The file is not a PDF.";
    case PdfProblem::kCutOff:
      return "The file is incomplete (cut off). Upload it again.";
  }
  return "";
}

std::vector<FieldError> CheckDraft(const Application& a, Date today) {
  std::vector<FieldError> e;
  MaxLength(e, "given_name", a.given_name, 100);
  MaxLength(e, "family_name", a.family_name, 100);
  MaxLength(e, "address", a.address, 200);
  MaxLength(e, "city", a.city, 100);
  MaxLength(e, "occupation", a.occupation, 200);
  MaxLength(e, "experience", a.experience, 10000);
  MaxLength(e, "motivation", a.motivation, 10000);
  MaxLength(e, "opt_out_reason", a.opt_out_reason, 2000);
  if (!a.birth_date.empty()) {
    auto d = ParseIsoDate(a.birth_date);
    if (!d) {
      Add(e, "birth_date", "Enter a date as dd.mm.yyyy.");
    } else {
      // Sane: between 15 and 80 years old.
      if (*d > AddMonths(today, -15 * 12) || *d < AddMonths(today, -80 * 12))
        Add(e, "birth_date", "Check the birth date.");
    }
  }
  if (!a.gender.empty() && !Contains(GenderNames(), a.gender)) Add(e, "gender", "Choose a gender.");
  if (!a.phone.empty() && !PhoneShape(a.phone))
    Add(e, "phone", "Enter a phone number with 8 to 15 digits.");
  if (!a.postal_code.empty() && (a.postal_code.size() != 4 || !AllDigits(a.postal_code)))
    Add(e, "postal_code", "Enter a postal code of four digits.");
  if (a.education.size() > kMaxEducationEntries) Add(e, "education", "Too many education entries.");
  for (std::size_t i = 0; i < a.education.size(); ++i) {
    const auto& ed = a.education[i];
    const std::string p = "education." + std::to_string(i) + ".";
    if (!Contains(DegreeNames(), ed.degree)) Add(e, p + "degree", "Choose a degree.");
    MaxLength(e, p + "field", ed.field, 200);
    MaxLength(e, p + "institution", ed.institution, 200);
    if (ed.year < 1950 || ed.year > today.year() + 1)
      Add(e, p + "year", "Enter a year between 1950 and next year.");
  }
  return e;
}

std::vector<FieldError> CheckForSending(const Application& a, bool has_cv, Date today) {
  std::vector<FieldError> e = CheckDraft(a, today);
  auto required = [&](const char* field, const std::string& v, const char* msgid) {
    if (v.empty()) Add(e, field, msgid);
  };
  required("given_name", a.given_name, "Enter your given name.");
  required("family_name", a.family_name, "Enter your family name.");
  required("birth_date", a.birth_date, "Enter your birth date.");
  required("phone", a.phone, "Enter a phone number.");
  required("address", a.address, "Enter your address.");
  required("postal_code", a.postal_code, "Enter a postal code of four digits.");
  required("city", a.city, "Enter a city.");
  required("municipality_number", a.municipality_number, "Choose your home municipality.");
  required("motivation", a.motivation, "Write a motivation letter.");
  if (a.education.empty()) Add(e, "education", "Add at least one education.");
  for (std::size_t i = 0; i < a.education.size(); ++i) {
    const std::string p = "education." + std::to_string(i) + ".";
    if (a.education[i].institution.empty()) Add(e, p + "institution", "Enter the institution.");
    if (a.education[i].field.empty() && !a.education[i].background_id)
      Add(e, p + "field", "Enter the field of study.");
  }
  if (!has_cv) Add(e, "cv", "Upload your CV as a PDF.");
  if (a.public_list_opt_out && a.opt_out_reason.empty())
    Add(e, "opt_out_reason", "Give a reason for being kept off the public list.");
  return e;
}

bool ApplicationsOpen(Date deadline, Date today) { return today <= deadline; }

std::string ApplicationSearchText(const Application& a) {
  std::string out = a.given_name + " " + a.family_name;
  for (const auto& ed : a.education) {
    out += "\n" + DegreeLabel(ed.degree) + " " + ed.background_name + " " + ed.field + " " +
           ed.institution;
  }
  out += "\n" + a.occupation + "\n" + a.experience + "\n" + a.motivation;
  return out;
}

std::string ApplicationReference(std::int64_t cohort_id, std::int64_t application_id) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "S%lld-%06lld", static_cast<long long>(cohort_id),
                static_cast<long long>(application_id));
  return buf;
}

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
}

std::string Base64Encode(std::string_view data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) |
                 static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = data.size() - i;
  if (rest == 1) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (rest == 2) {
    unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  static const std::array<int, 256> kIndex = [] {
    std::array<int, 256> t{};
    t.fill(-1);
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = i;
    return t;
  }();
  std::string out;
  out.reserve(text.size() / 4 * 3);
  unsigned buffer = 0;
  int bits = 0, count = 0, padding = 0;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c == '=') {
      ++padding;
      ++count;
      continue;
    }
    if (padding) return std::nullopt;  // data after padding
    int v = kIndex[static_cast<unsigned char>(c)];
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    ++count;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  if (count % 4 != 0 || padding > 2) return std::nullopt;
  return out;
}

}  // namespace tp::domain
