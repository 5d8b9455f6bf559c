#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain/dates.h"
#include "domain/money.h"
#include "domain/programmes/rules.h"
#include "domain/programmes/structure.h"

/// The records of the programmes area (operators, programmes, cohorts, goals and the
/// municipality reference list) as the services hand them out.
namespace tp::domain {

/// A programme operator (KS, or a regional network such as Tekniske Tjenester Romerike).
struct Operator {
  std::int64_t id = 0;
  std::string name;
  std::string short_name;  ///< e.g. "KS", "TTR"; may be empty
  OperatorKind kind = OperatorKind::kNational;
  std::int64_t created_at = 0;  ///< unix seconds
};

/// A trainee programme run by one operator; cohorts are its yearly intakes.
struct Programme {
  std::int64_t id = 0;
  std::int64_t operator_id = 0;
  std::string name;
  StructureTemplate structure = StructureTemplate::kNationalModel;
  std::string description;
  std::int64_t created_at = 0;
};

/// One intake of a programme (e.g. "Kull 5", "2013").
struct Cohort {
  std::int64_t id = 0;
  std::int64_t programme_id = 0;
  std::string name;
  Date signup_deadline;
  Date application_deadline;
  Date starts_on;
  Date ends_on;
  Money fee;  ///< per trainee for the whole programme
  std::int64_t created_at = 0;
};

/// A cohort with the names a list shows beside it.
struct CohortSummary {
  Cohort cohort;
  std::string programme_name;
  std::int64_t operator_id = 0;
  std::string operator_name;
};

/// One line of a cohort's ordered list of qualification goals.
struct QualificationGoal {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  int position = 0;  ///< 1-based
  std::string text;
};

/// A Norwegian municipality from the 2024 reference list. Numbers are text ("0301").
struct Municipality {
  std::string number;
  std::string name;
  std::string county_number;
  std::string county_name;
  std::string other_name;  ///< the Norwegian form when `name` is Sámi or Kven; else empty
};

}  // namespace tp::domain
