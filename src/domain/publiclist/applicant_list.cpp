#include "domain/publiclist/applicant_list.h"

#include <algorithm>
#include <tuple>

namespace tp::domain {

std::string_view OptOutDecisionName(OptOutDecision d) {
  switch (d) {
    case OptOutDecision::kGranted:
      return "granted";
    case OptOutDecision::kRefused:
      return "refused";
    case OptOutDecision::kNone:
      break;
  }
  return "";
}

std::optional<OptOutDecision> ParseOptOutDecision(std::string_view text) {
  if (text.empty()) return OptOutDecision::kNone;
  if (text == "granted") return OptOutDecision::kGranted;
  if (text == "refused") return OptOutDecision::kRefused;
  return std::nullopt;
}

std::string OptOutDecisionLabel(OptOutDecision d) {
  switch (d) {
    case OptOutDecision::kGranted:
      return "Kept off the list";
    case OptOutDecision::kRefused:
      return "Will be listed";
    case OptOutDecision::kNone:
      break;
  }
  return "Awaiting decision";
}

std::optional<int> AgeOn(std::string_view birth_iso, Date on) {
  auto birth = ParseIsoDate(birth_iso);
  if (!birth || *birth > on) return std::nullopt;
  int age = on.year() - birth->year();
  if (on.month() * 100 + on.day() < birth->month() * 100 + birth->day()) --age;
  return age;
}

ApplicantList BuildApplicantList(const std::vector<Applicant>& applicants, Date deadline) {
  std::vector<const Applicant*> sorted;
  for (const auto& a : applicants) sorted.push_back(&a);
  std::stable_sort(sorted.begin(), sorted.end(), [](const Applicant* x, const Applicant* y) {
    return std::tie(x->family_name, x->given_name, x->application_id) <
           std::tie(y->family_name, y->given_name, y->application_id);
  });
  ApplicantList list;
  for (const Applicant* p : sorted) {
    const Applicant& a = *p;
    ++list.applicants;
    if (a.gender == "female")
      ++list.genders.female;
    else if (a.gender == "male")
      ++list.genders.male;
    else if (a.gender == "other")
      ++list.genders.other;
    else
      ++list.genders.unknown;
    if (a.opt_out_requested && a.decision == OptOutDecision::kGranted) {
      ++list.kept_off;
      continue;
    }
    if (a.opt_out_requested && a.decision == OptOutDecision::kNone) {
      ++list.awaiting_decision;
      continue;
    }
    ApplicantListLine line;
    line.application_id = a.application_id;
    line.name = a.given_name;
    if (!a.family_name.empty()) line.name += (line.name.empty() ? "" : " ") + a.family_name;
    line.age = AgeOn(a.birth_date, deadline);
    line.occupation = a.occupation;
    line.municipality_name = a.municipality_name;
    list.lines.push_back(std::move(line));
  }
  return list;
}

bool ApplicantListAvailable(Date application_deadline, Date oslo_today) {
  return oslo_today > application_deadline;
}

Date RetentionDueOn(Date hiring_closes_on, int retention_months) {
  return AddMonths(hiring_closes_on, retention_months);
}

}  // namespace tp::domain
