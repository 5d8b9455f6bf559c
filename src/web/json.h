#pragma once
// The one place for JSON in the API: reading request bodies and writing the values every
// resource shares (instants, dates, optional numbers). Resources serialise themselves with
// these, so that every field keeps the README's promise: ISO 8601 dates, RFC 3339 times, codes.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/dates.h"

namespace tp::web::json_io {

// ------------------------------------------------------------------------------ request bodies

/// A field of a JSON object body as the text a form would carry: strings as they are, integers
/// in decimal, missing or null as "". Any other type becomes "\x01", a value no parser accepts,
/// so the field gets its usual error after the rights check.
std::string Text(const boost::json::value& body, const char* key);
/// An integer field, or `fallback` when missing or not an integer.
std::int64_t Int(const boost::json::value& body, const char* key, std::int64_t fallback);
/// A JSON array of ids (numbers or numeric strings) as text; a non-array or another element
/// type becomes "\x01" (see Text). Missing or null: empty.
std::vector<std::string> IdList(const boost::json::value& body, const char* key);
/// The body's fields as the same text values a form would carry (see Text).
boost::json::object Values(const boost::json::value& body, const std::vector<std::string>& fields);

// ------------------------------------------------------------------------------ response values

/// An instant (unix seconds) as an RFC 3339 time in UTC: "2026-06-05T12:30:00Z".
boost::json::value Instant(std::int64_t unix_seconds);
/// The same, or null.
boost::json::value Instant(const std::optional<std::int64_t>& unix_seconds);
/// A calendar date as ISO 8601 "2026-06-05", or null.
boost::json::value Date(const std::optional<domain::Date>& date);

}  // namespace tp::web::json_io
