#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>

#include "app/app.h"
#include "services/accounts/account_service.h"
#include "storage/pool_fixture.h"
#include "support/forms.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;
using test::TestClient;
using namespace test::pool;

const std::string kPassword = "riktig-passord-1";

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

class PoolHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& db = app_.app().database();
    auto& accounts = app_.app().accounts();
    w_ = MakeWorld(db);
    accounts.CreatePersonWithPassword("staff@ks.no", "KS-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.op}});
    accounts.CreatePersonWithPassword("ttr@ks.no", "TTR-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.other_op}});
    accounts.CreatePersonWithPassword("a@baerum.no", "Koord A", kPassword,
                                      {{Role::kCoordinator, w_.employer_a}});
    accounts.CreatePersonWithPassword("b@nittedal.no", "Koord B", kPassword,
                                      {{Role::kCoordinator, w_.employer_b}});
    kari_person_ = accounts.CreatePersonWithPassword("kari@example.no", "Kari Nordmann", kPassword,
                                                     {{Role::kApplicant, 0}});
    auto kari = App(w_.cohort, "Kari", "Nordmann", "1995-01-01", "master", w_.bg_engineering,
                    "Bygg og miljø", 2010);
    kari.person_id = kari_person_;
    kari.motivation = "Jeg vil jobbe med samferdsel.";
    kari.preferences = {w_.part_a, w_.part_b};
    kari_ = AddApplicant(db, kari, "");
    auto dup = App(w_.cohort, "Kari", "NORDMANN", "1995-01-01", "bachelor", 0, "Historie", 2008);
    kari2_ = AddApplicant(db, dup, "kari2@example.no");
    auto ola =
        App(w_.cohort, "Ola", "Hansen", "1990-05-05", "master", w_.bg_economics, "Økonomi", 2011);
    ola.experience = "Regnskap";
    ola_ = AddApplicant(db, ola, "ola@example.no");
    db.Transact([&](storage::Tx& tx) {
      file_ = storage::PoolRepository(tx).InsertFile(kari_, "cv", "cv kari.pdf", "%PDF-1.4 cv", 1);
    });
  }

  std::string Cohort() const { return "/cohorts/" + std::to_string(w_.cohort); }
  std::string AppUrl(std::int64_t id) const {
    return Cohort() + "/applications/" + std::to_string(id);
  }

  test::TestApp app_;
  World w_;
  std::int64_t kari_person_ = 0, kari_ = 0, kari2_ = 0, ola_ = 0, file_ = 0;
};

