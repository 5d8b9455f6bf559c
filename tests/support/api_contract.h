#pragma once
#include <string>
#include <vector>

namespace tp::test {

/// Checks a JSON response of /api/v1 against the OpenAPI document the server publishes: the
/// operation (path template and method) must exist, the status must be documented (a problem
/// document under an undocumented error status is checked against the Problem schema), and the
/// body must match the response schema: required fields present, types right, no field the
/// schema does not name (objects without "properties" are free), enums, and the formats "date"
/// (ISO 8601, YYYY-MM-DD) and "date-time" (RFC 3339).
///
/// TestClient calls it on every response it receives, so every HTTP test checks the contract.
/// Returns the problems found, empty when the response keeps the contract.
std::vector<std::string> CheckApiContract(const std::string& method, const std::string& target,
                                          int status, const std::string& content_type,
                                          const std::string& body);

}  // namespace tp::test
