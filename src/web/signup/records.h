#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "domain/signup/model.h"
#include "services/signup/signup_service.h"

/// The signup area's form fields, the service inputs made of their values (forms and API bodies
/// alike, see shared::ApiValues) and its records as JSON.
namespace tp::web::signup_records {

extern const std::vector<std::string> kEmployerFields;
extern const std::vector<std::string> kParticipationFields;

services::EmployerInput EmployerIn(const boost::json::object& v);
services::ParticipationInput ParticipationIn(const boost::json::object& v,
                                             std::vector<std::string> background_ids);
/// Whether the service refused because the sign-up deadline has passed.
bool IsDeadlineError(const Invalid& e);

/// The employer's details as the edit form's values (domain::EmployerFields).
boost::json::object EmployerValues(const domain::Employer& e);
boost::json::object EmployerJson(const domain::Employer& e);
boost::json::object EmployerChangeJson(const domain::EmployerChange& c);
boost::json::object ParticipationJson(const domain::Participation& p);
boost::json::object BackgroundJson(const domain::Background& b);

}  // namespace tp::web::signup_records
