#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace tp::storage {
class Tx;
}

namespace tp::services {

/// Subject and plain-text body of an e-mail.
struct EmailContent {
  std::string subject;
  std::string body;
};

/// Renders an e-mail of `kind` (area and name, e.g. "accounts/invitation",
/// "applications/receipt") in `lang` ("nb", "nn", "en") with the given variables.
/// Installed by the web layer so the texts come from templates and catalogues.
using EmailRenderer = std::function<EmailContent(const std::string& kind, const std::string& lang,
                                                 const std::map<std::string, std::string>& vars)>;

/// Renders e-mails and queues them in the outbox table. Queue runs inside the caller's
/// transaction, so an e-mail exists exactly when the change that caused it is committed; the
/// delivery worker sends it later. Shared by every service that sends e-mail; the renderer is
/// set once at start-up, before any request.
class Mailer {
 public:
  void SetRenderer(EmailRenderer renderer) { renderer_ = std::move(renderer); }
  /// The fallback rendering: the kind as subject and "key: value" lines as body.
  static EmailContent Plain(const std::string& kind,
                            const std::map<std::string, std::string>& vars);
  /// The e-mail as it will be sent. Without a renderer: the kind as subject and the variables
  /// as body (enough for trusted tools and tests that build no web layer).
  EmailContent Render(const std::string& kind, const std::string& lang,
                      const std::map<std::string, std::string>& vars) const;
  /// Renders and queues a message to `to_address` for delivery at `now`; returns its id.
  std::int64_t Queue(storage::Tx& tx, const std::string& to_address, const std::string& lang,
                     const std::string& kind, const std::map<std::string, std::string>& vars,
                     std::int64_t now) const;

 private:
  EmailRenderer renderer_;
};

}  // namespace tp::services
