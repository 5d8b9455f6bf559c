#pragma once
#include <locale>
#include <map>
#include <string>
#include <string_view>
#include <vector>

/// Translations (gettext catalogues through Boost.Locale, embedded in the binary) and the
/// Norwegian display formats. English msgids; "nb" is the default language.
namespace tp::web {

class I18n {
 public:
  /// Loads the embedded catalogues for nb, nn and en.
  I18n();
  /// Supported language codes, default first: {"nb", "nn", "en"}.
  static const std::vector<std::string>& Languages();
  /// The best supported language for an Accept-Language header ("nb" when nothing matches;
  /// "no"/"nb-NO" -> nb, "nn-NO" -> nn, "en-GB" -> en).
  static std::string Negotiate(std::string_view accept_language);
  /// Translation of an English msgid into `lang`; the msgid itself when untranslated.
  std::string Translate(const std::string& lang, const std::string& msgid) const;

 private:
  std::map<std::string, std::locale> locales_;
};

}  // namespace tp::web
