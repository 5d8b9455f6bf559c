#include "web/i18n.h"

#include <boost/locale.hpp>
#include <boost/locale/gnu_gettext.hpp>

#include "resources/resources.h"

namespace tp::web {
namespace {

// Boost.Locale asks for "<path>/<locale folder>/LC_MESSAGES/<domain>.mo"; the catalogues are
// embedded as "locales/<lang>/traineeportal.mo", so the folder is mapped back to a language.
std::vector<char> LoadEmbeddedCatalogue(const std::string& file_name, const std::string&) {
  const std::string prefix = "locales/";
  if (file_name.rfind(prefix, 0) != 0) return {};
  auto folder_end = file_name.find('/', prefix.size());
  if (folder_end == std::string::npos) return {};
  std::string folder = file_name.substr(prefix.size(), folder_end - prefix.size());
  std::string lang = folder.substr(0, folder.find_first_of("_.@"));
  if (folder != lang) return {};  // only the plain language folder, so each loads once
  auto data = resources::Find("locales/" + lang + "/traineeportal.mo");
  if (!data) return {};
  return std::vector<char>(data->begin(), data->end());
}

}  // namespace

const std::vector<std::string>& I18n::Languages() {
  static const std::vector<std::string> kLanguages{"nb", "nn", "en"};
  return kLanguages;
}

I18n::I18n() {
  boost::locale::generator generator;
  for (const auto& lang : Languages()) {
    std::string name = lang == "en" ? "en_GB.UTF-8" : lang + "_NO.UTF-8";
    std::locale base = generator(name);
    boost::locale::gnu_gettext::messages_info info;
    info.language = lang;
    info.country = lang == "en" ? "GB" : "NO";
    info.encoding = "UTF-8";
    info.paths.push_back("locales");
    info.domains.push_back(boost::locale::gnu_gettext::messages_info::domain("traineeportal"));
    info.callback = LoadEmbeddedCatalogue;
    locales_.emplace(
        lang, std::locale(base, boost::locale::gnu_gettext::create_messages_facet<char>(info)));
  }
}

std::string I18n::Negotiate(std::string_view header) {
  // Walk the list in the client's order of preference, ignoring q-values below 0.
  std::string best;
  double best_q = -1;
  std::size_t pos = 0;
  while (pos <= header.size()) {
    auto end = header.find(',', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    double q = 1.0;
    auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    if (semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        try {
          q = std::stod(std::string(item.substr(qpos + 2)));
        } catch (...) {
          q = 0;
        }
      }
    }
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    std::string primary(tag.substr(0, tag.find('-')));
    for (auto& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string lang;
    if (primary == "nb" || primary == "no") lang = "nb";
    if (primary == "nn") lang = "nn";
    if (primary == "en") lang = "en";
    if (!lang.empty() && q > best_q) {
      best = lang;
      best_q = q;
    }
    if (end == header.size()) break;
  }
  return best.empty() ? "nb" : best;
}

std::string I18n::Translate(const std::string& lang, const std::string& msgid) const {
  auto it = locales_.find(lang);
  if (it == locales_.end()) it = locales_.find("nb");
  return boost::locale::translate(msgid).str(it->second);
}

}  // namespace tp::web
