// libFuzzer target for the request-body parsers that read untrusted input before any login:
// multipart/form-data (uploads) and urlencoded forms. Built and run by fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/message.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // The first line is the Content-Type header, the rest the body.
  std::size_t eol = input.find('\n');
  std::string_view type = input.substr(0, eol);
  std::string_view body =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  if (auto parts = tp::http::ParseMultipart(type, body)) {
    std::size_t total = 0;
    for (const auto& part : *parts) total += part.data.size() + part.name.size();
    if (total > body.size()) __builtin_trap();  // parts are slices of the body
  }
  (void)tp::http::ParseForm(body);
  (void)tp::http::PercentDecode(body, true);
  return 0;
}
