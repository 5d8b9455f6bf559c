#include <algorithm>

#include "domain/errors.h"
#include "domain/signup/organisation_number.h"
#include "domain/text.h"
#include "services/input.h"
#include "services/programmes/cohort_access.h"
#include "services/signup/employer_rights.h"
#include "services/signup/signup_service.h"
#include "storage/database.h"
#include "storage/programmes/programme_repositories.h"
#include "storage/signup/employer_rights.h"
#include "storage/signup/signup_repositories.h"

// SignupService: the shared employer register and its change log.
namespace tp::services {
namespace {

using domain::Actor;
using domain::RequireLogin;
using domain::Role;
using domain::Trim;
using input::CheckLength;
using input::Errors;
using input::LooksLikeEmail;
using input::ParseId;

domain::Employer ParseEmployer(storage::Tx& tx, const EmployerInput& in) {
  Errors errors;
  domain::Employer e;
  e.name = Trim(in.name);
  if (e.name.empty()) errors.Add("name", "Enter a name.");
  CheckLength(errors, "name", e.name, 200);
  auto kind = domain::ParseEmployerKind(Trim(in.kind));
  if (!kind)
    errors.Add("kind", "Choose a kind.");
  else
    e.kind = *kind;
  if (Trim(in.org_number).empty()) {
    errors.Add("org_number", "Enter the organisation number.");
  } else if (!domain::IsValidOrganisationNumber(in.org_number)) {
    errors.Add("org_number", "Enter a valid organisation number (nine digits).");
  } else {
    e.org_number = *domain::NormaliseOrganisationNumber(in.org_number);
  }
  e.municipality_number = Trim(in.municipality_number);
  if (!e.municipality_number.empty() &&
      !storage::MunicipalityRepository(tx).Find(e.municipality_number))
    errors.Add("municipality_number", "Choose a municipality from the list.");
  e.address = Trim(in.address);
  e.postal_code = Trim(in.postal_code);
  e.city = Trim(in.city);
  e.invoice_contact_name = Trim(in.invoice_contact_name);
  e.invoice_contact_email = Trim(in.invoice_contact_email);
  CheckLength(errors, "address", e.address, 200);
  CheckLength(errors, "city", e.city, 100);
  CheckLength(errors, "invoice_contact_name", e.invoice_contact_name, 200);
  if (!e.postal_code.empty() &&
      (e.postal_code.size() != 4 || !std::all_of(e.postal_code.begin(), e.postal_code.end(),
                                                 [](char c) { return c >= '0' && c <= '9'; })))
    errors.Add("postal_code", "Enter a postal code of four digits.");
  if (!e.invoice_contact_email.empty() &&
      (!LooksLikeEmail(e.invoice_contact_email) || e.invoice_contact_email.size() > 254))
    errors.Add("invoice_contact_email", "Enter a valid e-mail address.");
  errors.ThrowIfAny();
  return e;
}

std::int64_t InsertEmployer(storage::Tx& tx, const EmployerInput& in, std::int64_t now) {
  auto employer = ParseEmployer(tx, in);
  storage::EmployerRepository employers(tx);
  if (employers.FindByOrgNumber(employer.org_number))
    throw Invalid(std::vector<FieldError>{
        FieldError{"org_number", "An employer with this organisation number already exists."}});
  return employers.Insert(employer, now);
}

}  // namespace

// === employers ==================================================================================

domain::PageResult<domain::Employer> SignupService::ListEmployers(const Actor& actor,
                                                                  const domain::PageRequest& page) {
  RequireLogin(actor);
  if (!actor.WorksForAnyOperator()) throw Forbidden("employer list is for operator staff");
  domain::PageResult<domain::Employer> out;
  db_.Read([&](storage::Tx& tx) {
    out = storage::EmployerRepository(tx).List(page);
    std::vector<std::int64_t> ids;
    for (const auto& e : out.items) ids.push_back(e.id);
    const auto editable = employers::EditableAmong(tx, actor, ids);
    for (auto& e : out.items)
      if (!editable.contains(e.id)) employers::WithoutInvoiceContact(e);
  });
  return out;
}

EmployerView SignupService::GetEmployer(const Actor& actor, std::int64_t id) {
  RequireLogin(actor);
  EmployerView view;
  db_.Read([&](storage::Tx& tx) {
    auto e = storage::EmployerRepository(tx).Find(id);
    if (!e || !employers::MaySee(actor, id)) throw NotFound("employer");
    view.employer = *e;
    view.can_edit = employers::MayEdit(tx, actor, id);
    if (!view.can_edit) employers::WithoutInvoiceContact(view.employer);
    // The employer's cohorts, limited to those the actor could open.
    storage::CohortRepository cohorts(tx);
    for (auto& s : cohorts.Related({}, {id}, {})) {
      if (cohorts::AccessToCohort(tx, actor, s.cohort.id, s.operator_id).Visible())
        view.cohorts.push_back(std::move(s));
    }
  });
  return view;
}

std::int64_t SignupService::CreateEmployer(const Actor& actor, const EmployerInput& in) {
  RequireLogin(actor);
  if (!actor.WorksForAnyOperator()) throw Forbidden("only operator staff create employers");
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) {
    const auto now = Now();
    id = InsertEmployer(tx, in, now);
    if (auto op = employers::CreatingOperator(actor))
      storage::EmployerRightsRepository(tx).SetCreatedBy(id, op);
    employers::LogChanges(tx, actor, nullptr, *storage::EmployerRepository(tx).Find(id), now);
  });
  return id;
}

std::int64_t SignupService::CreateEmployerTrusted(const EmployerInput& in) {
  std::int64_t id = 0;
  db_.Transact([&](storage::Tx& tx) { id = InsertEmployer(tx, in, Now()); });
  return id;
}

void SignupService::UpdateEmployer(const Actor& actor, std::int64_t id, const EmployerInput& in) {
  RequireLogin(actor);
  db_.Transact([&](storage::Tx& tx) {
    const auto before = employers::RequireEditable(tx, actor, id);
    storage::EmployerRepository repo(tx);
    auto e = ParseEmployer(tx, in);
    auto other = repo.FindByOrgNumber(e.org_number);
    if (other && other->id != id)
      throw Invalid(std::vector<FieldError>{
          FieldError{"org_number", "An employer with this organisation number already exists."}});
    e.id = id;
    repo.Update(e);
    employers::LogChanges(tx, actor, &before, e, Now());
  });
  Touch();
}

domain::PageResult<domain::EmployerChange> SignupService::ListEmployerChanges(
    const domain::Actor& actor, std::int64_t employer_id, const domain::PageRequest& page) {
  domain::PageResult<domain::EmployerChange> out;
  db_.Read([&](storage::Tx& tx) {
    employers::RequireEditable(tx, actor, employer_id);
    out = storage::EmployerRightsRepository(tx).Changes(employer_id, page);
  });
  return out;
}

}  // namespace tp::services
