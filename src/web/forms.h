#pragma once
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "domain/errors.h"
#include "web/context.h"

namespace tp::web {

/// Adds the form convention keys to page data for a failed validation: "errors" (field ->
/// translated message, the first per field) and "error_list" for the summary (Views::Page
/// derives "has_errors" from it). The message of tp::Unavailable marks the page as a 503.
void AddErrors(Context& ctx, boost::json::object& data, const std::vector<FieldError>& errors);

/// A form field exactly as typed ("" when missing). Passwords are taken so: Context::Field
/// trims, which would change them.
std::string Raw(const Context& ctx, const std::string& name);

/// What the person typed in these fields, untrimmed, so an invalid form comes back exactly as
/// submitted (a missing field is "").
boost::json::object FormValues(const Context& ctx, const std::vector<std::string>& fields);

/// The file in the JSON body's base64 field `key` ("" when absent); tp::Invalid on that field
/// when it is not a string of valid base64.
std::string Base64Field(const boost::json::value& body, const char* key);

/// The string under `key`, or "" when absent or not a string.
std::string ValueOf(const boost::json::object& values, const char* key);

}  // namespace tp::web