TEST_F(PoolHttp, OperatorListsSearchesExportsAndAssesses) {
  auto anon = app_.Anonymous();
  auto r = anon.Get(Cohort() + "/applications");
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(Has(r.Header("location"), "/login?next="));

  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  r = staff.Get(Cohort() + "/applications");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Kari Nordmann"));
  EXPECT_TRUE(Has(r.body, "Ola Hansen"));
  EXPECT_TRUE(Has(r.body, "Mulig duplikat"));
  r = staff.Get(Cohort() + "/applications?q=samferdsel");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Kari Nordmann"));
  EXPECT_FALSE(Has(r.body, "Ola Hansen"));
  EXPECT_TRUE(Has(r.body, "applications.csv?q=samferdsel"));

  auto csv = staff.Get(Cohort() + "/applications.csv?degree=master");
  ASSERT_EQ(csv.status, 200);
  EXPECT_TRUE(Has(csv.Header("content-type"), "text/csv"));
  EXPECT_TRUE(Has(csv.body, "Kari;Nordmann;kari@example.no"));
  EXPECT_TRUE(Has(csv.body, "01.01.1995"));
  EXPECT_FALSE(Has(csv.body, "Historie"));
  auto xlsx = staff.Get(Cohort() + "/applications.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(Has(xlsx.Header("content-type"), "spreadsheetml"));
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  EXPECT_GT(xlsx.body.size(), 1000u);

  r = staff.Get(AppUrl(kari_));
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Bygg og miljø"));
  EXPECT_TRUE(Has(r.body, AppUrl(kari2_)));  // the likely duplicate
  EXPECT_TRUE(Has(r.body, "cv kari.pdf"));

  r = staff.Post(AppUrl(ola_) + "/qualification",
                 test::FormBody(staff, {{"qualification", "not_qualified"}, {"reason", ""}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Oppgi en begrunnelse"));
  r = staff.Post(
      AppUrl(ola_) + "/qualification",
      test::FormBody(staff, {{"qualification", "bogus"}, {"reason", "Skrevet <tekst>"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "Skrevet &lt;tekst&gt;"));
  r = staff.Post(AppUrl(ola_) + "/qualification",
                 test::FormBody(staff, {{"qualification", "not_qualified"},
                                        {"reason", "Mangler relevant utdanning"}}));
  EXPECT_EQ(r.status, 303);
  EXPECT_TRUE(Has(staff.Get(AppUrl(ola_)).body, "Mangler relevant utdanning"));
  EXPECT_EQ(staff.Post(AppUrl(kari_) + "/tags", test::FormBody(staff, {{"tag", "Sterk"}})).status,
            303);
  EXPECT_TRUE(Has(staff.Get(Cohort() + "/applications?tag=sterk").body, "Kari Nordmann"));
  EXPECT_FALSE(Has(staff.Get(Cohort() + "/applications?tag=sterk").body, "Ola Hansen"));
  // No CSRF token: refused.
  EXPECT_EQ(
      staff.Post(AppUrl(kari_) + "/tags", test::FormBody(staff, {{"tag", "x"}}, false)).status,
      403);

  auto file = staff.Get(AppUrl(kari_) + "/files/" + std::to_string(file_));
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body, "%PDF-1.4 cv");
  EXPECT_EQ(file.Header("content-type"), "application/pdf");
  EXPECT_TRUE(Has(file.Header("content-disposition"), "attachment"));
  EXPECT_EQ(file.Header("x-content-type-options"), "nosniff");

  auto coordinator = app_.LoggedIn("a@baerum.no", kPassword);
  EXPECT_EQ(coordinator.Get(Cohort() + "/applications").status, 403);
  EXPECT_EQ(coordinator.Get(AppUrl(kari_)).status, 403);
  auto ttr = app_.LoggedIn("ttr@ks.no", kPassword);
  EXPECT_EQ(ttr.Get(Cohort() + "/applications").status, 404);
  EXPECT_EQ(ttr.Get(AppUrl(kari_) + "/files/" + std::to_string(file_)).status, 404);

  // The API pages the same list.
  auto api = staff.Get("/api/v1" + Cohort() + "/applications?per_page=2&sort=name");
  ASSERT_EQ(api.status, 200);
  auto doc = boost::json::parse(api.body).as_object();
  EXPECT_EQ(doc.at("total").as_int64(), 3);
  EXPECT_EQ(doc.at("items").as_array().size(), 2u);
  auto put = staff.Send(
      "PUT", "/api/v1" + AppUrl(kari_) + "/qualification", R"({"qualification":"not_qualified"})",
      {{"X-CSRF-Token", test::CsrfOf(staff)}, {"Content-Type", "application/json"}});
  EXPECT_EQ(put.status, 422);
  EXPECT_TRUE(Has(put.body, "\"reason\""));
}

TEST_F(PoolHttp, ReleasePrioritiseOfferAndAccept) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  for (auto id : {kari_, ola_})
    ASSERT_EQ(staff
                  .Post(AppUrl(id) + "/qualification",
                        test::FormBody(staff, {{"qualification", "qualified"}}))
                  .status,
              303);
  EXPECT_EQ(a.Get(Cohort() + "/pool").status, 403);
  EXPECT_EQ(a.Get(Cohort() + "/release-pool").status, 403);
  auto confirm = staff.Get(Cohort() + "/release-pool");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Has(confirm.body, "Ja, frigi poolen"));
  EXPECT_EQ(staff.Post(Cohort() + "/release-pool", test::FormBody(staff, {})).status, 303);
  EXPECT_EQ(staff.Get(Cohort() + "/release-pool").status, 409);

  auto pool = a.Get(Cohort() + "/pool");
  ASSERT_EQ(pool.status, 200);
  EXPECT_TRUE(Has(pool.body, "Har dere som førstevalg"));
  EXPECT_LT(pool.body.find("Kari Nordmann"), pool.body.find("Ola Hansen"));
  EXPECT_FALSE(Has(pool.body, "Historie"));  // not qualified

  const std::string cand = Cohort() + "/pool/" + std::to_string(kari_);
  EXPECT_EQ(b.Post(cand + "/assessment",
                   test::FormBody(b, {{"note", "Hemmelig notat fra B"}, {"interview", "invited"}}))
                .status,
            303);
  EXPECT_EQ(
      b.Post(cand + "/assessment", test::FormBody(b, {{"note", "Beholdt"}, {"interview", "x"}}))
          .status,
      422);
  EXPECT_EQ(b.Post(cand + "/prioritise", test::FormBody(b, {})).status, 303);
  auto seen_by_a = a.Get(cand);
  ASSERT_EQ(seen_by_a.status, 200);
  EXPECT_FALSE(Has(seen_by_a.body, "Hemmelig notat fra B"));
  EXPECT_TRUE(Has(seen_by_a.body, "prioritert kandidaten: 1"));
  EXPECT_TRUE(Has(b.Get(cand).body, "Hemmelig notat fra B"));

  EXPECT_EQ(a.Post(cand + "/prioritise", test::FormBody(a, {})).status, 303);
  EXPECT_EQ(
      a.Post(Cohort() + "/pool/" + std::to_string(ola_) + "/prioritise", test::FormBody(a, {}))
          .status,
      303);
  EXPECT_EQ(a.Post(Cohort() + "/priorities/" + std::to_string(ola_) + "/up", test::FormBody(a, {}))
                .status,
            303);
  auto priorities = a.Get(Cohort() + "/priorities");
  ASSERT_EQ(priorities.status, 200);
  EXPECT_LT(priorities.body.find("Ola Hansen"), priorities.body.find("Kari Nordmann"));

  auto bad = a.Post(cand + "/offer", test::FormBody(a, {{"employment", "permanent"},
                                                        {"probation_months", "6"},
                                                        {"starts_on", "31.02.2011x"},
                                                        {"salary_chapter", "HTA kap. 5"}}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "31.02.2011x"));
  EXPECT_EQ(a.Post(cand + "/offer", test::FormBody(a, {{"employment", "permanent"},
                                                       {"probation_months", "6"},
                                                       {"starts_on", "01.09.2011"},
                                                       {"salary_chapter", "HTA kap. 5"}}))
                .status,
            303);
  EXPECT_EQ(b.Post(cand + "/offer",
                   test::FormBody(b, {{"employment", "temporary"}, {"starts_on", "2011-09-01"}}))
                .status,
            303);

  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  auto offers = kari.Get("/api/v1/offers");
  ASSERT_EQ(offers.status, 200);
  auto items = boost::json::parse(offers.body).as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  std::int64_t from_a = 0;
  for (const auto& o : items)
    if (o.at("employer").as_string() == "Bærum kommune") from_a = o.at("id").as_int64();
  ASSERT_GT(from_a, 0);
  auto page = kari.Get("/offers");
  EXPECT_TRUE(Has(page.body, "Bærum kommune"));
  EXPECT_TRUE(Has(page.body, "Nittedal kommune"));
  auto offer = kari.Get("/offers/" + std::to_string(from_a));
  ASSERT_EQ(offer.status, 200);
  EXPECT_TRUE(Has(offer.body, "01.09.2011"));
  EXPECT_TRUE(Has(offer.body, "HTA kap. 5"));
  EXPECT_EQ(a.Get("/offers/" + std::to_string(from_a)).status, 404);
  EXPECT_EQ(a.Post("/offers/" + std::to_string(from_a) + "/accept", test::FormBody(a, {})).status,
            404);
  EXPECT_EQ(
      kari.Post("/offers/" + std::to_string(from_a) + "/accept", test::FormBody(kari, {})).status,
      303);
  EXPECT_TRUE(Has(kari.Get("/offers/" + std::to_string(from_a)).body, "Akseptert"));
  auto after = boost::json::parse(kari.Get("/api/v1/offers").body).as_object();
  for (const auto& o : after.at("items").as_array())
    EXPECT_EQ(o.at("status").as_string(), o.at("id").as_int64() == from_a ? "accepted" : "closed");
  EXPECT_EQ(OutboxCount(app_.app().database(), "b@nittedal.no", "pool/offer_closed"), 1);
  EXPECT_EQ(OutboxCount(app_.app().database(), "a@baerum.no", "pool/offer_accepted"), 1);
  // The applicant account is now a trainee account.
  auto me = boost::json::parse(kari.Get("/api/v1/me").body).as_object();
  EXPECT_TRUE(Has(boost::json::serialize(me), "trainee"));
  EXPECT_FALSE(Has(boost::json::serialize(me), "applicant"));

  // Direct enrolment of an own hire.
  auto form = a.Get(Cohort() + "/enrol");
  ASSERT_EQ(form.status, 200);
  auto invalid =
      a.Post(Cohort() + "/enrol", test::FormBody(a, {{"name", "Nina"}, {"email", "ikke-epost"}}));
  EXPECT_EQ(invalid.status, 422);
  EXPECT_TRUE(Has(invalid.body, "ikke-epost"));
  EXPECT_EQ(a.Post(Cohort() + "/enrol",
                   test::FormBody(a, {{"name", "Nina Nyansatt"}, {"email", "nina@example.no"}}))
                .status,
            303);
  EXPECT_EQ(OutboxCount(app_.app().database(), "nina@example.no", "pool/enrolled"), 1);
}

TEST_F(PoolHttp, TheEmployerWithdrawsAnOpenOfferAfterAConfirmation) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  ASSERT_EQ(staff
                .Post(AppUrl(kari_) + "/qualification",
                      test::FormBody(staff, {{"qualification", "qualified"}}))
                .status,
            303);
  ASSERT_EQ(staff.Post(Cohort() + "/release-pool", test::FormBody(staff, {})).status, 303);
  const std::string cand = Cohort() + "/pool/" + std::to_string(kari_);
  ASSERT_EQ(b.Post(cand + "/offer",
                   test::FormBody(b, {{"employment", "temporary"}, {"starts_on", "01.09.2011"}}))
                .status,
            303);
  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  auto items = boost::json::parse(kari.Get("/api/v1/offers").body).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  const std::string offer = "/offers/" + std::to_string(items[0].at("id").as_int64());

  auto page = b.Get(cand);
  EXPECT_TRUE(Has(page.body, "href=\"" + offer + "/withdraw\""));
  auto confirm = b.Get(offer + "/withdraw");
  ASSERT_EQ(confirm.status, 200);
  EXPECT_TRUE(Has(confirm.body, "Ja, trekk tilbake tilbudet"));
  EXPECT_TRUE(Has(confirm.body, "Kari Nordmann"));
  // Not the other employer, not the applicant.
  EXPECT_EQ(a.Get(offer + "/withdraw").status, 404);
  EXPECT_EQ(a.Post(offer + "/withdraw", test::FormBody(a, {})).status, 404);
  EXPECT_EQ(kari.Post(offer + "/withdraw", test::FormBody(kari, {})).status, 404);

  auto done = b.Post(offer + "/withdraw", test::FormBody(b, {}));
  ASSERT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), cand + "?saved=1");
  EXPECT_TRUE(Has(kari.Get(offer).body, "Trukket"));
  EXPECT_EQ(OutboxCount(app_.app().database(), "kari@example.no", "pool/offer_withdrawn"), 1);
  EXPECT_EQ(b.Get(offer + "/withdraw").status, 409);
  std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(b)}};
  EXPECT_EQ(b.Send("POST", "/api/v1" + offer + "/withdraw", "", h).status, 409);

  // Through the API, a new offer.
  ASSERT_EQ(b.Post(cand + "/offer",
                   test::FormBody(b, {{"employment", "permanent"}, {"starts_on", "01.09.2011"}}))
                .status,
            303);
  items = boost::json::parse(kari.Get("/api/v1/offers").body).at("items").as_array();
  std::int64_t open = 0;
  for (const auto& o : items)
    if (o.at("status").as_string() == "open") open = o.at("id").as_int64();
  ASSERT_GT(open, 0);
  auto api = b.Send("POST", "/api/v1/offers/" + std::to_string(open) + "/withdraw", "", h);
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(boost::json::parse(api.body).at("status").as_string(), "withdrawn");
}

}  // namespace
}  // namespace tp
