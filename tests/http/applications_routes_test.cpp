// The applications area over real sockets: sign-up, the application form with uploads,
// sending once, the receipt, the deadline, withdrawal, the export, account deletion and the API.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <thread>

#include "app/app.h"
#include "domain/applications/rules.h"
#include "domain/dates.h"
#include "http/message.h"
#include "services/accounts/account_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "storage/database.h"
#include "storage/sql_helpers.h"
#include "support/forms.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;

const std::string kPassword = "riktig-passord-1";
const std::string kPdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const std::string kBoundary = "----tpTestBoundary7MA4YWxkTrZu0gW";

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

struct FilePart {
  std::string name, filename, data;
};

// A multipart/form-data body with the client's CSRF token first.
std::string Multipart(const TestClient& c,
                      const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::vector<FilePart>& files = {}) {
  std::string out;
  auto field = [&](const std::string& name, const std::string& value) {
    out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
           value + "\r\n";
  };
  field("_csrf", test::CsrfOf(c));
  for (const auto& [k, v] : fields) field(k, v);
  for (const auto& f : files)
    out += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.name +
           "\"; filename=\"" + f.filename + "\"\r\nContent-Type: application/pdf\r\n\r\n" + f.data +
           "\r\n";
  out += "--" + kBoundary + "--\r\n";
  return out;
}

const std::string kMultipartType = "multipart/form-data; boundary=" + kBoundary;

std::string IsoInDays(int days) {
  return domain::FormatIso(domain::AddDays(domain::OsloToday(), days));
}

class ApplicationsHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svc = app_.app().programmes();
    auto& signup = app_.app().signup();
    auto ks = svc.CreateOperatorTrusted({"KS", "KS", "national"});
    auto programme =
        svc.CreateProgrammeTrusted(ks, {"Kommunesektorens traineeprogram", "national_model", ""});
    open_ = svc.CreateCohortTrusted(
        programme, {"Kull 20", IsoInDays(-30), IsoInDays(30), IsoInDays(200), "", ""});
    closed_ = svc.CreateCohortTrusted(
        programme, {"Kull 19", IsoInDays(-90), IsoInDays(-1), IsoInDays(100), "", ""});
    services::ParticipationInput p;
    p.employer_id = std::to_string(signup.CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""}));
    p.trainees_wanted = "1";
    p.status = "confirmed";
    participation_ = signup.SignUpEmployerTrusted(open_, p);
    app_.app().accounts().CreatePersonWithPassword("kari@example.no", "Kari Nordmann", kPassword,
                                                   {{Role::kApplicant, 0}});
    app_.app().accounts().CreatePersonWithPassword("ansatt@example.no", "Ansatt", kPassword,
                                                   {{Role::kOperatorStaff, ks}});
  }

  std::vector<std::pair<std::string, std::string>> Complete(const std::string& action) {
    return {{"given_name", "Kari"},
            {"family_name", "Nordmann"},
            {"birth_date", "01.02.1996"},
            {"gender", "female"},
            {"phone", "912 34 567"},
            {"address", "Storgata 1"},
            {"postal_code", "0155"},
            {"city", "Oslo"},
            {"municipality_number", "0301"},
            {"occupation", "Rådgiver"},
            {"experience", "Sommerjobb"},
            {"motivation", "Jeg vil <b>jobbe</b> i kommunen."},
            {"edu_rows", "1"},
            {"edu_degree_0", "master"},
            {"edu_background_id_0", ""},
            {"edu_field_0", "Samfunnsøkonomi"},
            {"edu_institution_0", "Universitetet i Oslo"},
            {"edu_year_0", "2020"},
            {"pref_" + std::to_string(participation_), "1"},
            {"action", action}};
  }

  long Count(const std::string& sql) {
    long n = 0;
    app_.app().database().Read(
        [&](storage::Tx& tx) { n = static_cast<long>(storage::sqlx::Scalar(tx, sql)); });
    return n;
  }

  std::string LastMailBody(const std::string& to) {
    std::string body;
    app_.app().database().Read([&](storage::Tx& tx) {
      storage::sqlx::Cursor c(
          tx, "SELECT body_text FROM outbox WHERE to_address = :to ORDER BY id DESC",
          storage::sqlx::Params().Text("to", to), "T");
      if (c.Next()) body = c.Text(0);
    });
    return body;
  }

  std::string Apply(std::int64_t cohort) { return "/apply/cohorts/" + std::to_string(cohort); }

  test::TestApp app_;
  std::int64_t open_ = 0, closed_ = 0, participation_ = 0;
};

