#include "domain/programmes/rules.h"

#include <array>
#include <utility>

namespace tp::domain {
namespace {

template <class E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [e, n] : table)
    if (n == name) return e;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, n] : table)
    if (e == value) return n;
  return "";
}

constexpr std::array<std::pair<OperatorKind, std::string_view>, 2> kOperatorKinds{{
    {OperatorKind::kNational, "national"},
    {OperatorKind::kRegional, "regional"},
}};
}  // namespace

std::string_view OperatorKindName(OperatorKind k) { return NameOf(kOperatorKinds, k); }
std::optional<OperatorKind> ParseOperatorKind(std::string_view n) {
  return Lookup(kOperatorKinds, n);
}

Date DefaultCohortEnd(Date starts_on) { return AddMonths(starts_on, kCohortMonths); }

std::vector<FieldError> CheckCohort(const CohortFacts& f) {
  std::vector<FieldError> errors;
  bool blank = true;
  for (char c : f.name)
    if (c != ' ' && c != '\t') blank = false;
  if (blank) errors.push_back({"name", "Enter a name."});
  if (!(f.signup_deadline < f.application_deadline))
    errors.push_back(
        {"signup_deadline", "The sign-up deadline must be before the application deadline."});
  if (!(f.application_deadline < f.starts_on))
    errors.push_back(
        {"application_deadline", "The application deadline must be before the start."});
  if (!(f.starts_on < f.ends_on)) errors.push_back({"ends_on", "The end must be after the start."});
  if (f.fee.ore() < 0) errors.push_back({"fee", "The fee cannot be negative."});
  return errors;
}

const std::vector<DefaultGoal>& DefaultQualificationGoals() {
  static const std::vector<DefaultGoal> goals{
      {"municipality_as_organisation",
       "God kunnskap om kommunen som åpen organisasjon og som velferdssamfunnets hovedaktør med "
       "unike oppgaver og roller."},
      {"ethics_and_governance",
       "God kunnskap om hvordan kommunen kan arbeide for å videreutvikle etikk, samfunnsansvar "
       "og «good governance»."},
      {"basic_tasks_in_field",
       "God kunnskap og erfaring med grunnleggende arbeidsoppgaver, lovgrunnlag og rutiner "
       "innenfor eget fagområde."},
      {"strategic_advice", "Evne til strategisk rådgivning innen eget fagområde."},
      {"political_cases", "Evne til å forberede strategisk viktige saker for politisk behandling."},
      {"projects", "Evne til å planlegge, delta i/lede, og sluttføre prosjekter."},
      {"innovation_reputation", "God kunnskap om innovative prosesser for omdømmebygging."},
      {"employer_policy",
       "God kunnskap om attraktiv arbeidsgiverpolitikk og ledelse av kommunen som "
       "kunnskapsorganisasjon i perspektiv av AGS 2020."},
      {"sector_conditions",
       "God forståelse av kommunesektorens rammebetingelser og utfordringer både i nasjonal, "
       "europeisk og global sammenheng."},
  };
  return goals;
}

}  // namespace tp::domain
