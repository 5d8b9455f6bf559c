#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/dates.h"
#include "domain/errors.h"

/// Reading what a person typed into the input structs of the services: field errors collected
/// over a whole submission, lengths, dates and ids. Messages are English msgids.
namespace tp::services::input {

/// Collects field errors while parsing so one submission reports every problem at once.
class Errors {
 public:
  /// Adds an error for `field` (a field may get several).
  void Add(std::string field, std::string msgid);
  /// Adds those of `more` whose field has no error yet.
  void Merge(const std::vector<FieldError>& more);
  bool Has(const std::string& field) const;
  /// Throws tp::Invalid with every error collected, if any.
  void ThrowIfAny() const;

 private:
  std::vector<FieldError> list_;
};

/// Adds "The text is too long." for `field` when `value` has more than `max` bytes.
void CheckLength(Errors& errors, const std::string& field, const std::string& value,
                 std::size_t max);
/// A date as ISO or dd.mm.yyyy; adds an error (and returns nullopt) when empty or malformed.
std::optional<domain::Date> RequiredDate(Errors& errors, const std::string& field,
                                         const std::string& text);
/// A positive id typed as digits; 0 for anything else.
std::int64_t ParseId(const std::string& text);
/// A rough check of an e-mail address's shape (something@domain.tld, no spaces).
bool LooksLikeEmail(const std::string& s);
/// The system clock's unix time in seconds.
std::int64_t SystemNow();

}  // namespace tp::services::input
