#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/dates.h"
#include "domain/programmes/model.h"
#include "web/site.h"

/// Helpers the web code of the programmes, signup and gatherings areas shares: ids and dates as
/// pages show them, <select> options, API bodies read as form text, the programme records as
/// JSON, and the pages every area renders the same way.
namespace tp::web::shared {

/// The id as text (URLs, form values).
std::string Id(std::int64_t id);
/// dd.mm.yyyy.
std::string NbDate(domain::Date d);
/// <option> list for a <select>: {value, label (translated), selected}.
boost::json::array Options(Context& ctx,
                           const std::vector<std::pair<std::string, std::string>>& choices,
                           const std::string& selected);
/// A field of an API body as the text a form would carry; a value of another type becomes text
/// no parser accepts, so the field gets its error.
std::string JsonText(const boost::json::value& body, const char* key);
/// The API body as the same text values a form would carry.
boost::json::object ApiValues(const boost::json::value& body,
                              const std::vector<std::string>& fields);
/// Every value of a repeated form field (checkboxes).
std::vector<std::string> FormList(const Context& ctx, const std::string& name);
/// A JSON array of ids (numbers or numeric strings) as text; anything else becomes a value no
/// parser accepts, so the field gets its error after the rights check.
std::vector<std::string> JsonIdList(const boost::json::value& body, const char* key);
/// 201 with the object and its Location.
http::Response Created(const boost::json::object& o, const std::string& location);

boost::json::object OperatorJson(const domain::Operator& o);
boost::json::object ProgrammeJson(const domain::Programme& p);
boost::json::object CohortJson(const domain::Cohort& c);

/// The page `page` (e.g. "signup/employers") with "saved" set after a redirect with ?saved=1.
http::Response AreaPage(const Views& views, Context& ctx, const std::string& page,
                        const std::string& title, boost::json::object data, int status = 200);
/// The "are you sure?" page of a delete: a form posting to `action`, a link back to `cancel`.
http::Response ConfirmPage(const Views& views, Context& ctx, const std::string& title,
                           const std::string& question, const std::string& subject,
                           const std::string& action, const std::string& cancel);

}  // namespace tp::web::shared
