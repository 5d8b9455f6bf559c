#include "web/programmes/routes.h"

#include <boost/json.hpp>
#include <memory>

#include "domain/dates.h"
#include "domain/errors.h"
#include "domain/gatherings/rules.h"
#include "domain/money.h"
#include "domain/signup/rules.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/lists.h"
#include "web/programmes/api.h"
#include "web/programmes/inputs.h"
#include "web/programmes/shared.h"
#include "web/views.h"

namespace tp::web {
namespace {

namespace json = boost::json;
using namespace shared;
using namespace programme_inputs;
using services::ProgrammeService;
using services::SignupService;

// The pages' forms and helpers; the handlers keep it alive through shared_ptr captures.
class ProgrammePages {
 public:
  ProgrammePages(Site& site, ProgrammeService& programmes, SignupService& signup)
      : site_(site), svc_(programmes), signup_(signup) {}

  http::Response Page(Context& ctx, const std::string& page, const std::string& title,
                      json::object data, int status = 200) {
    return AreaPage(site_.views(), ctx, "programmes/" + page, title, std::move(data), status);
  }
  http::Response Home(Context& ctx);
  http::Response OperatorForm(Context& ctx, const std::string& title, const std::string& action,
                              const std::string& cancel, json::object values,
                              const std::vector<FieldError>& errors, int status);
  http::Response ProgrammeForm(Context& ctx, const std::string& title, const std::string& action,
                               const std::string& cancel, json::object values,
                               const std::vector<FieldError>& errors, int status);
  http::Response CohortForm(Context& ctx, const std::string& title, const std::string& action,
                            const std::string& cancel, json::object values,
                            const std::vector<FieldError>& errors, int status);
  http::Response GoalsForm(Context& ctx, std::int64_t cohort_id, const std::string& text,
                           const std::vector<FieldError>& errors, int status);

  const Views& views() const { return site_.views(); }

