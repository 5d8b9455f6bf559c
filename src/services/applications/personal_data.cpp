// What is stored about an applicant: the export of it all and the deletion of the account.
#include <algorithm>

#include "domain/accounts/actor.h"
#include "services/applications/application_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/applications/application_repositories.h"
#include "storage/database.h"
#include "storage/mail/outbox_repository.h"

namespace tp::services {

using domain::Actor;
using domain::RequireLogin;
using domain::Role;

PersonExport ApplicationService::Export(const Actor& actor) {
  RequireLogin(actor);
  PersonExport out;
  db_.Read([&](storage::Tx& tx) {
    auto p = storage::PersonRepository(tx).FindById(actor.person_id);
    if (!p) throw NotFound("person vanished");
    out.person = *p;
    out.grants = storage::GrantRepository(tx).ForPerson(actor.person_id);
    storage::ApplicationRepository repo(tx);
    for (const auto& s : repo.ListForPerson(actor.person_id)) {
      auto a = repo.FindById(s.id);
      if (!a) continue;
      std::vector<std::string> contents;
      for (const auto& f : a->files) contents.push_back(repo.FileContent(f.id));
      out.applications.push_back(std::move(*a));
      out.cohort_names.push_back(s.programme_name + " – " + s.cohort_name);
      out.file_contents.push_back(std::move(contents));
    }
    domain::PageRequest all;
    all.per_page = 100000;
    out.emails = storage::OutboxRepository(tx).List(p->email, all).items;
  });
  return out;
}

void ApplicationService::CheckMayDeleteAccount(const Actor& actor) {
  RequireLogin(actor);
  const bool only_applicant =
      !actor.grants.empty() &&
      std::all_of(actor.grants.begin(), actor.grants.end(),
                  [](const domain::Grant& g) { return g.role == Role::kApplicant; });
  if (!only_applicant) throw Forbidden("only applicants delete their own account");
  long submitted = 0;
  db_.Read([&](storage::Tx& tx) {
    submitted = storage::ApplicationRepository(tx).CountSubmittedForPerson(actor.person_id);
  });
  if (submitted > 0) throw Conflict("an application is sent");
}

void ApplicationService::DeleteAccount(const Actor& actor) {
  CheckMayDeleteAccount(actor);
  db_.Transact([&](storage::Tx& tx) {
    storage::ApplicationRepository repo(tx);
    // Checked again inside the transaction: a send may have landed since.
    if (repo.CountSubmittedForPerson(actor.person_id) > 0) throw Conflict("an application is sent");
    repo.DeleteForPerson(actor.person_id);
    storage::RegistrationRepository regs(tx);
    regs.DeleteForEmail(actor.email);
    regs.DeletePerson(actor.person_id);
  });
}

}  // namespace tp::services
