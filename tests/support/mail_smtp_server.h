#pragma once
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace tp::test {

/// A message as the test SMTP server received it, decoded for assertions.
struct ReceivedMail {
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  std::string raw;                             ///< as received (CRLF line ends)
  std::map<std::string, std::string> headers;  ///< unfolded, by lower-case name
  std::string subject;                         ///< RFC 2047 words decoded
  std::string body;                            ///< quoted-printable decoded, LF line ends
};

/// The local SMTP server of the tests (scripts/smtp-test-server.py, python3-aiosmtpd), which
/// writes every message it receives into a directory.
///
/// The default constructor uses the server of the test command (scripts/with-smtp.sh exports
/// TP_TEST_SMTP_PORT and TP_TEST_SMTP_DIR) and, when those are not set (a suite run by hand),
/// starts its own; either way a test that needs the server never skips. The other constructor
/// always starts a server of its own on `port`. Throws std::runtime_error when the server does
/// not come up. A server started here is stopped and its directory removed in the destructor.
class SmtpTestServer {
 public:
  SmtpTestServer();
  explicit SmtpTestServer(unsigned short port);
  ~SmtpTestServer();
  SmtpTestServer(const SmtpTestServer&) = delete;
  SmtpTestServer& operator=(const SmtpTestServer&) = delete;

  unsigned short port() const { return port_; }
  /// Messages received so far whose envelope recipients include `rcpt`, oldest first.
  std::vector<ReceivedMail> MessagesTo(const std::string& rcpt) const;

  /// A port on 127.0.0.1 that nothing listens on right now.
  static unsigned short FreePort();

 private:
  void Start(unsigned short port);

  unsigned short port_ = 0;
  std::string dir_;
  std::string own_workdir_;  ///< set when this object started the server
  pid_t pid_ = -1;
};

/// Decodes RFC 2047 encoded words (B and Q, UTF-8) in a header value.
std::string DecodeHeader(const std::string& value);
/// Decodes a quoted-printable body and turns CRLF into LF.
std::string DecodeQuotedPrintable(const std::string& text);

}  // namespace tp::test
