#include "web/views.h"

#include <kainjow/mustache.hpp>
#include <map>
#include <regex>
#include <stdexcept>

#include "http/static_files.h"
#include "resources/resources.h"
#include "web/i18n.h"

namespace tp::web {
namespace mst = kainjow::mustache;

namespace {

mst::data ToData(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      mst::data d{mst::data::type::object};
      for (const auto& [k, val] : v.get_object()) d.set(std::string(k), ToData(val));
      return d;
    }
    case boost::json::kind::array: {
      mst::data d{mst::data::type::list};
      for (const auto& item : v.get_array()) d.push_back(ToData(item));
      return d;
    }
    case boost::json::kind::string:
      return mst::data{std::string(v.get_string())};
    case boost::json::kind::bool_:
      return v.get_bool() ? mst::data{mst::data::type::bool_true}
                          : mst::data{mst::data::type::bool_false};
    case boost::json::kind::int64:
      return mst::data{std::to_string(v.get_int64())};
    case boost::json::kind::uint64:
      return mst::data{std::to_string(v.get_uint64())};
    case boost::json::kind::double_:
      return mst::data{boost::json::serialize(v)};
    case boost::json::kind::null:
      return mst::data{mst::data::type::bool_false};
  }
  return mst::data{};
}

std::string TemplateText(const std::string& path) {
  auto text = resources::Find(path);
  if (!text) throw std::runtime_error("template not found: " + path);
  return std::string(*text);
}

}  // namespace

struct Views::Impl {
  const I18n& i18n;
  const http::StaticFiles& static_files;
  std::map<std::string, std::string> partials;  // name -> text

  // A template prepared for one language: partials inlined and every {{#t}}msgid{{/t}} replaced
  // by its translation, so rendering never parses or calls back. Parsed once per thread and
  // language (kainjow's render() is not const).
  mst::mustache& Template(const std::string& path, const std::string& lang) const {
    thread_local std::map<std::string, std::unique_ptr<mst::mustache>> cache;
    const std::string key = lang + ':' + path;
    auto it = cache.find(key);
    if (it == cache.end()) {
      auto tmpl = std::make_unique<mst::mustache>(Prepare(TemplateText(path), lang, 0));
      if (!tmpl->is_valid()) {
        throw std::runtime_error("template " + path + ": " + tmpl->error_message());
      }
      it = cache.emplace(key, std::move(tmpl)).first;
    }
    return *it->second;
  }

  std::string Prepare(const std::string& text, const std::string& lang, int depth) const {
    static const std::regex kPartial(R"(\{\{>\s*([A-Za-z0-9_]+)\s*\}\})");
    static const std::regex kTranslate(R"(\{\{#t\}\}([\s\S]*?)\{\{/t\}\})");
    std::string out;
    auto append_replaced = [&](const std::string& in, const std::regex& re, auto replace) {
      std::string result;
      auto begin = std::sregex_iterator(in.begin(), in.end(), re);
      std::size_t last = 0;
      for (auto i = begin; i != std::sregex_iterator(); ++i) {
        result.append(in, last, static_cast<std::size_t>(i->position()) - last);
        result += replace((*i)[1].str());
        last = static_cast<std::size_t>(i->position() + i->length());
      }
      result.append(in, last, std::string::npos);
      return result;
    };
    out = append_replaced(text, kPartial, [&](const std::string& name) {
      auto found = partials.find(name);
      if (found == partials.end() || depth > 4) {
        throw std::runtime_error("unknown partial " + name);
      }
      return Prepare(found->second, lang, depth + 1);
    });
    if (depth > 0) return out;  // the outermost call translates the whole text once
    return append_replaced(out, kTranslate,
                           [&](const std::string& msgid) { return i18n.Translate(lang, msgid); });
  }
};

Views::Views(const I18n& i18n, const http::StaticFiles& static_files, bool demo_mode)
    : impl_(std::make_unique<Impl>(Impl{i18n, static_files, {}})), demo_mode_(demo_mode) {
  for (const auto& entry : resources::List("templates/partials/")) {
    std::string name(entry.path.substr(std::string_view("templates/partials/").size()));
    name = name.substr(0, name.find('.'));
    impl_->partials[name] = std::string(entry.data);
  }
}

