#pragma once
#include "web/site.h"

namespace tp::services {
class MailService;
}

namespace tp::web {

/// Registers the e-mail pages (a person's own e-mails under /account/emails, the system
/// admin's outbox under /outbox with "send again") and the API (/api/v1/me/emails,
/// /api/v1/outbox). `mail` must outlive the routes.
void RegisterMailRoutes(Site& site, services::MailService& mail);

}  // namespace tp::web
