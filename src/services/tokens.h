#pragma once
#include <string>

namespace tp::services {

/// 32 random bytes from libsodium as base64url without padding (43 characters): session,
/// CSRF, API and one-time tokens. sodium_init() must have run.
std::string RandomToken();

}  // namespace tp::services