Views::~Views() = default;

namespace {

// Marks the one link the page belongs to: the longest href that is the path or a parent of it,
// so /operators/1/people marks "People" and not "Operators" too.
boost::json::array MarkCurrent(boost::json::array nav, const std::string& path) {
  boost::json::object* best = nullptr;
  std::size_t best_length = 0;
  for (auto& item : nav) {
    auto& link = item.as_object();
    std::string href(link["href"].as_string());
    bool matches = path == href || (href != "/" && path.rfind(href + "/", 0) == 0);
    if (matches && href.size() > best_length) {
      best = &link;
      best_length = href.size();
    }
  }
  if (best) (*best)["current"] = true;
  return nav;
}

boost::json::array Navigation(const Context& ctx) {
  using domain::Role;
  boost::json::array nav;
  auto add = [&](const std::string& href, const std::string& msgid) {
    nav.push_back(boost::json::object{{"href", href}, {"label", ctx.T(msgid)}, {"current", false}});
  };
  add("/", "Home");
  if (ctx.actor.IsAnonymous()) return MarkCurrent(std::move(nav), ctx.request.path);
  bool operator_side = ctx.actor.WorksForAnyOperator();
  if (operator_side) {
    add("/operators", "Operators");
    add("/employers", "Employers");
  }
  for (auto id : ctx.actor.ScopesOf(Role::kCoordinator)) {
    add("/employers/" + std::to_string(id), "My employer");
    add("/signup", "Sign up for a cohort");
    break;
  }
  if (ctx.actor.HasAny(Role::kApplicant)) {
    add("/applications", "My applications");
    add("/offers", "My offers");
  }
  for (auto id : ctx.actor.ScopesOf(Role::kOperatorAdmin)) {
    add("/operators/" + std::to_string(id) + "/people", "People");
    break;
  }
  add("/account", "My account");
  return MarkCurrent(std::move(nav), ctx.request.path);
}

}  // namespace

http::Response Views::Page(Context& ctx, const std::string& page, const std::string& title,
                           boost::json::object data, int status) const {
  data["csrf_token"] = ctx.csrf_token;
  data["lang"] = ctx.lang;
  // kainjow cannot test "list.0", so the error summary partial keys on a flag.
  if (auto* list = data.if_contains("error_list");
      list && list->is_array() && !list->as_array().empty()) {
    data["has_errors"] = true;
  }
  mst::data page_data = ToData(data);
  std::string content =
      impl_->Template("templates/pages/" + page + ".mustache", ctx.lang).render(page_data);

  boost::json::object layout{
      {"title", ctx.T(title)},
      {"lang", ctx.lang},
      {"csrf_token", ctx.csrf_token},
      {"path", ctx.request.path},
      {"demo", demo_mode_},
      {"nav", Navigation(ctx)},
      {"static", boost::json::object{{"css", impl_->static_files.Url("app.css")}}},
      {"actor", boost::json::object{{"logged_in", !ctx.actor.IsAnonymous()},
                                    {"name", ctx.actor.name},
                                    {"email", ctx.actor.email}}},
  };
  boost::json::array languages;
  for (const auto& l : I18n::Languages()) {
    static const std::map<std::string, std::string> kNames{
        {"nb", "Bokmål"}, {"nn", "Nynorsk"}, {"en", "English"}};
    languages.push_back(boost::json::object{{"code", l},
                                            {"name", kNames.at(l)},
                                            {"current", l == ctx.lang},
                                            {"next", ctx.request.target}});
  }
  layout["languages"] = std::move(languages);
  mst::data layout_data = ToData(layout);
  layout_data.set("content", content);
  std::string html =
      impl_->Template("templates/layouts/main.mustache", ctx.lang).render(layout_data);

  http::Response response = http::Response::Html(status, std::move(html));
  response.Set("Cache-Control", "no-store");
  for (const auto& cookie : ctx.set_cookies) response.Add("Set-Cookie", cookie);
  return response;
}

std::string Views::Fragment(const std::string& lang, const std::string& template_path,
                            const boost::json::object& data) const {
  return impl_->Template(template_path, lang).render(ToData(data));
}

}  // namespace tp::web
