#include "domain/programmes/structure.h"

namespace tp::domain {

std::string_view StructureTemplateName(StructureTemplate t) {
  switch (t) {
    case StructureTemplate::kNationalModel:
      return "national_model";
    case StructureTemplate::kRegionalThreePart:
      return "regional_three_part";
  }
  return "";
}

std::optional<StructureTemplate> ParseStructureTemplate(std::string_view name) {
  for (auto t : AllStructureTemplates())
    if (StructureTemplateName(t) == name) return t;
  return std::nullopt;
}

const std::vector<StructureTemplate>& AllStructureTemplates() {
  static const std::vector<StructureTemplate> all{StructureTemplate::kNationalModel,
                                                  StructureTemplate::kRegionalThreePart};
  return all;
}

std::string StructureTemplateLabel(StructureTemplate t) {
  switch (t) {
    case StructureTemplate::kNationalModel:
      return "National model (2–3 work periods)";
    case StructureTemplate::kRegionalThreePart:
      return "Regional three-part model (6 + 6 + 6 months)";
  }
  return "";
}

std::string StructureTemplateDescription(StructureTemplate t) {
  switch (t) {
    case StructureTemplate::kNationalModel:
      return "Two to three work periods at the employer or at another employer, each with its "
             "own supervisor, and optionally one period of at most two months at the operator.";
    case StructureTemplate::kRegionalThreePart:
      return "Part 1: six months at the host employer. Part 2: six months at another employer. "
             "Part 3: six months back at the host employer.";
  }
  return "";
}

std::vector<PlannedPeriod> DefaultPeriods(StructureTemplate t, Date start) {
  struct Part {
    PeriodPlace place;
    const char* title;
  };
  std::vector<Part> parts;
  if (t == StructureTemplate::kRegionalThreePart) {
    parts = {{PeriodPlace::kHostEmployer, "Part 1: the municipality's services and role"},
             {PeriodPlace::kOtherEmployer, "Part 2: processes and frameworks at another employer"},
             {PeriodPlace::kHostEmployer, "Part 3: skills in the assigned function"}};
  } else {
    parts = {{PeriodPlace::kEitherEmployer, "Work period 1"},
             {PeriodPlace::kEitherEmployer, "Work period 2"},
             {PeriodPlace::kEitherEmployer, "Work period 3"}};
  }
  std::vector<PlannedPeriod> out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    PlannedPeriod p;
    p.number = static_cast<int>(i) + 1;
    p.place = parts[i].place;
    // Offsets are taken from the programme start, not chained, so that clamping at a month end
    // (start on the 31st) does not drift the later periods.
    p.starts_on = AddMonths(start, static_cast<int>(i) * 6);
    p.ends_on = AddDays(AddMonths(start, static_cast<int>(i + 1) * 6), -1);
    p.title = parts[i].title;
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::string> CheckOperatorPeriod(int months) {
  std::vector<std::string> problems;
  if (months < 0) problems.emplace_back("The length cannot be negative.");
  if (months > kMaxOperatorPeriodMonths)
    problems.emplace_back("A period at the operator may last at most two months.");
  return problems;
}

std::vector<std::string> CheckOperatorPeriod(StructureTemplate t, int months) {
  auto problems = CheckOperatorPeriod(months);
  if (t == StructureTemplate::kRegionalThreePart && months > 0)
    problems.emplace_back("The regional three-part model has no period at the operator.");
  return problems;
}

std::vector<std::string> CheckWorkPeriodCount(StructureTemplate t, int count) {
  std::vector<std::string> problems;
  if (t == StructureTemplate::kNationalModel && (count < 2 || count > 3))
    problems.emplace_back("The national model has two or three work periods.");
  if (t == StructureTemplate::kRegionalThreePart && count != 3)
    problems.emplace_back("The regional three-part model has exactly three work periods.");
  return problems;
}

}  // namespace tp::domain
