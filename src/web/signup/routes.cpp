#include "web/signup/routes.h"

#include <algorithm>
#include <boost/json.hpp>
#include <memory>
#include <set>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/signup/rules.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "web/forms.h"
#include "web/lists.h"
#include "web/programmes/shared.h"
#include "web/signup/parts.h"
#include "web/signup/records.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using namespace signup_records;
using services::ProgrammeService;
using services::SignupService;

// The pages' forms; the handlers keep it alive through shared_ptr captures.
class SignupPages {
 public:
  SignupPages(Site& site, SignupService& signup, ProgrammeService& programmes)
      : site_(site), svc_(signup), programmes_(programmes) {}

  const Views& views() const { return site_.views(); }
  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) {
    return AreaPage(views(), ctx, "signup/" + page, title, std::move(data), status);
  }
  http::Response ParticipationForm(Context& ctx, const std::string& title,
                                   const std::string& action, const std::string& cancel,
                                   const services::SignupFormView& form,
                                   const std::string& employer_name, json::object values,
                                   const std::vector<std::string>& chosen_backgrounds,
                                   const std::vector<FieldError>& errors, int status,
                                   const domain::Participation* existing = nullptr);
  http::Response EditParticipation(Context& ctx, std::int64_t id,
                                   const std::vector<FieldError>& errors, int status);
  http::Response DecisionForm(Context& ctx, const domain::Participation& p, json::object values,
                              const std::vector<FieldError>& errors, int status);
  http::Response BackgroundsPage(Context& ctx, std::int64_t operator_id, json::object values,
                                 const std::vector<FieldError>& errors, int status);
  http::Response SignupOverview(Context& ctx);

  Site& site_;
  SignupService& svc_;
  ProgrammeService& programmes_;
};

}  // namespace

