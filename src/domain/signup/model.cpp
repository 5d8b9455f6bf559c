#include "domain/signup/model.h"

namespace tp::domain {

std::vector<std::pair<std::string, std::string>> EmployerFields(const Employer& e) {
  return {{"name", e.name},
          {"kind", std::string(EmployerKindName(e.kind))},
          {"org_number", e.org_number},
          {"municipality_number", e.municipality_number},
          {"address", e.address},
          {"postal_code", e.postal_code},
          {"city", e.city},
          {"invoice_contact_name", e.invoice_contact_name},
          {"invoice_contact_email", e.invoice_contact_email}};
}

}  // namespace tp::domain
