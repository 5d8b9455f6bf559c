#pragma once
#include <string>

#include "web/site.h"

namespace tp::services {
class ProgrammeService;
}
namespace tp::http {
class StaticFiles;
}

namespace tp::web {

/// Registers the public joint advert (no login): GET /advert/programmes/{id},
/// /advert/cohorts/{id} (confirmed employers with positions, backgrounds, presentation and logo,
/// the application deadline with a countdown, an "Apply" button, schema.org JobPosting JSON-LD
/// per employer), /advert/cohorts/{id}/feed.atom, /advert/logos/{id} and the JSON
/// /api/v1/advert/cohorts/{id}. Anonymous pages are cached per (page, language) in memory for a
/// few seconds and dropped at once when the service's AdvertVersion() changes. `public_url` is
/// the base of absolute links. `programmes` and `static_files` must outlive the site.
void RegisterAdvertRoutes(Site& site, services::ProgrammeService& programmes,
                          const http::StaticFiles& static_files, const std::string& public_url);

}  // namespace tp::web