TEST_F(ApplicationsHttp, SignUpIsVerifiedByLinkAndLogsIn) {
  auto c = app_.Anonymous();
  auto form = c.Get("/register");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form.body, "Opprett søkerkonto"));
  auto bad = c.Post("/register", test::FormBody(c, {{"email", "siri@example.no"},
                                                    {"name", "Siri <Søker>"},
                                                    {"password", "hemmelig-passord"},
                                                    {"password_repeat", "annet-passord"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "value=\"siri@example.no\""));
  EXPECT_TRUE(Has(bad.body, "Siri &lt;Søker&gt;"));
  EXPECT_TRUE(Has(bad.body, "Passordene er ikke like."));
  EXPECT_TRUE(Has(bad.body, "Du må godta vilkårene."));

  auto fields =
      std::vector<std::pair<std::string, std::string>>{{"email", "siri@example.no"},
                                                       {"name", "Siri Søker"},
                                                       {"password", "hemmelig-passord"},
                                                       {"password_repeat", "hemmelig-passord"},
                                                       {"accept_terms", "1"}};
  auto ok = c.Post("/register", test::FormBody(c, fields));
  ASSERT_EQ(ok.status, 200);
  EXPECT_TRUE(Has(ok.body, "Sjekk e-posten din"));
  // An e-mail that already has an account gets the same page.
  fields[0].second = "kari@example.no";
  auto existing = c.Post("/register", test::FormBody(c, fields));
  EXPECT_EQ(existing.status, 200);
  EXPECT_TRUE(Has(existing.body, "Sjekk e-posten din"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/account_exists'"), 1);

  std::smatch m;
  const auto mail = LastMailBody("siri@example.no");
  ASSERT_TRUE(std::regex_search(mail, m, std::regex("/register/verify/([A-Za-z0-9_-]+)"))) << mail;
  const std::string link = "/register/verify/" + m[1].str();
  EXPECT_EQ(c.Get(link).status, 200);
  const auto csrf_before = c.CookieValue("tp_csrf");
  auto done = c.Post(link, test::FormBody(c, {}));
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), "/applications?welcome=1");
  ASSERT_TRUE(c.CookieValue("tp_session"));
  // Logging in gives a new CSRF token: one known before is not valid after.
  ASSERT_TRUE(csrf_before && c.CookieValue("tp_csrf"));
  EXPECT_NE(*csrf_before, *c.CookieValue("tp_csrf"));
  auto mine = c.Get(done.Header("location"));
  EXPECT_EQ(mine.status, 200);
  EXPECT_TRUE(Has(mine.body, "Velkommen"));
  EXPECT_EQ(c.Post(link, test::FormBody(c, {})).status, 404);
}

TEST_F(ApplicationsHttp, AnonymousIsSentToLoginAndStaffMayNotApply) {
  auto anon = app_.Anonymous();
  auto r = anon.Get(Apply(open_));
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.Header("location").rfind("/login?next=", 0), 0u);
  auto staff = app_.LoggedIn("ansatt@example.no", kPassword);
  EXPECT_EQ(staff.Get(Apply(open_)).status, 403);
  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  EXPECT_EQ(kari.Get(Apply(999999)).status, 404);
}

