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
  /// Refreshes the session's last-seen time.
  virtual std::optional<domain::Actor> ResolveSession(const std::string& session_token) = 0;
  /// The owner of a personal access token (Authorization: Bearer ...), carrying the owner's
  /// grants; nullopt when unknown or revoked.
  virtual std::optional<domain::Actor> ResolveApiToken(const std::string& token) = 0;
};

}  // namespace tp::services
