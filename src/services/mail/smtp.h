#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace tp::services {

/// How to reach the mail server.
struct SmtpSettings {
  std::string host = "127.0.0.1";
  unsigned short port = 25;
  std::string user;      ///< empty: no AUTH
  std::string password;  ///< with user
  std::string from = "traineeportal@localhost";
  /// "none" (plain SMTP), "starttls" (upgrade required; refuses to send without it) or "tls"
  /// (SMTPS, TLS from the first byte).
  std::string tls = "none";
  long timeout_seconds = 20;  ///< for connecting and for the whole conversation
};

/// An RFC 5322 message in plain UTF-8 text: Date, From, To, Subject (RFC 2047 encoded when not
/// plain ASCII), Message-ID, MIME-Version, Content-Type text/plain; charset=utf-8 and a
/// quoted-printable body, with CRLF line ends.
std::string BuildMessage(const std::string& from, const std::string& to, const std::string& subject,
                         const std::string& body, std::int64_t date_unix,
                         const std::string& message_id);

/// `text` as RFC 2047 encoded words ("=?UTF-8?B?...?=", folded) when it holds anything but
/// printable ASCII or is long; otherwise unchanged.
std::string EncodeHeaderWord(const std::string& text);

/// Quoted-printable (RFC 2045) with CRLF line ends and soft breaks before 76 characters.
std::string QuotedPrintable(const std::string& text);

/// Sends messages over SMTP with libcurl. Stateless apart from the settings; one connection per
/// message. Safe to use from one thread at a time per object.
class SmtpSender {
 public:
  explicit SmtpSender(SmtpSettings settings);
  /// Sends `message` (as built by BuildMessage) from settings.from to `to`. Returns nullopt on
  /// success, else a one-line description of the failure (curl's error and the server's reply).
  std::optional<std::string> Send(const std::string& to, const std::string& message) const;
  const SmtpSettings& settings() const { return settings_; }

 private:
  SmtpSettings settings_;
};

}  // namespace tp::services
