#include "web/mail/routes.h"

#include <boost/json.hpp>

#include "domain/dates.h"
#include "services/mail/mail_service.h"
#include "web/json.h"
#include "web/lists.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using services::MailService;

std::string StatusLabel(std::string_view status) {
  if (status == "sent") return "Delivered";
  if (status == "failed") return "Failed";
  return "Waiting";
}

std::string When(const std::optional<std::int64_t>& t) {
  return t ? domain::FormatOsloDateTime(*t) : std::string();
}

// One row of a list or the page of one message, as the templates use it.
json::object MessageView(Context& ctx, const domain::OutboxMessage& m) {
  const auto status = domain::OutboxStatus(m);
  return json::object{
      {"id", m.id},
      {"to_address", m.to_address},
      {"subject", m.subject},
      {"body", m.body_text},
      {"kind", m.kind},
      {"created", domain::FormatOsloDateTime(m.created_at)},
      {"sent", When(m.sent_at)},
      {"status", std::string(status)},
      {"status_label", ctx.T(StatusLabel(status))},
      {"attempts", m.attempts},
      {"next_attempt",
       m.sent_at || m.failed_at ? std::string() : domain::FormatOsloDateTime(m.next_attempt_at)},
      {"last_error", m.last_error.value_or("")},
      {"failed", status == "failed"},
      {"may_send_again", !m.sent_at.has_value()}};
}

// The API form of a message: instants as RFC 3339 times, status as a code.
json::object MessageJson(const domain::OutboxMessage& m, bool with_body, bool with_delivery) {
  json::object o{{"id", m.id},
                 {"to", m.to_address},
                 {"subject", m.subject},
                 {"kind", m.kind},
                 {"status", std::string(domain::OutboxStatus(m))},
                 {"created_at", json_io::Instant(m.created_at)},
                 {"sent_at", json_io::Instant(m.sent_at)}};
  if (with_body) o["body"] = m.body_text;
  if (with_delivery) {
    o["attempts"] = m.attempts;
    o["next_attempt_at"] =
        m.sent_at || m.failed_at ? json::value(nullptr) : json_io::Instant(m.next_attempt_at);
    o["last_error"] = m.last_error ? json::value(*m.last_error) : json::value(nullptr);
    o["failed_at"] = json_io::Instant(m.failed_at);
  }
  return o;
}

domain::PageRequest PageOf(const http::Request& request) {
  return ParsePageRequest(request, {"created"}, "created");
}

}  // namespace

void RegisterMailRoutes(Site& site, MailService& mail) {
  const Views* views = &site.views();

  // ------------------------------------------------------------------ a person's own e-mails
  site.Page("GET", "/account/emails", [&mail, views](Context& ctx) {
    ctx.RequireLogin();
    auto page = PageOf(ctx.request);
    auto result = mail.ListMine(ctx.actor, page);
    json::array items;
    for (const auto& m : result.items) items.push_back(MessageView(ctx, m));
    json::object data = Pager(ctx.request, page, result.total);
    data["emails"] = std::move(items);
    data["has_emails"] = result.total > 0;
    data["address"] = ctx.actor.email;
    return views->Page(ctx, "mail/mine", "My e-mails", std::move(data));
  });
  site.Page("GET", "/account/emails/{id}", [&mail, views](Context& ctx) {
    ctx.RequireLogin();
    auto m = mail.GetMine(ctx.actor, ctx.IdParam("id"));
    json::object data{{"email", MessageView(ctx, m)}, {"back", "/account/emails"}};
    return views->Page(ctx, "mail/message", "E-mail", std::move(data));
  });

  // ------------------------------------------------------------------ the outbox
  site.Page("GET", "/outbox", [&mail, views](Context& ctx) {
    ctx.RequireLogin();
    auto page = PageOf(ctx.request);
    const std::string to = ctx.request.Query("to").value_or("");
    auto result = mail.ListOutbox(ctx.actor, to, page);
    json::array items;
    for (const auto& m : result.items) items.push_back(MessageView(ctx, m));
    json::object data = Pager(ctx.request, page, result.total);
    data["emails"] = std::move(items);
    data["has_emails"] = result.total > 0;
    data["to"] = to;
    return views->Page(ctx, "mail/outbox", "Outbox", std::move(data));
  });
  site.Page("GET", "/outbox/{id}", [&mail, views](Context& ctx) {
    ctx.RequireLogin();
    auto m = mail.GetFromOutbox(ctx.actor, ctx.IdParam("id"));
    json::object data{{"email", MessageView(ctx, m)},
                      {"back", "/outbox"},
                      {"admin", true},
                      {"sent_again", ctx.request.Query("sent_again").has_value()}};
    return views->Page(ctx, "mail/message", "E-mail", std::move(data));
  });
  site.Page("POST", "/outbox/{id}/send-again", [&mail](Context& ctx) {
    ctx.RequireLogin();
    const auto id = ctx.IdParam("id");
    mail.SendAgain(ctx.actor, id);
    return http::Response::Redirect("/outbox/" + std::to_string(id) + "?sent_again=1");
  });

  // ------------------------------------------------------------------ API
  site.Api("GET", "/api/v1/me/emails", [&mail](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = PageOf(ctx.request);
    auto result = mail.ListMine(ctx.actor, page);
    json::array items;
    for (const auto& m : result.items) items.push_back(MessageJson(m, false, false));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
  site.Api("GET", "/api/v1/me/emails/{id}", [&mail](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    return Site::JsonOk(MessageJson(mail.GetMine(ctx.actor, ctx.IdParam("id")), true, false));
  });
  site.Api("GET", "/api/v1/outbox", [&mail](Context& ctx, const json::value&) {
    ctx.RequireLogin();
    auto page = PageOf(ctx.request);
    auto result = mail.ListOutbox(ctx.actor, ctx.request.Query("to").value_or(""), page);
    json::array items;
    for (const auto& m : result.items) items.push_back(MessageJson(m, false, true));
    return Site::JsonPage(std::move(items), page.page, page.per_page, result.total);
  });
}

}  // namespace tp::web