// A double-clicked send makes the browser post the whole form again, files included; two app
// servers may get the posts at the same moment. One application, one receipt, one copy of
// each file.
TEST_F(ApplicationsHttp, RepostedSendWithFilesStoresEachFileOnce) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  ASSERT_EQ(c.Get(Apply(open_)).status, 200);
  const auto body = Multipart(c, Complete("send"),
                              {{"cv", "cv.pdf", kPdf}, {"diploma", "vitnemal.pdf", kPdf + "%d\n"}});
  std::vector<int> statuses(3);
  std::vector<std::thread> clicks;
  for (int i = 0; i < 2; ++i)
    clicks.emplace_back([&, i] {
      auto copy = c;  // the same session and CSRF cookie on a new connection
      statuses[i] = copy.Post(Apply(open_), body, kMultipartType).status;
    });
  for (auto& t : clicks) t.join();
  statuses[2] = c.Post(Apply(open_), body, kMultipartType).status;  // and once more after both
  EXPECT_EQ(statuses, (std::vector<int>{303, 303, 303}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE status = 'sent'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files WHERE kind = 'cv'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files WHERE kind = 'diploma'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/receipt'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 1);
  // The receipt page lists the two files once each.
  auto receipt = c.Get(Apply(open_) + "/receipt");
  ASSERT_EQ(receipt.status, 200);
  std::size_t cv = 0;
  for (auto at = receipt.body.find("cv.pdf"); at != std::string::npos;
       at = receipt.body.find("cv.pdf", at + 1))
    ++cv;
  EXPECT_EQ(cv, 1u);

  // The same PDF uploaded through the API once more is the file already stored.
  const boost::json::object file{
      {"kind", "cv"}, {"filename", "cv-igjen.pdf"}, {"content_base64", domain::Base64Encode(kPdf)}};
  auto csrf = std::map<std::string, std::string>{{"X-CSRF-Token", test::CsrfOf(c)},
                                                 {"Content-Type", "application/json"}};
  auto up = c.Send("POST", "/api/v1/cohorts/" + std::to_string(open_) + "/application/files",
                   boost::json::serialize(file), csrf);
  EXPECT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files WHERE kind = 'cv'"), 1);
}

TEST_F(ApplicationsHttp, BadUploadKeepsTypedValuesAndSendingTwiceSendsOnce) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  auto page = c.Get(Apply(open_));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "Nittedal kommune"));
  EXPECT_TRUE(Has(page.body, "enctype=\"multipart/form-data\""));

  // A Word file as CV: refused with 422, the rest is saved and shown as typed.
  auto bad = c.Post(Apply(open_), Multipart(c, Complete("send"), {{"cv", "cv.docx", "PK\x03\x04"}}),
                    kMultipartType);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "Filen er ikke en PDF."));
  EXPECT_TRUE(Has(bad.body, "value=\"Storgata 1\""));
  EXPECT_TRUE(Has(bad.body, "Jeg vil &lt;b&gt;jobbe&lt;/b&gt; i kommunen."));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE status = 'draft' AND address = "
                  "'Storgata 1'"),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files"), 0);

  // Sending without a CV: 422 naming it, nothing sent.
  auto missing = c.Post(Apply(open_), Multipart(c, Complete("send")), kMultipartType);
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(Has(missing.body, "Last opp CV-en din som PDF."));

  auto sent = c.Post(Apply(open_), Multipart(c, Complete("send"), {{"cv", "cv.pdf", kPdf}}),
                     kMultipartType);
  ASSERT_EQ(sent.status, 303);
  EXPECT_EQ(sent.Header("location"), Apply(open_) + "/receipt");
  // The double click.
  auto again = c.Post(Apply(open_), Multipart(c, Complete("send")), kMultipartType);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/receipt'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE status = 'sent'"), 1);
  // The receipt e-mail is rendered from its template in bokmål, with the receipt link.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/receipt' AND subject = "
                  "'Søknaden din er mottatt'"),
            1);
  EXPECT_TRUE(
      Has(LastMailBody("kari@example.no"), "/apply/cohorts/" + std::to_string(open_) + "/receipt"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files"), 1);

  auto receipt = c.Get(Apply(open_) + "/receipt");
  ASSERT_EQ(receipt.status, 200);
  EXPECT_TRUE(Has(receipt.body, "Kvittering"));
  EXPECT_TRUE(Has(receipt.body, domain::ApplicationReference(open_, 1).substr(0, 2)));
  EXPECT_TRUE(Has(receipt.body, "Universitetet i Oslo"));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(receipt.body, m, std::regex("/applications/files/([0-9]+)")));
  auto pdf = c.Get("/applications/files/" + m[1].str());
  EXPECT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body, kPdf);
  EXPECT_EQ(pdf.Header("content-type"), "application/pdf");
  // Somebody else's file is not found.
  app_.app().accounts().CreatePersonWithPassword("ola@example.no", "Ola", kPassword,
                                                 {{Role::kApplicant, 0}});
  auto ola = app_.LoggedIn("ola@example.no", kPassword);
  EXPECT_EQ(ola.Get("/applications/files/" + m[1].str()).status, 404);

  // The account cannot be deleted now.
  EXPECT_EQ(c.Get("/account/delete").status, 409);
  // Withdraw after a confirmation page.
  EXPECT_EQ(c.Get(Apply(open_) + "/withdraw").status, 200);
  auto withdrawn = c.Post(Apply(open_) + "/withdraw", test::FormBody(c, {}));
  EXPECT_EQ(withdrawn.status, 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE status = 'withdrawn'"), 1);
  auto refused = c.Post(Apply(open_), Multipart(c, Complete("save")), kMultipartType);
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(Has(refused.body, "Søknaden er trukket"));
}

