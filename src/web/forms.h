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

}  // namespace tp::web
