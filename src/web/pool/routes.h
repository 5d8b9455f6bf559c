#pragma once
#include "web/site.h"

namespace tp::services {
class PoolService;
}

namespace tp::web {

/// Registers registration (the operator's application list, assessment, tags, duplicates,
/// CSV/XLSX export, pool release), the employers' pool, prioritisation and offers, the
/// applicant's offers, direct enrolment of trainees, and their JSON API under /api/v1.
/// `pool` must outlive the site.
void RegisterPoolRoutes(Site& site, services::PoolService& pool);

}  // namespace tp::web
