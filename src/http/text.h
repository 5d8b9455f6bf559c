#pragma once
#include <string>
#include <string_view>

/// The rules for text that crosses the boundary: what the server accepts from a request and what
/// it may write into a log line, an XML document or a header.
namespace tp::http {

/// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing
/// above U+10FFFF, no cut-off sequence.
bool IsValidUtf8(std::string_view text);

/// `text` with every ill-formed UTF-8 sequence replaced by U+FFFD, for logs and other output that
/// must stay valid whatever a client sent.
std::string ToValidUtf8(std::string_view text);

/// What a text input is reduced to at the boundary, or false when it is not valid UTF-8: line
/// breaks become "\n" (CRLF and a lone CR alike), vertical tab and form feed become "\n" (word
/// processors paste them as line breaks), and the other C0 control characters and DEL, which no
/// keyboard types, are removed. Tab is kept.
bool CleanInputText(std::string& text);

/// True when `text` needs no change by CleanInputText (valid UTF-8 and no control character but
/// tab and "\n"). For one-line values such as a query parameter, "\n" is refused too.
bool IsCleanText(std::string_view text, bool allow_newline = true);

/// Escapes text for XML character data and attribute values. Characters XML 1.0 does not allow
/// (C0 controls but tab and line breaks, U+FFFE, U+FFFF) are dropped and ill-formed UTF-8 becomes
/// U+FFFD, so the document stays well-formed whatever was stored.
std::string XmlEscape(std::string_view text);

}  // namespace tp::http