void RegisterSignupRoutes(Site& site, SignupService& signup, ProgrammeService& programmes) {
  auto self = std::make_shared<SignupPages>(site, signup, programmes);

  // ------------------------------------------------------------------ a coordinator's sign-ups
  site.Page("GET", "/signup", [self](Context& ctx) { return self->SignupOverview(ctx); });

  // ------------------------------------------------------------------ sign-ups of a cohort
  site.Page("GET", "/cohorts/{id}/participations/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto form = self->svc_.GetSignupForm(ctx.actor, id);
    json::object values{{"trainees_wanted", "1"}, {"status", "signed_up"}};
    if (!form.employers.empty()) {
      values["employer_id"] = Id(form.employers.front().id);
      values["invoice_org_number"] = form.employers.front().org_number;
    }
    return self->ParticipationForm(
        ctx, "Sign up an employer", "/cohorts/" + Id(id) + "/participations/new",
        form.staff ? "/cohorts/" + Id(id) : "/signup", form, "", std::move(values), {}, {}, 200);
  });
  site.Page("POST", "/cohorts/{id}/participations/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kParticipationFields);
    auto chosen = FormList(ctx, "background_ids");
    try {
      self->svc_.SignUpEmployer(ctx.actor, id, ParticipationIn(values, chosen));
      if (ctx.actor.CanWorkForOperator(self->svc_.GetSignupForm(ctx.actor, id).cohort.operator_id))
        return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
      return http::Response::Redirect("/signup?saved=1");
    } catch (const Invalid& e) {
      auto form = self->svc_.GetSignupForm(ctx.actor, id);
      if (IsDeadlineError(e)) form.open = false;
      return self->ParticipationForm(ctx, "Sign up an employer",
                                     "/cohorts/" + Id(id) + "/participations/new",
                                     form.staff ? "/cohorts/" + Id(id) : "/signup", form, "",
                                     std::move(values), chosen, e.errors, 422);
    }
  });

  site.Page("GET", "/participations/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->EditParticipation(ctx, ctx.IdParam("id"), {}, 200);
  });
  site.Page("POST", "/participations/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    auto values = FormValues(ctx, kParticipationFields);
    auto chosen = FormList(ctx, "background_ids");
    try {
      self->svc_.UpdateParticipation(ctx.actor, id, ParticipationIn(values, chosen));
      if (self->svc_.GetSignupForm(ctx.actor, p.cohort_id).staff)
        return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
      return http::Response::Redirect("/signup?saved=1");
    } catch (const Invalid& e) {
      auto form = self->svc_.GetSignupForm(ctx.actor, p.cohort_id);
      if (IsDeadlineError(e)) form.open = false;
      return self->ParticipationForm(ctx, "Edit participation",
                                     "/participations/" + Id(id) + "/edit",
                                     form.staff ? "/cohorts/" + Id(p.cohort_id) : "/signup", form,
                                     p.employer_name, std::move(values), chosen, e.errors, 422, &p);
    }
  });

  PageOptions uploads;
  uploads.uploads = true;
  uploads.body_limit = domain::kMaxLogoBytes + 64 * 1024;
  site.Page(
      "POST", "/participations/{id}/logo",
      [self](Context& ctx) {
        ctx.RequireLogin();
        auto id = ctx.IdParam("id");
        const auto* file = ctx.File("logo");
        try {
          self->svc_.SetParticipationLogo(ctx.actor, id, file ? file->data : std::string());
          return http::Response::Redirect("/participations/" + Id(id) + "/edit?saved=1");
        } catch (const Invalid& e) {
          return self->EditParticipation(ctx, id, e.errors, 422);
        }
      },
      uploads);
  site.Page("GET", "/participations/{id}/logo/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->svc_.GetSignupForm(ctx.actor, p.cohort_id).staff &&
        !ctx.actor.Has(domain::Role::kCoordinator, p.employer_id))
      throw Forbidden("cannot edit");
    return ConfirmPage(self->views(), ctx, "Remove logo",
                       "Are you sure you want to remove the logo?", p.employer_name,
                       "/participations/" + Id(id) + "/logo/delete",
                       "/participations/" + Id(id) + "/edit");
  });
  site.Page("POST", "/participations/{id}/logo/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.RemoveParticipationLogo(ctx.actor, id);
    return http::Response::Redirect("/participations/" + Id(id) + "/edit?saved=1");
  });

  site.Page("GET", "/participations/{id}/decision", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->programmes_.GetCohort(ctx.actor, p.cohort_id).can_edit)
      throw Forbidden("cannot decide");
    json::object values{{"decision", domain::ParticipationStatusName(p.status)},
                        {"reason", p.decision_reason}};
    return self->DecisionForm(ctx, p, std::move(values), {}, 200);
  });
  site.Page("POST", "/participations/{id}/decision", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    auto values = FormValues(ctx, {"decision", "reason"});
    try {
      self->svc_.DecideParticipation(ctx.actor, id,
                                     {ValueOf(values, "decision"), ValueOf(values, "reason")});
      return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->DecisionForm(ctx, p, std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/participations/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    if (!self->programmes_.GetCohort(ctx.actor, p.cohort_id).can_edit)
      throw Forbidden("cannot edit");
    return ConfirmPage(self->views(), ctx, "Remove employer from cohort",
                       "Are you sure you want to remove this employer from the cohort?",
                       p.employer_name, "/participations/" + Id(id) + "/delete",
                       "/cohorts/" + Id(p.cohort_id));
  });
  site.Page("POST", "/participations/{id}/delete", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto p = self->svc_.GetParticipation(ctx.actor, id);
    self->svc_.RemoveParticipation(ctx.actor, id);
    return http::Response::Redirect("/cohorts/" + Id(p.cohort_id) + "?saved=1");
  });

  site.Page("GET", "/cohorts/{id}/employers.csv", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->programmes_.GetCohort(ctx.actor, id);
    if (!view.can_see_participations) throw NotFound("participations");
    std::vector<std::vector<std::string>> rows{{ctx.T("Employer"), ctx.T("Organisation number"),
                                                ctx.T("Municipality"), ctx.T("Trainees wanted"),
                                                ctx.T("Wanted background"), ctx.T("Status")}};
    // Backgrounds and invoice details for the operator's staff, who invoice the employers.
    if (view.can_edit)
      for (const char* h :
           {"Wanted professional backgrounds", "Organisation number to invoice", "Buyer reference"})
        rows.front().push_back(ctx.T(h));
    for (const auto& p : view.participations) {
      rows.push_back({p.employer_name, p.employer_org_number, p.municipality_name,
                      std::to_string(p.trainees_wanted), p.wanted_background,
                      ctx.T(domain::ParticipationStatusLabel(p.status))});
      if (!view.can_edit) continue;
      std::string backgrounds;
      for (const auto& n : p.background_names) backgrounds += (backgrounds.empty() ? "" : ", ") + n;
      rows.back().insert(rows.back().end(), {backgrounds, p.invoice_org_number, p.buyer_reference});
    }
    return CsvResponse("cohort-" + Id(id) + "-employers.csv", rows);
  });

  // ------------------------------------------------------------------ background lists
  site.Page("GET", "/operators/{id}/backgrounds", [self](Context& ctx) {
    ctx.RequireLogin();
    return self->BackgroundsPage(ctx, ctx.IdParam("id"), json::object{{"name", ""}}, {}, 200);
  });
  site.Page("POST", "/operators/{id}/backgrounds", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, {"name"});
    try {
      self->svc_.AddBackground(ctx.actor, id, {ValueOf(values, "name")});
      return http::Response::Redirect("/operators/" + Id(id) + "/backgrounds?saved=1");
    } catch (const Invalid& e) {
      return self->BackgroundsPage(ctx, id, std::move(values), e.errors, 422);
    }
  });
  auto form = [self](Context& ctx, const domain::Background& b, json::object values,
                     const std::vector<FieldError>& errors, int status) {
    json::object data{{"background", BackgroundJson(b)}, {"values", std::move(values)}};
    if (!errors.empty()) AddErrors(ctx, data, errors);
    return self->Page(ctx, "background_form", "Rename background", std::move(data), status);
  };
  site.Page("GET", "/backgrounds/{id}/edit", [self, form](Context& ctx) {
    ctx.RequireLogin();
    auto b = self->svc_.GetBackground(ctx.actor, ctx.IdParam("id"));
    return form(ctx, b, json::object{{"name", b.name}}, {}, 200);
  });
  site.Page("POST", "/backgrounds/{id}/edit", [self, form](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    auto values = FormValues(ctx, {"name"});
    try {
      self->svc_.RenameBackground(ctx.actor, id, {ValueOf(values, "name")});
      return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
    } catch (const Invalid& e) {
      return form(ctx, b, std::move(values), e.errors, 422);
    }
  });
  site.Page("POST", "/backgrounds/{id}/move", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    self->svc_.MoveBackground(ctx.actor, id, ctx.Field("direction") == "up" ? -1 : 1);
    return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
  });
  site.Page("POST", "/backgrounds/{id}/archive", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto b = self->svc_.GetBackground(ctx.actor, id);
    self->svc_.SetBackgroundArchived(ctx.actor, id, ctx.Field("archived") == "1");
    return http::Response::Redirect("/operators/" + Id(b.operator_id) + "/backgrounds?saved=1");
  });

  RegisterEmployerPages(site, signup, programmes);
  RegisterSignupApi(site, signup, programmes);
}

