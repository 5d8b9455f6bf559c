#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/dates.h"

/// Rules of employers, their sign-up for a cohort and the public advert.
namespace tp::domain {

/// The public employers that take part.
enum class EmployerKind {
  kMunicipality,           ///< kommune
  kCountyMunicipality,     ///< fylkeskommune
  kMunicipalCompany,       ///< kommunalt foretak (KF)
  kInterMunicipalCompany,  ///< interkommunalt selskap (IKS), e.g. ROAF
};
/// "municipality", "county_municipality", "municipal_company", "inter_municipal_company".
std::string_view EmployerKindName(EmployerKind k);
std::optional<EmployerKind> ParseEmployerKind(std::string_view name);
const std::vector<EmployerKind>& AllEmployerKinds();
/// English msgid: "Municipality", "County municipality", ...
std::string EmployerKindLabel(EmployerKind k);

/// An employer's sign-up for a cohort.
enum class ParticipationStatus { kSignedUp, kConfirmed, kDeclined };
/// "signed_up" / "confirmed" / "declined".
std::string_view ParticipationStatusName(ParticipationStatus s);
std::optional<ParticipationStatus> ParseParticipationStatus(std::string_view name);
const std::vector<ParticipationStatus>& AllParticipationStatuses();
/// English msgid: "Signed up", "Confirmed", "Declined".
std::string ParticipationStatusLabel(ParticipationStatus s);

/// The backgrounds every operator starts with (Norwegian names, stored as data).
const std::vector<std::string_view>& DefaultBackgrounds();

/// True while employers may sign themselves up: up to and including the deadline day in Oslo.
bool SignupOpen(Date signup_deadline, Date oslo_today);

/// Whole days from `oslo_today` to `deadline` (0 on the day itself, negative after).
long long DaysUntil(Date deadline, Date oslo_today);

/// Buyer-reference patterns as municipalities state them on the sign-up form. Each character of
/// the pattern stands for one character of the reference:
///   '#' a digit 0-9, '@' a letter (A-Z, Æ, Ø, Å in either case), '?' a letter or a digit;
///   any other character must appear as written (letters compared without case).
/// "4010-######" accepts "4010-123456". An empty pattern accepts any reference.
inline constexpr std::size_t kMaxBuyerReferenceLength = 60;
/// A pattern is valid when it is at most kMaxBuyerReferenceLength characters and contains no
/// control characters.
bool IsValidBuyerReferencePattern(std::string_view pattern);
/// Whether `reference` follows `pattern` (see above). Both are UTF-8.
bool MatchesBuyerReference(std::string_view pattern, std::string_view reference);

/// The last second of `day` in Oslo as ISO 8601 with the offset in force then:
/// "2027-02-15T23:59:59+01:00" (deadlines end at the end of the day, Oslo time).
std::string OsloEndOfDayIso(Date day);
/// An instant as ISO 8601 UTC: "2026-11-23T10:15:00Z" (Atom feeds).
std::string IsoUtc(long long unix_seconds);

/// The image type by its first bytes: "image/png", "image/jpeg", "image/webp", or "" for
/// anything else.
std::string SniffImageType(std::string_view data);
/// Largest logo accepted (2 MB).
inline constexpr std::size_t kMaxLogoBytes = 2 * 1024 * 1024;

}  // namespace tp::domain
