#pragma once
#include <compare>
#include <optional>
#include <string>
#include <string_view>

/// Amounts of Norwegian kroner, held as whole øre so that arithmetic is exact.
namespace tp::domain {

/// An amount in NOK stored as integer øre (1 kr = 100 øre). May be negative (credit notes).
class Money {
 public:
  /// Zero.
  constexpr Money() = default;
  /// `ore` øre.
  static constexpr Money FromOre(long long ore) { return Money(ore); }
  /// `kroner` whole kroner.
  static constexpr Money FromKroner(long long kroner) { return Money(kroner * 100); }
  /// The amount in øre.
  constexpr long long ore() const { return ore_; }
  /// Whole kroner, truncated toward zero.
  constexpr long long kroner() const { return ore_ / 100; }

  constexpr Money operator+(Money other) const { return Money(ore_ + other.ore_); }
  constexpr Money operator-(Money other) const { return Money(ore_ - other.ore_); }
  /// Multiplies by a count (e.g. fee per trainee × trainees).
  constexpr Money operator*(long long count) const { return Money(ore_ * count); }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(long long ore) : ore_(ore) {}
  long long ore_ = 0;
};

/// Norwegian display form: "69 000 kr" with U+00A0 (no-break space) between groups of three and
/// before "kr"; øre appear as ",50" only when non-zero ("69 000,50 kr"); negatives start with "-".
std::string FormatNok(Money amount);

/// Parses what a person types: "69000", "69 000", "69 000 kr", "69000,50", "69.000", "kr 69 000",
/// "69000.50" (a dot followed by exactly one or two digits is a decimal point; otherwise a
/// thousands separator), ",-" suffix allowed ("69 000,-"). Spaces may be ASCII or U+00A0.
/// nullopt for empty, malformed or out-of-range input. Negative amounts are accepted with "-".
std::optional<Money> ParseNok(std::string_view text);

}  // namespace tp::domain
