#include "services/pool/offer_closing.h"

#include "services/mail/mailer.h"
#include "storage/database.h"
#include "storage/pool/pool_repositories.h"
#include "storage/signup/signup_repositories.h"

namespace tp::services {

void CloseOffers(storage::Tx& tx, const Mailer& mailer, const std::string& public_url,
                 const std::vector<domain::pool::Offer>& offers, const std::string& kind,
                 std::int64_t now) {
  storage::PoolRepository repo(tx);
  storage::ParticipationRepository participations(tx);
  for (const auto& o : offers) {
    if (o.status != "open" || !repo.SetOfferStatus(o.id, "closed", now)) continue;
    for (const auto& [email, locale] : participations.CoordinatorContacts(o.employer_id))
      mailer.Queue(
          tx, email, locale.empty() ? "nb" : locale, kind,
          {{"candidate", o.candidate_name},
           {"cohort", o.cohort_name},
           {"link", public_url + "/cohorts/" + std::to_string(o.cohort_id) + "/priorities"}},
          now);
  }
}

void CloseOffersOfWithdrawnApplication(storage::Tx& tx, const Mailer& mailer,
                                       const std::string& public_url, std::int64_t application_id,
                                       std::int64_t now) {
  CloseOffers(tx, mailer, public_url,
              storage::PoolRepository(tx).OffersForApplication(application_id),
              "pool/offer_closed_withdrawn", now);
}

}  // namespace tp::services