  Site& site_;
  ProgrammeService& svc_;
  SignupService& signup_;
};

std::vector<std::pair<std::string, std::string>> OperatorKindChoices();
std::string OperatorKindLabel(domain::OperatorKind k);
std::string FeeText(domain::Money fee);

}  // namespace

void RegisterProgrammeRoutes(Site& site, ProgrammeService& programmes, SignupService& signup) {
  auto self = std::make_shared<ProgrammePages>(site, programmes, signup);
  site.Page("GET", "/", [self](Context& ctx) { return self->Home(ctx); });

  // ------------------------------------------------------------------ operators and programmes
  site.Page("GET", "/operators", [self](Context& ctx) {
    ctx.RequireLogin();
    json::array items;
    for (const auto& o : self->svc_.ListOperators(ctx.actor))
      items.push_back(json::object{{"id", o.id},
                                   {"name", o.name},
                                   {"short_name", o.short_name},
                                   {"kind", ctx.T(OperatorKindLabel(o.kind))}});
    json::object data{{"operators", std::move(items)}, {"can_create", ctx.actor.IsSystemAdmin()}};
    data["has_operators"] = !data["operators"].as_array().empty();
    return self->Page(ctx, "operators", "Operators", std::move(data));
  });

  site.Page("GET", "/operators/new", [self](Context& ctx) {
    self->svc_.CheckMayCreateOperator(ctx.actor);
    return self->OperatorForm(ctx, "New operator", "/operators/new", "/operators",
                              json::object{{"kind", "regional"}}, {}, 200);
  });
  site.Page("POST", "/operators/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto values = FormValues(ctx, kOperatorFields);
    try {
      auto id = self->svc_.CreateOperator(ctx.actor, OperatorIn(values));
      return http::Response::Redirect("/operators/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->OperatorForm(ctx, "New operator", "/operators/new", "/operators",
                                std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/operators/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetOperator(ctx.actor, ctx.IdParam("id"));
    json::array programmes;
    for (const auto& p : view.programmes)
      programmes.push_back(
          json::object{{"id", p.id},
                       {"name", p.name},
                       {"structure", ctx.T(domain::StructureTemplateLabel(p.structure))}});
    json::object data{{"operator", OperatorJson(view.op)},
                      {"kind_label", ctx.T(OperatorKindLabel(view.op.kind))},
                      {"has_programmes", !programmes.empty()},
                      {"programmes", std::move(programmes)},
                      {"can_edit", view.can_edit},
                      {"can_add_programme", ctx.actor.CanWorkForOperator(view.op.id)}};
    return self->Page(ctx, "operator", "Operator", std::move(data));
  });

  site.Page("GET", "/operators/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetOperator(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit operator");
    json::object values{{"name", view.op.name},
                        {"short_name", view.op.short_name},
                        {"kind", domain::OperatorKindName(view.op.kind)}};
    return self->OperatorForm(ctx, "Edit operator", "/operators/" + Id(id) + "/edit",
                              "/operators/" + Id(id), std::move(values), {}, 200);
  });
  site.Page("POST", "/operators/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kOperatorFields);
    try {
      self->svc_.UpdateOperator(ctx.actor, id, OperatorIn(values));
      return http::Response::Redirect("/operators/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->OperatorForm(ctx, "Edit operator", "/operators/" + Id(id) + "/edit",
                                "/operators/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/operators/{id}/programmes/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.GetOperator(ctx.actor, id);  // NotFound when invisible
    return self->ProgrammeForm(ctx, "New programme", "/operators/" + Id(id) + "/programmes/new",
                               "/operators/" + Id(id),
                               json::object{{"structure", "national_model"}}, {}, 200);
  });
  site.Page("POST", "/operators/{id}/programmes/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kProgrammeFields);
    try {
      auto pid = self->svc_.CreateProgramme(ctx.actor, id, ProgrammeIn(values));
      return http::Response::Redirect("/programmes/" + Id(pid) + "?saved=1");
    } catch (const Invalid& e) {
      return self->ProgrammeForm(ctx, "New programme", "/operators/" + Id(id) + "/programmes/new",
                                 "/operators/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/programmes/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetProgramme(ctx.actor, ctx.IdParam("id"));
    json::array cohorts;
    for (const auto& c : view.cohorts)
      cohorts.push_back(json::object{{"id", c.id},
                                     {"name", c.name},
                                     {"starts_on", NbDate(c.starts_on)},
                                     {"ends_on", NbDate(c.ends_on)},
                                     {"fee", domain::FormatNok(c.fee)}});
    json::object data{
        {"programme", ProgrammeJson(view.programme)},
        {"operator", OperatorJson(view.op)},
        {"structure_label", ctx.T(domain::StructureTemplateLabel(view.programme.structure))},
        {"structure_description",
         ctx.T(domain::StructureTemplateDescription(view.programme.structure))},
        {"has_cohorts", !cohorts.empty()},
        {"cohorts", std::move(cohorts)},
        {"can_edit", view.can_edit}};
    return self->Page(ctx, "programme", "Programme", std::move(data));
  });

  site.Page("GET", "/programmes/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetProgramme(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit programme");
    json::object values{{"name", view.programme.name},
                        {"structure", domain::StructureTemplateName(view.programme.structure)},
                        {"description", view.programme.description}};
    return self->ProgrammeForm(ctx, "Edit programme", "/programmes/" + Id(id) + "/edit",
                               "/programmes/" + Id(id), std::move(values), {}, 200);
  });
  site.Page("POST", "/programmes/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kProgrammeFields);
    try {
      self->svc_.UpdateProgramme(ctx.actor, id, ProgrammeIn(values));
      return http::Response::Redirect("/programmes/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->ProgrammeForm(ctx, "Edit programme", "/programmes/" + Id(id) + "/edit",
                                 "/programmes/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/programmes/{id}/cohorts/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    self->svc_.GetProgramme(ctx.actor, id);
    return self->CohortForm(ctx, "New cohort", "/programmes/" + Id(id) + "/cohorts/new",
                            "/programmes/" + Id(id),
                            json::object{{"fee", FeeText(domain::kDefaultCohortFee)}}, {}, 200);
  });
  site.Page("POST", "/programmes/{id}/cohorts/new", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kCohortFields);
    try {
      auto cid = self->svc_.CreateCohort(ctx.actor, id, CohortIn(values));
      return http::Response::Redirect("/cohorts/" + Id(cid) + "?saved=1");
    } catch (const Invalid& e) {
      return self->CohortForm(ctx, "New cohort", "/programmes/" + Id(id) + "/cohorts/new",
                              "/programmes/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  // ------------------------------------------------------------------ cohorts and goals
  site.Page("GET", "/cohorts/{id}", [self](Context& ctx) {
    ctx.RequireLogin();
    auto view = self->svc_.GetCohort(ctx.actor, ctx.IdParam("id"));
    const auto& c = view.cohort;
    json::array goals;
    for (const auto& g : view.goals) goals.push_back(json::object{{"text", g.text}});
    json::array gatherings;
    for (const auto& g : view.gatherings) {
      std::string when = NbDate(g.starts_on);
      if (!(g.ends_on == g.starts_on)) when += "–" + NbDate(g.ends_on);
      gatherings.push_back(json::object{{"id", g.id},
                                        {"title", g.title},
                                        {"kind", ctx.T(domain::GatheringKindLabel(g.kind))},
                                        {"when", when},
                                        {"location", g.location}});
    }
    json::array participations;
    long wanted_total = 0;
    for (const auto& p : view.participations) {
      if (p.status != domain::ParticipationStatus::kDeclined) wanted_total += p.trainees_wanted;
      participations.push_back(
          json::object{{"id", p.id},
                       {"employer_id", p.employer_id},
                       {"employer", p.employer_name},
                       {"municipality", p.municipality_name},
                       {"trainees_wanted", p.trainees_wanted},
                       {"wanted_background",
                        [&] {
                          std::string out;
                          for (const auto& n : p.background_names)
                            out += (out.empty() ? "" : ", ") + n;
                          if (!p.wanted_background.empty())
                            out += (out.empty() ? "" : "; ") + p.wanted_background;
                          return out;
                        }()},
                       {"status", ctx.T(domain::ParticipationStatusLabel(p.status))}});
    }
    json::object data{
        {"cohort", json::object{{"id", c.id},
                                {"name", c.name},
                                {"signup_deadline", NbDate(c.signup_deadline)},
                                {"application_deadline", NbDate(c.application_deadline)},
                                {"starts_on", NbDate(c.starts_on)},
                                {"ends_on", NbDate(c.ends_on)},
                                {"fee", domain::FormatNok(c.fee)}}},
        {"programme", ProgrammeJson(view.programme)},
        {"operator", OperatorJson(view.op)},
        {"goals", std::move(goals)},
        {"has_goals", !view.goals.empty()},
        {"gatherings", std::move(gatherings)},
        {"has_gatherings", !view.gatherings.empty()},
        {"participations", std::move(participations)},
        {"has_participations", !view.participations.empty()},
        {"trainees_wanted_total", wanted_total},
        {"can_edit", view.can_edit},
        {"can_see_participations", view.can_see_participations}};
    // A coordinator whose employer takes part gets the employer's recruitment pages.
    if (!view.can_edit) {
      for (const auto& p : view.participations) {
        if (ctx.actor.Has(domain::Role::kCoordinator, p.employer_id)) {
          data["coordinator_employer_id"] = p.employer_id;
          break;
        }
      }
    }
    return self->Page(ctx, "cohort", "Cohort", std::move(data));
  });

  site.Page("GET", "/cohorts/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto view = self->svc_.GetCohort(ctx.actor, id);
    if (!view.can_edit) throw Forbidden("cannot edit cohort");
    const auto& c = view.cohort;
    json::object values{{"name", c.name},
                        {"signup_deadline", NbDate(c.signup_deadline)},
                        {"application_deadline", NbDate(c.application_deadline)},
                        {"starts_on", NbDate(c.starts_on)},
                        {"ends_on", NbDate(c.ends_on)},
                        {"fee", FeeText(c.fee)}};
    return self->CohortForm(ctx, "Edit cohort", "/cohorts/" + Id(id) + "/edit",
                            "/cohorts/" + Id(id), std::move(values), {}, 200);
  });
  site.Page("POST", "/cohorts/{id}/edit", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto values = FormValues(ctx, kCohortFields);
    try {
      self->svc_.UpdateCohort(ctx.actor, id, CohortIn(values));
      return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->CohortForm(ctx, "Edit cohort", "/cohorts/" + Id(id) + "/edit",
                              "/cohorts/" + Id(id), std::move(values), e.errors, 422);
    }
  });

  site.Page("GET", "/cohorts/{id}/goals", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    std::string text;
    for (const auto& g : self->svc_.GetCohort(ctx.actor, id).goals) text += g.text + "\n";
    return self->GoalsForm(ctx, id, text, {}, 200);
  });
  site.Page("POST", "/cohorts/{id}/goals", [self](Context& ctx) {
    ctx.RequireLogin();
    auto id = ctx.IdParam("id");
    auto it = ctx.form.find("goals");
    const std::string text = it == ctx.form.end() ? "" : it->second;
    std::vector<std::string> lines;
    std::string line;
    for (char ch : text) {
      if (ch == '\n') {
        lines.push_back(line);
        line.clear();
      } else if (ch != '\r') {
        line += ch;
      }
    }
    lines.push_back(line);
    try {
      self->svc_.ReplaceGoals(ctx.actor, id, lines);
      return http::Response::Redirect("/cohorts/" + Id(id) + "?saved=1");
    } catch (const Invalid& e) {
      return self->GoalsForm(ctx, id, text, e.errors, 422);
    }
  });

