#include "services/input.h"

#include <algorithm>
#include <chrono>

#include "domain/text.h"

namespace tp::services::input {

using domain::Trim;

void Errors::Add(std::string field, std::string msgid) {
  list_.push_back({std::move(field), std::move(msgid)});
}

void Errors::Merge(const std::vector<FieldError>& more) {
  for (const auto& e : more)
    if (!Has(e.field)) list_.push_back(e);
}

bool Errors::Has(const std::string& field) const {
  return std::any_of(list_.begin(), list_.end(),
                     [&](const FieldError& e) { return e.field == field; });
}

void Errors::ThrowIfAny() const {
  if (!list_.empty()) throw Invalid(list_);
}

void CheckLength(Errors& errors, const std::string& field, const std::string& value,
                 std::size_t max) {
  if (value.size() > max) errors.Add(field, "The text is too long.");
}

std::optional<domain::Date> RequiredDate(Errors& errors, const std::string& field,
                                         const std::string& text) {
  if (Trim(text).empty()) {
    errors.Add(field, "Enter a date.");
    return std::nullopt;
  }
  auto d = domain::ParseFormDate(text);
  if (!d) errors.Add(field, "Enter a date as dd.mm.yyyy.");
  return d;
}

std::int64_t ParseId(const std::string& text) {
  const std::string t = Trim(text);
  if (t.empty() || t.size() > 18 ||
      !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return 0;
  return std::stoll(t);
}

bool LooksLikeEmail(const std::string& s) {
  const auto at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('.', at) != std::string::npos &&
         s.find(' ') == std::string::npos && s.back() != '.';
}

std::int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tp::services::input
