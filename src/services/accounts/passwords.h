#pragma once
#include <string>

/// Password and token hashing shared by every service that creates logins or sessions.
namespace tp::services {

/// argon2id hash in libsodium's string form. Throws std::runtime_error when out of memory.
std::string HashPassword(const std::string& password, unsigned long long opslimit,
                         unsigned long long memlimit);
/// True when `password` matches the argon2id `hash`.
bool VerifyPassword(const std::string& hash, const std::string& password);
/// BLAKE2b hash (hex) of a random token: what the database stores instead of the token.
std::string HashToken(const std::string& token);

}  // namespace tp::services
