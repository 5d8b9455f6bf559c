#include "services/mail/mailer.h"

#include "storage/mail/outbox_repository.h"

namespace tp::services {

EmailContent Mailer::Render(const std::string& kind, const std::string& lang,
                            const std::map<std::string, std::string>& vars) const {
  if (renderer_) return renderer_(kind, lang, vars);
  return Plain(kind, vars);
}

EmailContent Mailer::Plain(const std::string& kind,
                           const std::map<std::string, std::string>& vars) {
  EmailContent out{kind, ""};
  for (const auto& [key, value] : vars) out.body += key + ": " + value + "\n";
  return out;
}

std::int64_t Mailer::Queue(storage::Tx& tx, const std::string& to_address, const std::string& lang,
                           const std::string& kind, const std::map<std::string, std::string>& vars,
                           std::int64_t now) const {
  EmailContent mail = Render(kind, lang, vars);
  return storage::OutboxRepository(tx).Enqueue(to_address, mail.subject, mail.body, kind, now);
}

}  // namespace tp::services
