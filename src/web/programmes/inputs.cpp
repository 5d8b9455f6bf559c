#include "web/programmes/inputs.h"

#include "web/forms.h"

namespace tp::web::programme_inputs {

namespace json = boost::json;

const std::vector<std::string> kOperatorFields{"name", "short_name", "kind"};
const std::vector<std::string> kProgrammeFields{"name", "structure", "description"};
const std::vector<std::string> kCohortFields{"name",      "signup_deadline", "application_deadline",
                                             "starts_on", "ends_on",         "fee"};

services::OperatorInput OperatorIn(const json::object& v) {
  return {ValueOf(v, "name"), ValueOf(v, "short_name"), ValueOf(v, "kind")};
}
services::ProgrammeInput ProgrammeIn(const json::object& v) {
  return {ValueOf(v, "name"), ValueOf(v, "structure"), ValueOf(v, "description")};
}
services::CohortInput CohortIn(const json::object& v) {
  return {
      ValueOf(v, "name"),      ValueOf(v, "signup_deadline"), ValueOf(v, "application_deadline"),
      ValueOf(v, "starts_on"), ValueOf(v, "ends_on"),         ValueOf(v, "fee")};
}

}  // namespace tp::web::programme_inputs