TEST_F(ApplicationsHttp, AfterTheDeadlineThePageIsReadOnly) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  auto page = c.Get(Apply(closed_));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "Søknadsfristen er ute"));
  EXPECT_FALSE(Has(page.body, "name=\"motivation\""));
  auto post = c.Post(Apply(closed_), Multipart(c, Complete("send")), kMultipartType);
  EXPECT_EQ(post.status, 409);
  EXPECT_TRUE(Has(post.body, "Søknadsfristen er ute"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 0);
}

TEST_F(ApplicationsHttp, ExportAndAccountDeletionWhileOnlyDrafts) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  ASSERT_EQ(c.Post(Apply(open_), Multipart(c, Complete("save"), {{"diploma", "v.pdf", kPdf}}),
                   kMultipartType)
                .status,
            303);
  auto exported = c.Get("/account/export.json");
  ASSERT_EQ(exported.status, 200);
  auto doc = boost::json::parse(exported.body).as_object();
  EXPECT_EQ(doc.at("account").at("email").as_string(), "kari@example.no");
  const auto& apps = doc.at("applications").as_array();
  ASSERT_EQ(apps.size(), 1u);
  EXPECT_EQ(apps[0].at("motivation").as_string(), "Jeg vil <b>jobbe</b> i kommunen.");
  EXPECT_EQ(domain::Base64Decode(
                std::string(apps[0].at("files").as_array()[0].at("content_base64").as_string())),
            kPdf);
  EXPECT_EQ(c.Get("/account/delete").status, 200);
  auto deleted = c.Post("/account/delete", test::FormBody(c, {}));
  EXPECT_EQ(deleted.status, 303);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE email = 'kari@example.no'"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_files"), 0);
  EXPECT_EQ(c.Get("/applications").status, 303);  // logged out
}

