#pragma once
#include <optional>
#include <string>

#include "domain/accounts/actor.h"

namespace tp::services {

/// What the web layer needs to learn who is calling. Implemented by the accounts service.
class ActorResolver {
 public:
  virtual ~ActorResolver() = default;
  /// The actor of a live session (cookie "tp_session"); nullopt when unknown or expired.
  /// Refreshes the session's last-seen time. When the person's roles changed since the session
  /// began and `rotated_token` is given, the session is replaced: its new raw token is put
  /// there (the caller sends it as the cookie) and the old one stops working.
  virtual std::optional<domain::Actor> ResolveSession(const std::string& session_token,
                                                      std::string* rotated_token = nullptr) = 0;
  /// How long a session lasts without activity (the cookie's lifetime).
  virtual long SessionLifetimeHours() const = 0;
  /// The owner of a personal access token (Authorization: Bearer ...), carrying the owner's
  /// grants; nullopt when unknown or revoked.
  virtual std::optional<domain::Actor> ResolveApiToken(const std::string& token) = 0;
};

}  // namespace tp::services
