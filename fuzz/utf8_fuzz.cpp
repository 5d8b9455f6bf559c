// libFuzzer target for the text rule: IsValidUtf8 must agree with Boost.Locale's decoder, and
// what ToValidUtf8, CleanInputText and XmlEscape produce must be valid text of their kind. Run by
// fuzz/run.sh.
#include <boost/locale/utf.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/text.h"

namespace utf = boost::locale::utf;

namespace {

bool ReferenceValid(std::string_view text) {
  auto it = text.begin();
  while (it != text.end()) {
    utf::code_point c = utf::utf_traits<char>::decode(it, text.end());
    if (c == utf::illegal || c == utf::incomplete) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const bool valid = tp::http::IsValidUtf8(input);
  if (valid != ReferenceValid(input)) __builtin_trap();

  const std::string repaired = tp::http::ToValidUtf8(input);
  if (!ReferenceValid(repaired)) __builtin_trap();
  if (valid && repaired != input) __builtin_trap();

  std::string cleaned(input);
  if (tp::http::CleanInputText(cleaned) != valid) __builtin_trap();
  if (valid) {
    if (!tp::http::IsCleanText(cleaned) || !ReferenceValid(cleaned)) __builtin_trap();
    for (unsigned char c : cleaned)
      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) __builtin_trap();
  }

  const std::string xml = tp::http::XmlEscape(input);
  if (!ReferenceValid(xml)) __builtin_trap();
  auto it = xml.cbegin();
  while (it != xml.cend()) {
    utf::code_point c = utf::utf_traits<char>::decode(it, xml.cend());
    const bool xml_char = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                          (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    if (!xml_char || c == '<' || c == '>' || c == '\r') __builtin_trap();
  }
  return 0;
}
