#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "web/context.h"

namespace tp::web {

/// Adds the form convention keys to page data for a failed validation: "errors" (field ->
/// translated message, the first per field) and "error_list" for the summary (Views::Page
/// derives "has_errors" from it).
void AddErrors(Context& ctx, boost::json::object& data, const std::vector<FieldError>& errors);

/// What the person typed in these fields, untrimmed, so an invalid form comes back exactly as
/// submitted (a missing field is "").
boost::json::object FormValues(const Context& ctx, const std::vector<std::string>& fields);

/// The string under `key`, or "" when absent or not a string.
std::string ValueOf(const boost::json::object& values, const char* key);

}  // namespace tp::web
