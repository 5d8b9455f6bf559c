#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "domain/pool/model.h"

namespace tp::storage {
class Tx;
}

namespace tp::services {

class Mailer;

/// In the caller's write transaction: closes each of `offers` that is still open and queues
/// the e-mail `kind` ("pool/offer_closed": the candidate took another offer;
/// "pool/offer_closed_withdrawn": the candidate withdrew the application) to the coordinators
/// of the offering employer.
void CloseOffers(storage::Tx& tx, const Mailer& mailer, const std::string& public_url,
                 const std::vector<domain::pool::Offer>& offers, const std::string& kind,
                 std::int64_t now);

/// The application's open offers closed as above, because the application is withdrawn.
void CloseOffersOfWithdrawnApplication(storage::Tx& tx, const Mailer& mailer,
                                       const std::string& public_url, std::int64_t application_id,
                                       std::int64_t now);

}  // namespace tp::services