TEST_F(ApplicationsHttp, ApiDraftUploadSendOnce) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(c)},
                                       {"Content-Type", "application/json"}};
  const std::string base = "/api/v1/cohorts/" + std::to_string(open_) + "/application";
  EXPECT_EQ(c.Send("GET", base, "", h).status, 404);
  boost::json::object in{
      {"given_name", "Kari"},
      {"family_name", "Nordmann"},
      {"birth_date", "1996-02-01"},
      {"phone", "91234567"},
      {"address", "Storgata 1"},
      {"postal_code", "0155"},
      {"city", "Oslo"},
      {"municipality_number", "0301"},
      {"motivation", "Motivert"},
      {"public_list_opt_out", true},
      {"opt_out_reason", "Nåværende arbeidsgiver vet ikke"},
      {"education",
       boost::json::array{
           {{"degree", "bachelor"}, {"field", "Jus"}, {"institution", "UiB"}, {"year", 2019}}}},
      {"preferences", boost::json::array{participation_}}};
  auto put = c.Send("PUT", base, boost::json::serialize(in), h);
  ASSERT_EQ(put.status, 200) << put.body;
  auto saved = boost::json::parse(put.body).as_object();
  EXPECT_EQ(saved.at("status").as_string(), "draft");
  EXPECT_EQ(saved.at("public_list_opt_out").as_bool(), true);
  auto no_cv = c.Send("POST", base + "/send", "{}", h);
  EXPECT_EQ(no_cv.status, 422);
  EXPECT_TRUE(Has(no_cv.body, "\"cv\""));
  auto not_pdf = c.Send("POST", base + "/files",
                        R"({"kind":"cv","filename":"cv.txt","content_base64":"aGVp"})", h);
  EXPECT_EQ(not_pdf.status, 422);
  boost::json::object file{
      {"kind", "cv"}, {"filename", "cv.pdf"}, {"content_base64", domain::Base64Encode(kPdf)}};
  auto up = c.Send("POST", base + "/files", boost::json::serialize(file), h);
  ASSERT_EQ(up.status, 201) << up.body;
  // A diploma of 3 MB: above the server's general 1 MB body limit, within this route's.
  std::string big = "%PDF-1.4\n" + std::string(3 * 1024 * 1024, 'x') + "\n%%EOF\n";
  boost::json::object diploma{{"kind", "diploma"},
                              {"filename", "vitnemal.pdf"},
                              {"content_base64", domain::Base64Encode(big)}};
  auto big_up = c.Send("POST", base + "/files", boost::json::serialize(diploma), h);
  EXPECT_EQ(big_up.status, 201) << big_up.body.substr(0, 300);
  auto sent = c.Send("POST", base + "/send", "{}", h);
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto s = boost::json::parse(sent.body).as_object();
  EXPECT_EQ(s.at("status").as_string(), "sent");
  EXPECT_FALSE(s.at("already_sent").as_bool());
  auto twice = boost::json::parse(c.Send("POST", base + "/send", "{}", h).body).as_object();
  EXPECT_TRUE(twice.at("already_sent").as_bool());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/receipt'"), 1);
  auto list = boost::json::parse(c.Get("/api/v1/applications?per_page=1").body).as_object();
  EXPECT_EQ(list.at("total").as_int64(), 1);
  EXPECT_EQ(list.at("items").as_array()[0].at("status").as_string(), "sent");
  // After the deadline the API answers 409.
  auto late = c.Send("PUT", "/api/v1/cohorts/" + std::to_string(closed_) + "/application",
                     boost::json::serialize(in), h);
  EXPECT_EQ(late.status, 409);
}

