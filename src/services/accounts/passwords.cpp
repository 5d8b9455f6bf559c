#include "services/accounts/passwords.h"

#include <sodium.h>

#include <stdexcept>

namespace tp::services {

std::string HashPassword(const std::string& password, unsigned long long opslimit,
                         unsigned long long memlimit) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), opslimit,
                        static_cast<std::size_t>(memlimit)) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string HashToken(const std::string& token) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace tp::services
