#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/applications/model.h"
#include "domain/dates.h"
#include "domain/errors.h"

/// Rules of the applications area: what a draft may hold, what a sent application must hold,
/// the PDF check and the deadline.
namespace tp::domain {

/// Largest uploaded file.
inline constexpr std::size_t kMaxApplicationFileBytes = 10u * 1024 * 1024;
/// Most education entries / files per application.
inline constexpr std::size_t kMaxEducationEntries = 20;
inline constexpr std::size_t kMaxApplicationFiles = 10;

enum class PdfProblem { kNone, kEmpty, kTooLarge, kNotPdf, kCutOff };
/// Checks an upload by content: it must start with "%PDF-" and have "%%EOF" in its last 1024
/// bytes (a file cut off in transfer has not), and be at most kMaxApplicationFileBytes.
PdfProblem CheckPdf(std::string_view data);
/// English msgid for a problem (empty for kNone).
std::string PdfProblemMessage(PdfProblem problem);

/// Problems an applicant can fix while drafting: types and lengths only (empty fields are fine).
/// Field names: given_name, family_name, birth_date, gender, phone, postal_code, ...,
/// "education.N.year" etc. (N 0-based), "opt_out_reason". `today` judges the birth date and year.
std::vector<FieldError> CheckDraft(const Application& a, Date today);
/// Everything CheckDraft checks, and what a sent application must have: names, birth date,
/// phone, address, postal code, city, municipality, motivation, at least one education entry
/// (field "education"), a CV (field "cv"; `has_cv`), a reason when opting out of the public list.
std::vector<FieldError> CheckForSending(const Application& a, bool has_cv, Date today);

/// True while applications may be sent and changed: the Oslo date `today` is on or before the
/// deadline (the whole deadline day counts).
bool ApplicationsOpen(Date deadline, Date today);

/// The text the full-text index covers: names, education (degree, field, institution),
/// occupation, experience and motivation, separated by newlines.
std::string ApplicationSearchText(const Application& a);

/// The reference number shown on receipts: "S" + the cohort id + "-" + the application id
/// zero-padded to six digits ("S12-000345").
std::string ApplicationReference(std::int64_t cohort_id, std::int64_t application_id);

/// Standard base64 (RFC 4648, with padding).
std::string Base64Encode(std::string_view data);
/// Inverse of Base64Encode; nullopt on a character outside the alphabet or a bad length.
/// Whitespace is skipped.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tp::domain
