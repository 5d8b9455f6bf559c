#pragma once
// Inside web/applications only: the page groups that routes.cpp registers and what they share.
// Nothing outside this folder includes this file.
#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/applications/rules.h"
#include "services/applications/application_service.h"
#include "web/site.h"

namespace tp::web::applications {

// --- the page groups (each file opens with its route table) -------------------------------------

/// Applicant sign-up: /register and its e-mail link (signup_routes.cpp).
void RegisterSignupRoutes(Site& site, services::ApplicationService& svc);
/// The application to one cohort: form, receipt, withdrawal (apply_routes.cpp).
void RegisterApplyRoutes(Site& site, services::ApplicationService& svc);
/// The applicant's own pages: the list, files, data export, account deletion (mine_routes.cpp).
void RegisterMyRoutes(Site& site, services::ApplicationService& svc);
/// The JSON API of the area (api_routes.cpp).
void RegisterApiRoutes(Site& site, services::ApplicationService& svc);

// --- shared by the pages (page_helpers.cpp) ------------------------------------------------------

/// A PDF of at most 10 MB, a second one, and the text fields: the upload routes' body limit.
inline constexpr std::size_t kUploadBodyLimit = 2 * domain::kMaxApplicationFileBytes + 1024 * 1024;

inline std::string Id(std::int64_t id) { return std::to_string(id); }

/// Where to continue after registering: "next" from the form or the query, if a local path.
std::string ReturnPath(const Context& ctx);
/// Adds "next" and "next_query" to the page data when `next` is not empty.
void AddReturnPath(boost::json::object& data, const std::string& next);
/// "512 B", "12 kB", "1,4 MB".
std::string SizeText(std::int64_t bytes);
/// An ISO date as dd.mm.yyyy; the text unchanged when it is not a date.
std::string IsoToNorwegian(const std::string& iso);

/// The page templates/pages/applications/<page>, with "saved" set when the query asks for it.
http::Response AreaPage(const Site& site, Context& ctx, const std::string& page,
                        const std::string& title, boost::json::object data, int status = 200);
/// The confirmation page of a destructive action: `question` about `subject`, a POST to
/// `action` with `button`, or back to `cancel`.
http::Response ConfirmPage(const Site& site, Context& ctx, const std::string& title,
                           const std::string& question, const std::string& subject,
                           const std::string& button, const std::string& action,
                           const std::string& cancel);

// --- the typed application form (application_form.cpp) -----------------------------------------

/// One education row as typed.
struct Row {
  std::string degree, background_id, field, institution, year;
};

/// What the form posted, kept for re-rendering.
struct Typed {
  boost::json::object values;
  std::vector<Row> rows;                      // without removed and empty rows
  std::map<std::int64_t, std::string> ranks;  // participation id -> typed rank
  services::ApplicationInput input;
};

/// The posted application form.
Typed ReadForm(const Context& ctx);
/// The stored application as the form shows it (empty before the first save).
Typed FromApplication(const std::optional<domain::Application>& a);
/// The files posted with the form ("cv", "diploma").
std::vector<services::FileUpload> Uploads(const Context& ctx);
/// The application form of `cohort_id` with `typed` in it and `errors` at their inputs.
http::Response ApplicationFormPage(const Site& site, services::ApplicationService& svc,
                                   Context& ctx, std::int64_t cohort_id, const Typed& typed,
                                   const std::vector<FieldError>& errors, int status,
                                   const std::string& notice = "");
/// The page data of the receipt of a sent application.
boost::json::object ReceiptData(Context& ctx, std::int64_t cohort_id,
                                const services::ApplicationPageView& view);

// --- JSON of the API and the export (application_json.cpp) --------------------------------------

boost::json::object FileJson(const domain::ApplicationFile& f);
boost::json::object ApplicationJson(const domain::Application& a);
boost::json::object SummaryJson(const domain::ApplicationSummary& s);
boost::json::object ExportJson(const services::PersonExport& e);
/// A string or number member as text; "" when missing or null; for any other type something no
/// parser accepts, so that the field gets its error.
std::string JsonText(const boost::json::object& o, const char* key);
/// The application of a PUT body (see JsonText for the members' types).
services::ApplicationInput ApiInput(const boost::json::value& body);

}  // namespace tp::web::applications