namespace {

std::vector<std::pair<std::string, std::string>> StatusChoices() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto s : domain::AllParticipationStatuses())
    out.emplace_back(std::string(domain::ParticipationStatusName(s)),
                     domain::ParticipationStatusLabel(s));
  return out;
}

http::Response SignupPages::ParticipationForm(Context& ctx, const std::string& title,
                                              const std::string& action, const std::string& cancel,
                                              const services::SignupFormView& form,
                                              const std::string& employer_name, json::object values,
                                              const std::vector<std::string>& chosen_backgrounds,
                                              const std::vector<FieldError>& errors, int status,
                                              const domain::Participation* existing) {
  json::object data;
  if (existing) {
    data["logo_action"] = "/participations/" + Id(existing->id) + "/logo";
    data["logo_delete"] = "/participations/" + Id(existing->id) + "/logo/delete";
    data["has_logo"] = existing->logo_updated_at != 0;
  }
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["cohort_name"] = form.cohort.cohort.name;
  data["programme_name"] = form.cohort.programme_name;
  data["operator_name"] = form.cohort.operator_name;
  data["signup_deadline"] = NbDate(form.cohort.cohort.signup_deadline);
  // Staff may add and edit after the deadline; a coordinator sees why the form is gone.
  data["closed"] = !form.open && !form.staff;
  if (employer_name.empty()) {
    json::array employers;
    const std::string chosen = ValueOf(values, "employer_id");
    for (const auto& e : form.employers)
      employers.push_back(
          json::object{{"value", Id(e.id)}, {"label", e.name}, {"selected", Id(e.id) == chosen}});
    data["employers"] = std::move(employers);
    data["choose_employer"] = true;
  } else {
    data["employer_name"] = employer_name;
  }
  json::array backgrounds;
  for (const auto& b : form.backgrounds)
    backgrounds.push_back(json::object{
        {"id", b.id},
        {"name", b.name},
        {"checked", std::find(chosen_backgrounds.begin(), chosen_backgrounds.end(), Id(b.id)) !=
                        chosen_backgrounds.end()}});
  data["has_backgrounds"] = !backgrounds.empty();
  data["backgrounds"] = std::move(backgrounds);
  data["can_set_status"] = form.staff;
  data["statuses"] = Options(ctx, StatusChoices(), ValueOf(values, "status"));
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "participation_form", title, std::move(data), status);
}

http::Response SignupPages::EditParticipation(Context& ctx, std::int64_t id,
                                              const std::vector<FieldError>& errors, int status) {
  auto p = svc_.GetParticipation(ctx.actor, id);
  auto form = svc_.GetSignupForm(ctx.actor, p.cohort_id);
  if (!form.staff && !ctx.actor.Has(domain::Role::kCoordinator, p.employer_id))
    throw Forbidden("cannot edit");
  json::object values{{"trainees_wanted", std::to_string(p.trainees_wanted)},
                      {"wanted_background", p.wanted_background},
                      {"status", domain::ParticipationStatusName(p.status)},
                      {"presentation", p.presentation},
                      {"invoice_org_number", p.invoice_org_number},
                      {"buyer_reference", p.buyer_reference},
                      {"buyer_reference_pattern", p.buyer_reference_pattern}};
  std::vector<std::string> chosen;
  for (auto b : p.background_ids) chosen.push_back(Id(b));
  return ParticipationForm(ctx, "Edit participation", "/participations/" + Id(id) + "/edit",
                           form.staff ? "/cohorts/" + Id(p.cohort_id) : "/signup", form,
                           p.employer_name, std::move(values), chosen, errors, status, &p);
}