  RegisterProgrammeApi(site, programmes);
}

namespace {

std::vector<std::pair<std::string, std::string>> OperatorKindChoices() {
  return {{"national", "National"}, {"regional", "Regional"}};
}

std::string OperatorKindLabel(domain::OperatorKind k) {
  return k == domain::OperatorKind::kNational ? "National" : "Regional";
}

// The amount as the fee field shows it for editing ("69 000" without "kr", ",50" when øre).
std::string FeeText(domain::Money fee) {
  std::string s = domain::FormatNok(fee);
  return s.substr(0, s.size() - std::string("\xC2\xA0kr").size());
}

http::Response ProgrammePages::Home(Context& ctx) {
  json::object data;
  if (ctx.actor.IsAnonymous()) return views().Page(ctx, "home", "Welcome", std::move(data));
  json::array cohorts;
  for (const auto& s : svc_.ListMyCohorts(ctx.actor)) {
    cohorts.push_back(json::object{{"id", s.cohort.id},
                                   {"name", s.cohort.name},
                                   {"programme", s.programme_name},
                                   {"operator", s.operator_name},
                                   {"starts_on", NbDate(s.cohort.starts_on)},
                                   {"ends_on", NbDate(s.cohort.ends_on)}});
  }
  data["logged_in"] = true;
  data["name"] = ctx.actor.name;
  data["has_cohorts"] = !cohorts.empty();
  data["cohorts"] = std::move(cohorts);
  const bool staff = ctx.actor.WorksForAnyOperator();
  data["operator_work"] = staff;
  json::array my_employers;
  for (auto id : ctx.actor.ScopesOf(domain::Role::kCoordinator)) {
    try {
      auto e = signup_.GetEmployer(ctx.actor, id);
      my_employers.push_back(json::object{{"id", id}, {"name", e.employer.name}});
    } catch (const NotFound&) {
      // A grant for an employer that has since been removed: nothing to link to.
    }
  }
  data["has_employers"] = !my_employers.empty();
  data["my_employers"] = std::move(my_employers);
  return views().Page(ctx, "home", "Home", std::move(data));
}

http::Response ProgrammePages::OperatorForm(Context& ctx, const std::string& title,
                                            const std::string& action, const std::string& cancel,
                                            json::object values,
                                            const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["kinds"] = Options(ctx, OperatorKindChoices(), ValueOf(values, "kind"));
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "operator_form", title, std::move(data), status);
}

