// What the pages of the applications area share: return paths, sizes and dates as shown, the
// area's page and the confirmation page.
#include "domain/dates.h"
#include "web/applications/routes_internal.h"
#include "web/views.h"

namespace tp::web::applications {

namespace json = boost::json;

std::string ReturnPath(const Context& ctx) {
  auto next = ctx.Field("next");
  if (next.empty()) next = ctx.request.Query("next").value_or("");
  return http::IsLocalReturnPath(next) ? next : std::string();
}

void AddReturnPath(json::object& data, const std::string& next) {
  if (next.empty()) return;
  data["next"] = next;
  data["next_query"] = http::UrlEncode(next);
}

std::string SizeText(std::int64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " kB";
  const auto tenths = (bytes * 10 + 1024 * 1024 - 1) / (1024 * 1024);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10) + " MB";
}

std::string IsoToNorwegian(const std::string& iso) {
  auto d = domain::ParseIsoDate(iso);
  return d ? domain::FormatNorwegian(*d) : iso;
}

http::Response AreaPage(const Site& site, Context& ctx, const std::string& page,
                        const std::string& title, json::object data, int status) {
  if (ctx.request.Query("saved")) data["saved"] = true;
  return site.views().Page(ctx, "applications/" + page, title, std::move(data), status);
}

http::Response ConfirmPage(const Site& site, Context& ctx, const std::string& title,
                           const std::string& question, const std::string& subject,
                           const std::string& button, const std::string& action,
                           const std::string& cancel) {
  json::object data{{"heading", ctx.T(title)}, {"question", ctx.T(question)},
                    {"subject", subject},      {"button", ctx.T(button)},
                    {"action", action},        {"cancel", cancel}};
  return AreaPage(site, ctx, "confirm", title, std::move(data));
}

}  // namespace tp::web::applications