http::Response SignupPages::DecisionForm(Context& ctx, const domain::Participation& p,
                                         json::object values, const std::vector<FieldError>& errors,
                                         int status) {
  json::object data;
  data["participation"] =
      json::object{{"id", p.id},
                   {"employer", p.employer_name},
                   {"trainees_wanted", p.trainees_wanted},
                   {"status", ctx.T(domain::ParticipationStatusLabel(p.status))},
                   {"backgrounds",
                    [&] {
                      std::string out;
                      for (const auto& n : p.background_names) out += (out.empty() ? "" : ", ") + n;
                      return out;
                    }()},
                   {"wanted_background", p.wanted_background},
                   {"presentation", p.presentation}};
  data["cancel"] = "/cohorts/" + Id(p.cohort_id);
  const std::string decision = ValueOf(values, "decision");
  data["confirm_checked"] = decision == "confirmed";
  data["decline_checked"] = decision == "declined";
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "decision", "Confirm or decline sign-up", std::move(data), status);
}

http::Response SignupPages::BackgroundsPage(Context& ctx, std::int64_t operator_id,
                                            json::object values,
                                            const std::vector<FieldError>& errors, int status) {
  auto op = programmes_.GetOperator(ctx.actor, operator_id);
  json::array items;
  const auto list = svc_.ListBackgrounds(ctx.actor, operator_id, true);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& b = list[i];
    items.push_back(json::object{{"id", b.id},
                                 {"name", b.name},
                                 {"archived", b.archived},
                                 {"first", i == 0},
                                 {"last", i + 1 == list.size()}});
  }
  json::object data{{"operator", OperatorJson(op.op)},
                    {"backgrounds", std::move(items)},
                    {"has_backgrounds", !list.empty()},
                    {"values", std::move(values)}};
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "backgrounds", "Professional backgrounds", std::move(data), status);
}

http::Response SignupPages::SignupOverview(Context& ctx) {
  ctx.RequireLogin();
  auto view = svc_.GetSignupOverview(ctx.actor);
  std::set<std::pair<std::int64_t, std::int64_t>> signed_up;  // (cohort, employer)
  json::array signups;
  for (const auto& [p, c] : view.signups) {
    signed_up.insert({p.cohort_id, p.employer_id});
    const bool open = domain::SignupOpen(c.cohort.signup_deadline, view.today);
    signups.push_back(json::object{{"id", p.id},
                                   {"employer", p.employer_name},
                                   {"cohort", c.cohort.name},
                                   {"cohort_id", c.cohort.id},
                                   {"programme", c.programme_name},
                                   {"operator", c.operator_name},
                                   {"trainees_wanted", p.trainees_wanted},
                                   {"status", ctx.T(domain::ParticipationStatusLabel(p.status))},
                                   {"status_code", domain::ParticipationStatusName(p.status)},
                                   {"signup_deadline", NbDate(c.cohort.signup_deadline)},
                                   {"can_edit", open}});
    // Mustache treats an empty string as true: leave the reason out when there is none.
    if (!p.decision_reason.empty()) signups.back().as_object()["reason"] = p.decision_reason;
  }
  json::array cohorts;
  for (const auto& c : view.open_cohorts) {
    json::array employers;
    for (const auto& e : view.employers)
      if (!signed_up.count({c.cohort.id, e.id}))
        employers.push_back(json::object{{"id", e.id}, {"name", e.name}});
    const auto days = domain::DaysUntil(c.cohort.signup_deadline, view.today);
    cohorts.push_back(json::object{{"id", c.cohort.id},
                                   {"name", c.cohort.name},
                                   {"programme", c.programme_name},
                                   {"operator", c.operator_name},
                                   {"signup_deadline", NbDate(c.cohort.signup_deadline)},
                                   {"days_left", days},
                                   {"starts_on", NbDate(c.cohort.starts_on)},
                                   {"can_sign_up", !employers.empty()}});
  }
  json::object data{{"cohorts", std::move(cohorts)},
                    {"has_cohorts", !view.open_cohorts.empty()},
                    {"signups", std::move(signups)},
                    {"has_signups", !view.signups.empty()}};
  return Page(ctx, "signup", "Sign up for a cohort", std::move(data));
}

}  // namespace
}  // namespace tp::web