http::Response ProgrammePages::ProgrammeForm(Context& ctx, const std::string& title,
                                             const std::string& action, const std::string& cancel,
                                             json::object values,
                                             const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  json::array structures;
  for (auto t : domain::AllStructureTemplates()) {
    const std::string name(domain::StructureTemplateName(t));
    structures.push_back(
        json::object{{"value", name},
                     {"label", ctx.T(domain::StructureTemplateLabel(t))},
                     {"description", ctx.T(domain::StructureTemplateDescription(t))},
                     {"checked", name == ValueOf(values, "structure")}});
  }
  data["structures"] = std::move(structures);
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "programme_form", title, std::move(data), status);
}

http::Response ProgrammePages::CohortForm(Context& ctx, const std::string& title,
                                          const std::string& action, const std::string& cancel,
                                          json::object values,
                                          const std::vector<FieldError>& errors, int status) {
  json::object data;
  data["heading"] = ctx.T(title);
  data["action"] = action;
  data["cancel"] = cancel;
  data["values"] = std::move(values);
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "cohort_form", title, std::move(data), status);
}

http::Response ProgrammePages::GoalsForm(Context& ctx, std::int64_t cohort_id,
                                         const std::string& text,
                                         const std::vector<FieldError>& errors, int status) {
  auto view = svc_.GetCohort(ctx.actor, cohort_id);
  if (!view.can_edit) throw Forbidden("cannot edit goals");
  json::object data;
  data["cohort_id"] = cohort_id;
  data["cohort_name"] = view.cohort.name;
  data["values"] = json::object{{"goals", text}};
  if (!errors.empty()) AddErrors(ctx, data, errors);
  return Page(ctx, "goals", "Qualification goals", std::move(data), status);
}

}  // namespace
}  // namespace tp::web