TEST_F(ApplicationsHttp, ApiRegistrationVerificationAndAccountDeletion) {
  auto c = app_.Anonymous();
  std::map<std::string, std::string> json{{"Content-Type", "application/json"}};
  auto bad = c.Send("POST", "/api/v1/registrations",
                    R"({"email":"ola@example","name":"Ola","password":"kort",)"
                    R"("password_repeat":"annet","accept_terms":false})",
                    json);
  ASSERT_EQ(bad.status, 422) << bad.body;
  for (const auto* field : {"\"email\"", "\"password\"", "\"password_repeat\"", "\"accept_terms\""})
    EXPECT_TRUE(Has(bad.body, field)) << field;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);

  const std::string good =
      R"({"email":"Ola@Example.no","name":"Ola Søker","password":"hemmelig-passord",)"
      R"("password_repeat":"hemmelig-passord","accept_terms":true})";
  auto ok = c.Send("POST", "/api/v1/registrations", good, json);
  ASSERT_EQ(ok.status, 202) << ok.body;
  EXPECT_EQ(boost::json::parse(ok.body).at("email").as_string(), "ola@example.no");
  // An address with an account gets the same answer, and an e-mail about the existing account.
  auto existing =
      c.Send("POST", "/api/v1/registrations",
             R"({"email":"kari@example.no","name":"Kari","password":"hemmelig-passord",)"
             R"("password_repeat":"hemmelig-passord","accept_terms":true})",
             json);
  EXPECT_EQ(existing.status, 202);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'applications/account_exists'"), 1);

  EXPECT_EQ(c.Send("POST", "/api/v1/registrations/verify", R"({"token":"nope"})", json).status,
            404);
  std::smatch m;
  const auto mail = LastMailBody("ola@example.no");
  ASSERT_TRUE(std::regex_search(mail, m, std::regex("/register/verify/([A-Za-z0-9_-]+)"))) << mail;
  const std::string token_body = "{\"token\":\"" + m[1].str() + "\"}";
  auto verified = c.Send("POST", "/api/v1/registrations/verify", token_body, json);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(boost::json::parse(verified.body).at("status").as_string(), "verified");
  ASSERT_TRUE(c.CookieValue("tp_session"));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE email = 'ola@example.no'"), 1);
  EXPECT_EQ(app_.Anonymous().Send("POST", "/api/v1/registrations/verify", token_body, json).status,
            404);

  // The new account works with a password login, and may delete itself while nothing is sent.
  auto ola = app_.LoggedIn("ola@example.no", "hemmelig-passord");
  std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(ola)}};
  EXPECT_EQ(ola.Get("/api/v1/applications").status, 200);
  EXPECT_EQ(ola.Send("DELETE", "/api/v1/account", "", h).status, 204);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE email = 'ola@example.no'"), 0);
  EXPECT_EQ(app_.Anonymous().Send("DELETE", "/api/v1/account", "", {}).status, 401);
}

TEST_F(ApplicationsHttp, ApiAccountDeletionIsRefusedOnceAnApplicationIsSent) {
  auto c = app_.LoggedIn("kari@example.no", kPassword);
  auto saved = c.Post(Apply(open_), Multipart(c, Complete("send"), {{"cv", "cv.pdf", kPdf}}),
                      kMultipartType);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 400);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE status = 'sent'"), 1);
  std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(c)}};
  EXPECT_EQ(c.Send("DELETE", "/api/v1/account", "", h).status, 409);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE email = 'kari@example.no'"), 1);
}

TEST_F(ApplicationsHttp, RegistrationFromTheApplyButtonReturnsToTheApplication) {
  auto c = app_.Anonymous();
  const std::string apply = Apply(open_);
  auto to_login = c.Get(apply);
  ASSERT_EQ(to_login.status, 303);
  auto login = c.Get(to_login.Header("location"));
  const std::string register_link = "/register?next=" + http::UrlEncode(apply);
  ASSERT_TRUE(Has(login.body, "href=\"" + register_link + "\"")) << login.body;
  auto form = c.Get(register_link);
  EXPECT_TRUE(Has(form.body, "name=\"next\" value=\"" + apply + "\""));
  // Another site as the return path is dropped.
  EXPECT_FALSE(Has(c.Get("/register?next=%2F%2Fevil.example").body, "name=\"next\""));

  auto ok = c.Post("/register", test::FormBody(c, {{"email", "per@example.no"},
                                                   {"name", "Per Søker"},
                                                   {"password", "hemmelig-passord"},
                                                   {"password_repeat", "hemmelig-passord"},
                                                   {"accept_terms", "1"},
                                                   {"next", apply}}));
  ASSERT_EQ(ok.status, 200);
  std::smatch m;
  const auto mail = LastMailBody("per@example.no");
  ASSERT_TRUE(
      std::regex_search(mail, m, std::regex("(/register/verify/[A-Za-z0-9_-]+\\?next=\\S+)")))
      << mail;
  const std::string link = m[1].str();
  auto page = c.Get(link);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "action=\"" + link + "\"")) << page.body;
  auto done = c.Post(link, test::FormBody(c, {}));
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), apply);
  EXPECT_EQ(c.Get(apply).status, 200);
}

}  // namespace
}  // namespace tp
