#include "domain/accounts/rules.h"

#include <algorithm>
#include <cctype>

namespace tp::domain {
namespace {
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string Trim(std::string_view text) {
  std::size_t b = 0, e = text.size();
  while (b < e && IsSpace(text[b])) ++b;
  while (e > b && IsSpace(text[e - 1])) --e;
  return std::string(text.substr(b, e - b));
}
}  // namespace

std::string NormalizeEmail(std::string_view email) {
  std::string out = Trim(email);
  // Only ASCII is folded: internationalised local parts are compared byte for byte.
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string NormalizeName(std::string_view name) { return Trim(name); }

std::optional<std::string> CheckEmail(std::string_view email) {
  if (email.empty()) return "Enter an e-mail address.";
  if (email.size() > kMaxEmailLength) return "The e-mail address is too long.";
  if (std::any_of(email.begin(), email.end(), IsSpace)) return "Enter a valid e-mail address.";
  auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return "Enter a valid e-mail address.";
  auto local = email.substr(0, at);
  auto domain = email.substr(at + 1);
  if (local.empty() || domain.empty()) return "Enter a valid e-mail address.";
  auto dot = domain.find('.');
  if (dot == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return "Enter a valid e-mail address.";
  return std::nullopt;
}

long LoginDelaySeconds(long failures, long free_failures, long first_delay_seconds,
                       long max_delay_seconds) {
  if (failures < free_failures || max_delay_seconds <= 0) return 0;
  long delay = first_delay_seconds > 0 ? first_delay_seconds : 1;
  for (long i = free_failures; i < failures && delay < max_delay_seconds; ++i) delay *= 2;
  return delay < max_delay_seconds ? delay : max_delay_seconds;
}

std::optional<std::string> CheckPassword(std::string_view password) {
  // Count code points, not bytes, so "æøå" passwords are not favoured.
  std::size_t chars = 0;
  for (unsigned char c : password)
    if ((c & 0xC0) != 0x80) ++chars;
  if (chars < kMinPasswordLength) return "The password must have at least 10 characters.";
  if (std::all_of(password.begin(), password.end(),
                  [](unsigned char c) { return std::isdigit(c) != 0; }))
    return "The password cannot be only digits.";
  return std::nullopt;
}

std::optional<std::string> CheckPersonName(std::string_view name) {
  auto t = Trim(name);
  if (t.empty()) return "Enter a name.";
  if (t.size() > 200) return "The name is too long.";
  return std::nullopt;
}

bool IsSupportedLanguage(std::string_view lang) {
  return lang.empty() || lang == "nb" || lang == "nn" || lang == "en";
}

void AppendFieldProblem(std::vector<FieldError>& errors, const std::string& field,
                        const std::optional<std::string>& problem) {
  if (problem) errors.push_back({field, *problem});
}

bool IsAnyOperatorAdmin(const Actor& actor) { return actor.HasAny(Role::kOperatorAdmin); }

bool MayGrant(const Actor& actor, Role role, const ScopeFacts& facts) {
  if (actor.IsAnonymous() || !facts.exists) return false;
  if (actor.IsSystemAdmin()) return true;
  switch (role) {
    case Role::kSystemAdmin:
    case Role::kApplicant:
      return false;
    case Role::kOperatorAdmin:
    case Role::kOperatorStaff:
      return facts.operator_id && actor.Has(Role::kOperatorAdmin, *facts.operator_id);
    case Role::kCoordinator:
      // Employers are shared between operators, so any operator admin may name a coordinator.
      return IsAnyOperatorAdmin(actor);
    case Role::kMentor:
    case Role::kSupervisor:
    case Role::kTrainee:
      return facts.operator_id && actor.Has(Role::kOperatorAdmin, *facts.operator_id);
  }
  return false;
}

std::optional<ScopeRef> ParseScopeRef(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto kind = text.substr(0, colon);
  auto digits = text.substr(colon + 1);
  if (kind != "operator" && kind != "employer" && kind != "trainee") return std::nullopt;
  if (digits.empty() || digits.size() > 18) return std::nullopt;
  std::int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  if (id <= 0) return std::nullopt;
  return ScopeRef{std::string(kind), id};
}

std::string FormatScopeRef(std::string_view kind, std::int64_t id) {
  return std::string(kind) + ":" + std::to_string(id);
}

std::optional<std::int64_t> ScopeIdForRole(Role role, std::string_view text) {
  const auto kind = RoleScopeKind(role);
  if (kind.empty()) return text.empty() ? std::optional<std::int64_t>(0) : std::nullopt;
  auto ref = ParseScopeRef(text);
  if (!ref || ref->kind != kind) return std::nullopt;
  return ref->id;
}

}  // namespace tp::domain
