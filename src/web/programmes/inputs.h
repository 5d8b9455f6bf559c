#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "services/programmes/programme_service.h"

/// The programmes area's form fields and the service inputs made of their values (forms and
/// API bodies alike, see shared::ApiValues).
namespace tp::web::programme_inputs {

extern const std::vector<std::string> kOperatorFields;
extern const std::vector<std::string> kProgrammeFields;
extern const std::vector<std::string> kCohortFields;

services::OperatorInput OperatorIn(const boost::json::object& v);
services::ProgrammeInput ProgrammeIn(const boost::json::object& v);
services::CohortInput CohortIn(const boost::json::object& v);

}  // namespace tp::web::programme_inputs
