#pragma once
#include <string>

#include "services/mail/mailer.h"

namespace tp::web {

class I18n;
class Views;

/// Splits a rendered e-mail template into subject (the first line) and body (everything after
/// the blank line that follows it). A template without a blank second line is all body, with
/// `fallback_subject` as subject.
services::EmailContent SplitEmail(const std::string& rendered, const std::string& fallback_subject);

/// Installs the template-based renderer on `mailer` (once, at start-up). An e-mail of kind
/// "area/name" renders templates/emails/area/name.mustache in the recipient's language: the
/// first line is the subject, then a blank line, then the plain-text body; {{#t}}..{{/t}} is
/// translated from the catalogues and {{{var}}} inserts a variable. A variable "roles" holding
/// stored role names separated by ", " is shown with the roles' translated names. A kind
/// without a template keeps the Mailer's plain fallback. `views` and `i18n` must outlive it.
void InstallEmailRenderer(services::Mailer& mailer, const Views& views, const I18n& i18n);

}  // namespace tp::web
