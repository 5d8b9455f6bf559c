#pragma once
#include <string>

namespace tp::app {

/// The OpenAPI 3 document for /api/v1: a common base (info, security, Problem and paging
/// schemas) merged with every embedded fragment api/openapi-<area>.json.
std::string BuildOpenApiDocument(const std::string& version, const std::string& public_url);

}  // namespace tp::app
