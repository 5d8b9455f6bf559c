#include "http/text.h"

#include <cstdint>
#include <optional>

namespace tp::http {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the well-formed UTF-8 sequence at text[i] and its code point, or 0 when the bytes
/// there do not start one (RFC 3629, table 3-7 of the Unicode standard).
std::size_t SequenceAt(std::string_view text, std::size_t i, char32_t& code_point) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range allowed for the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char c = byte(i + k);
    unsigned char min = k == 1 ? low : 0x80, max = k == 1 ? high : 0xBF;
    if (c < min || c > max) return 0;
    code_point = (code_point << 6) | (c & 0x3F);
  }
  return length;
}

bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F; }

/// Calls `each(bytes, code_point)` for every well-formed sequence of `text` in order, and
/// `each(byte, nullopt)` for every byte that does not start one.
template <typename Each>
void Decode(std::string_view text, Each&& each) {
  char32_t code_point = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = SequenceAt(text, i, code_point);
    if (n == 0) {
      each(text.substr(i, 1), std::optional<char32_t>());
      ++i;
    } else {
      each(text.substr(i, n), std::optional<char32_t>(code_point));
      i += n;
    }
  }
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  char32_t code_point = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = SequenceAt(text, i, code_point);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string ToValidUtf8(std::string_view text) {
  if (IsValidUtf8(text)) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  Decode(text, [&](std::string_view bytes, std::optional<char32_t> code_point) {
    out += code_point ? bytes : kReplacement;
  });
  return out;
}

bool IsCleanText(std::string_view text, bool allow_newline) {
  for (unsigned char c : text) {
    if (c == '\t' || (c == '\n' && allow_newline)) continue;
    if (IsControl(c)) return false;
  }
  return IsValidUtf8(text);
}

bool CleanInputText(std::string& text) {
  if (!IsValidUtf8(text)) return false;
  if (IsCleanText(text)) return true;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\v' || c == '\f') {
      out += '\n';
    } else if (c == '\t' || c == '\n' || !IsControl(static_cast<unsigned char>(c))) {
      out += c;
    }
  }
  text = std::move(out);
  return true;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  Decode(text, [&](std::string_view bytes, std::optional<char32_t> code_point) {
    if (!code_point) {
      out += kReplacement;
      return;
    }
    switch (*code_point) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";  // kept as a character reference, which parsers do not normalise away
        break;
      default:
        // XML 1.0 Char: no C0 control but tab and line feed (CR above), no U+FFFE or U+FFFF.
        if ((*code_point < 0x20 && *code_point != '\t' && *code_point != '\n') ||
            *code_point == 0xFFFE || *code_point == 0xFFFF)
          break;
        out += bytes;
    }
  });
  return out;
}

}  // namespace tp::http
