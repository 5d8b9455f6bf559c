#include "app/demo_pool.h"

#include <spdlog/spdlog.h>

#include <vector>

#include "app/app.h"
#include "domain/errors.h"
#include "services/pool/pool_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/database.h"
#include "storage/sql_helpers.h"

namespace tp::app {

void SeedPoolDemo(App& app) {
  using domain::Role;
  auto& db = app.database();
  std::int64_t cohort = 0, op = 0;
  domain::Actor coordinator;
  db.Read([&](storage::Tx& tx) {
    storage::sqlx::Cursor c(tx,
                            "SELECT c.id, p.operator_id FROM cohorts c JOIN programmes p ON p.id "
                            "= c.programme_id JOIN operators o ON o.id = p.operator_id WHERE "
                            "c.name = 'Kull 5' AND o.short_name = 'KS' ORDER BY c.id",
                            {}, "II");
    if (c.Next()) {
      cohort = c.Int(0);
      op = c.Int(1);
    }
    if (auto p = storage::PersonRepository(tx).FindByEmail("koordinator@example.org")) {
      coordinator.person_id = p->id;
      for (const auto& g : storage::GrantRepository(tx).ForPerson(p->id))
        coordinator.grants.push_back({g.role, g.scope_id});
    }
  });
  if (cohort == 0 || coordinator.person_id == 0) return;
  domain::Actor staff;
  staff.person_id = -1;
  staff.grants.push_back({Role::kOperatorStaff, op});

  auto& pool = app.pool();
  std::vector<domain::pool::ApplicationRow> rows;
  domain::PageRequest page;
  page.per_page = 200;
  domain::pool::Filter sent;
  sent.status = "sent";
  for (page.page = 1;; ++page.page) {
    auto list = pool.ListApplications(staff, cohort, sent, page);
    rows.insert(rows.end(), list.page.items.begin(), list.page.items.end());
    if (static_cast<long>(rows.size()) >= list.page.total || list.page.items.empty()) break;
  }
  if (rows.empty()) return;

  const char* reasons[] = {"Mangler fullført høyere utdanning.", "Utdanningen er eldre enn to år.",
                           "Søknaden mangler vitnemål."};
  const char* tags[] = {"sterk kandidat", "intervju", "sjekk vitnemål"};
  int n = 0;
  for (const auto& r : rows) {
    if (n % 6 == 5)
      pool.SetQualification(staff, r.id, "not_qualified", reasons[(n / 6) % 3]);
    else
      pool.SetQualification(staff, r.id, "qualified", "");
    if (n % 4 == 0) pool.AddTag(staff, r.id, tags[(n / 4) % 3]);
    ++n;
  }
  pool.ReleasePool(staff, cohort);

  domain::PageRequest first;
  first.per_page = 6;
  auto candidates = pool.Pool(coordinator, cohort, 0, {}, first);
  const char* notes[] = {"Sterk faglig, god motivasjon. Inviter til intervju.",
                         "Relevant erfaring fra plan og bygg.",
                         "Gode referanser.",
                         "Aktuell for vann og avløp.",
                         "Kan passe i økonomiavdelingen.",
                         "Tas inn til andre intervjurunde."};
  const char* interviews[] = {"interviewed", "invited", "interviewed", "none", "invited", "none"};
  n = 0;
  for (const auto& c : candidates.page.items) {
    pool.Prioritise(coordinator, cohort, c.id);
    pool.SaveAssessment(coordinator, cohort, c.id, notes[n % 6], interviews[n % 6]);
    ++n;
  }
  // Offers: the first accepted (hired), the second declined, the third open.
  const auto& items = candidates.page.items;
  for (std::size_t i = 0; i < items.size() && i < 3; ++i) {
    try {
      auto offer = pool.MakeOffer(coordinator, cohort, items[i].id,
                                  {i == 1 ? "temporary" : "permanent", "6", "2011-09-01", ""});
      domain::Actor applicant;
      applicant.person_id = items[i].person_id;
      if (i == 0) pool.AcceptOffer(applicant, offer);
      if (i == 1) pool.DeclineOffer(applicant, offer);
    } catch (const std::exception& e) {
      spdlog::warn("demo pool: offer to application {} skipped: {}", items[i].id, e.what());
    }
  }
}

}  // namespace tp::app
