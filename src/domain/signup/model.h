#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/signup/rules.h"

/// The records of the signup area: employers, their sign-ups for cohorts, the operators'
/// background lists and the employers' logos.
namespace tp::domain {

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

/// The employer's editable details as (API field name, text) pairs, in the form's order: name,
/// kind, org_number, municipality_number, address, postal_code, city, invoice_contact_name,
/// invoice_contact_email. The one list behind the edit form's values and the change log.
std::vector<std::pair<std::string, std::string>> EmployerFields(const Employer& e);

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

}  // namespace tp::domain
