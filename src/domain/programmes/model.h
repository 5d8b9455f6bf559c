#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain/dates.h"
#include "domain/money.h"
#include "domain/programmes/rules.h"
#include "domain/programmes/structure.h"

/// The records of the programmes area as the services hand them out.
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

/// A gathering, study trip or employer seminar of a cohort.
struct Gathering {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::string title;
  GatheringKind kind = GatheringKind::kGathering;
  Date starts_on;
  Date ends_on;
  std::string location;
};

/// A Norwegian municipality from the 2024 reference list. Numbers are text ("0301").
struct Municipality {
  std::string number;
  std::string name;
  std::string county_number;
  std::string county_name;
  std::string other_name;  ///< the Norwegian form when `name` is Sámi or Kven; else empty
};

/// A public employer that takes part in programmes.
struct Employer {
  std::int64_t id = 0;
  std::string name;
  EmployerKind kind = EmployerKind::kMunicipality;
  std::string org_number;           ///< nine digits, normalised
  std::string municipality_number;  ///< empty when not set
  std::string municipality_name;    ///< joined from the reference list; empty when not set
  std::string address;
  std::string postal_code;
  std::string city;
  std::string invoice_contact_name;
  std::string invoice_contact_email;
  std::int64_t created_at = 0;
};

/// One changed field of an employer: who changed it, when, from what to what. Creation is
/// logged as changes from "".
struct EmployerChange {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  std::int64_t changed_by = 0;  ///< person id; 0 when the account is deleted or a tool did it
  std::string changed_by_name;
  std::int64_t changed_at = 0;  ///< unix seconds
  std::string field;            ///< the API's field name, e.g. "invoice_contact_email"
  std::string old_value;
  std::string new_value;
};

/// An employer's sign-up for a cohort.
struct Participation {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t employer_id = 0;
  std::string employer_name;        ///< joined
  std::string employer_org_number;  ///< joined
  std::string municipality_name;    ///< joined; may be empty
  int trainees_wanted = 0;
  std::string wanted_background;
  ParticipationStatus status = ParticipationStatus::kSignedUp;
  std::int64_t created_at = 0;
  std::string presentation;                   ///< the employer's text for the public advert
  std::string invoice_org_number;             ///< nine digits to invoice; empty when not given
  std::string buyer_reference;                ///< the municipality's reference for its invoices
  std::string buyer_reference_pattern;        ///< see MatchesBuyerReference; empty: any reference
  std::string decision_reason;                ///< the operator's reason when confirming/declining
  std::int64_t updated_at = 0;                ///< last change, unix seconds
  std::int64_t logo_updated_at = 0;           ///< 0 when there is no logo
  std::vector<std::int64_t> background_ids;   ///< wanted backgrounds from the operator's list
  std::vector<std::string> background_names;  ///< their names, same order
};

/// One entry of an operator's list of professional backgrounds (Ingeniørfag, Økonomi, ...).
struct Background {
  std::int64_t id = 0;
  std::int64_t operator_id = 0;
  std::string name;
  int position = 0;  ///< order in the list, ascending
  bool archived = false;
  std::int64_t created_at = 0;
};

/// An uploaded logo image.
struct Logo {
  std::string content_type;  ///< image/png, image/jpeg or image/webp
  std::string data;          ///< the bytes
  std::int64_t updated_at = 0;
};

/// A person employed as trainee by an employer in a cohort. Grants of the trainee, mentor and
/// supervisor roles are scoped to this record's id.
struct TraineeRecord {
  std::int64_t id = 0;
  std::int64_t cohort_id = 0;
  std::int64_t employer_id = 0;
  std::int64_t person_id = 0;
  std::int64_t created_at = 0;
};

}  // namespace tp::domain
