// What each role gets to see and change, over real sockets, page and API: the operator's
// internal fields kept from employers, other employers' invoice details kept from
// coordinators, who may edit an employer (with its change log), and hiring after a withdrawal.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <thread>

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

class DataSecurityHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& db = app_.app().database();
    auto& accounts = app_.app().accounts();
    w_ = MakeWorld(db);
    accounts.CreatePersonWithPassword("staff@ks.no", "KS-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.op}});
    accounts.CreatePersonWithPassword("ttr@ks.no", "TTR-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.other_op}});
    accounts.CreatePersonWithPassword("admin@ttr.no", "TTR-admin", kPassword,
                                      {{Role::kOperatorAdmin, w_.other_op}});
    accounts.CreatePersonWithPassword("a@baerum.no", "Koord A", kPassword,
                                      {{Role::kCoordinator, w_.employer_a}});
    accounts.CreatePersonWithPassword("b@nittedal.no", "Koord B", kPassword,
                                      {{Role::kCoordinator, w_.employer_b}});
    auto kari_person = accounts.CreatePersonWithPassword("kari@example.no", "Kari Nordmann",
                                                         kPassword, {{Role::kApplicant, 0}});
    auto kari = App(w_.cohort, "Kari", "Nordmann", "1995-01-01", "master", w_.bg_engineering,
                    "Bygg og miljø", 2010);
    kari.person_id = kari_person;
    kari.preferences = {w_.part_a, w_.part_b};
    kari_ = AddApplicant(db, kari, "");
  }

  std::string Cohort() const { return "/cohorts/" + std::to_string(w_.cohort); }
  std::string AppUrl() const { return Cohort() + "/applications/" + std::to_string(kari_); }
  std::string Candidate() const { return Cohort() + "/pool/" + std::to_string(kari_); }
  static std::map<std::string, std::string> Json(const TestClient& c) {
    return {{"X-CSRF-Token", test::CsrfOf(c)}, {"Content-Type", "application/json"}};
  }

  // Staff assess Kari as qualified with a reason, tag her, and release the pool.
  void QualifyTagAndRelease(TestClient& staff) {
    ASSERT_EQ(staff
                  .Post(AppUrl() + "/qualification",
                        test::FormBody(staff, {{"qualification", "qualified"},
                                               {"reason", "Intern vurdering: svak motivasjon"}}))
                  .status,
              303);
    ASSERT_EQ(
        staff.Post(AppUrl() + "/tags", test::FormBody(staff, {{"tag", "intern-merknad"}})).status,
        303);
    ASSERT_EQ(staff.Post(Cohort() + "/release-pool", test::FormBody(staff, {})).status, 303);
  }

  // The employer's open offer to Kari; returns its id as Kari sees it.
  std::int64_t Offer(TestClient& coordinator, TestClient& kari, const std::string& employer) {
    EXPECT_EQ(coordinator
                  .Post(Candidate() + "/offer",
                        test::FormBody(coordinator,
                                       {{"employment", "permanent"}, {"starts_on", "01.09.2011"}}))
                  .status,
              303);
    auto items = boost::json::parse(kari.Get("/api/v1/offers").body).at("items").as_array();
    for (const auto& o : items)
      if (o.at("employer").as_string() == employer) return o.at("id").as_int64();
    return 0;
  }

  long Count(const std::string& sql) {
    long n = 0;
    app_.app().database().Read(
        [&](storage::Tx& tx) { n = static_cast<long>(storage::sqlx::Scalar(tx, sql)); });
    return n;
  }

  test::TestApp app_;
  World w_;
  std::int64_t kari_ = 0;
};

// Item: the operator's tags, reasons and duplicate findings never reach an employer.
TEST_F(DataSecurityHttp, TheOperatorsInternalFieldsNeverReachAnEmployer) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  QualifyTagAndRelease(staff);
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  ASSERT_EQ(b.Post(Candidate() + "/assessment",
                   test::FormBody(b, {{"note", "Hemmelig notat fra B"}, {"interview", "invited"}}))
                .status,
            303);
  ASSERT_EQ(b.Post(Candidate() + "/prioritise", test::FormBody(b, {})).status, 303);

  // The operator sees them.
  auto own = staff.Get("/api/v1" + AppUrl());
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(Has(own.body, "intern-merknad"));
  EXPECT_TRUE(Has(own.body, "svak motivasjon"));

  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto api = a.Get("/api/v1" + Candidate());
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_FALSE(Has(api.body, "intern-merknad"));
  EXPECT_FALSE(Has(api.body, "svak motivasjon"));
  EXPECT_FALSE(Has(api.body, "Hemmelig notat fra B"));
  auto doc = boost::json::parse(api.body).as_object();
  EXPECT_EQ(doc.at("name").as_string(), "Kari Nordmann");
  if (auto* tags = doc.if_contains("tags")) {
    EXPECT_EQ(*tags, boost::json::value(""));
  }
  if (auto* ids = doc.if_contains("duplicate_ids")) {
    EXPECT_TRUE(ids->as_array().empty());
  }
  EXPECT_EQ(doc.at("other_priority_count").as_int64(), 1);
  EXPECT_EQ(doc.at("assessment").at("note").as_string(), "");

  auto list = a.Get("/api/v1" + Cohort() + "/pool");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "Kari"));
  EXPECT_FALSE(Has(list.body, "intern-merknad"));

  for (const auto& page : {a.Get(Candidate()), a.Get(Cohort() + "/pool")}) {
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page.body, "Kari Nordmann"));
    EXPECT_FALSE(Has(page.body, "intern-merknad"));
    EXPECT_FALSE(Has(page.body, "svak motivasjon"));
    EXPECT_FALSE(Has(page.body, "Hemmelig notat fra B"));
  }
}

// Item: another employer's invoice details and the operator's reason reach only that employer
// and the operator.
TEST_F(DataSecurityHttp, ACoordinatorSeesOnlyTheOwnInvoiceDetailsAndDecisionReason) {
  app_.app().database().Transact([&](storage::Tx& tx) {
    storage::sqlx::Exec(
        tx,
        "UPDATE participations SET invoice_org_number = '964950768', buyer_reference = "
        "'NIT-4711', buyer_reference_pattern = '@@@-####', decision_reason = 'Intern begrunnelse "
        "for Nittedal' WHERE id = :id",
        storage::sqlx::Params().Int("id", w_.part_b));
    storage::sqlx::Exec(tx,
                        "UPDATE participations SET buyer_reference = 'BAE-1234', decision_reason "
                        "= 'Velkommen, Bærum' WHERE id = :id",
                        storage::sqlx::Params().Int("id", w_.part_a));
  });
  const std::string part_b = "/api/v1/participations/" + std::to_string(w_.part_b);
  const std::string part_a = "/api/v1/participations/" + std::to_string(w_.part_a);

  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto list = a.Get("/api/v1" + Cohort() + "/participations");
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list.body, "Nittedal kommune"));
  EXPECT_TRUE(Has(list.body, "BAE-1234"));  // the own
  EXPECT_TRUE(Has(list.body, "Velkommen, Bærum"));
  for (const char* secret : {"NIT-4711", "964950768", "@@@-####", "Intern begrunnelse"})
    EXPECT_FALSE(Has(list.body, secret)) << secret;
  const auto items = boost::json::parse(list.body).at("items").as_array();
  for (const auto& item : items)
    if (item.at("id").as_int64() == w_.part_b) {
      EXPECT_EQ(item.at("buyer_reference").as_string(), "");
      EXPECT_EQ(item.at("invoice_org_number").as_string(), "");
      EXPECT_EQ(item.at("decision_reason").as_string(), "");
    }
  auto other = a.Get(part_b);
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(Has(other.body, "Nittedal kommune"));
  for (const char* secret : {"NIT-4711", "964950768", "@@@-####", "Intern begrunnelse"})
    EXPECT_FALSE(Has(other.body, secret)) << secret;
  EXPECT_TRUE(Has(a.Get(part_a).body, "BAE-1234"));

  // The pages: the cohort page and its employer export carry none of it either.
  for (const auto& page : {a.Get(Cohort()), a.Get(Cohort() + "/employers.csv")}) {
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page.body, "Nittedal kommune"));
    for (const char* secret : {"NIT-4711", "964950768", "Intern begrunnelse"})
      EXPECT_FALSE(Has(page.body, secret)) << secret;
  }

  // The employer itself and the operator see them.
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  EXPECT_TRUE(Has(b.Get(part_b).body, "NIT-4711"));
  EXPECT_TRUE(Has(b.Get(part_b).body, "Intern begrunnelse"));
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  auto all = staff.Get("/api/v1" + Cohort() + "/participations");
  EXPECT_TRUE(Has(all.body, "NIT-4711"));
  EXPECT_TRUE(Has(all.body, "964950768"));
  EXPECT_TRUE(Has(staff.Get(Cohort() + "/employers.csv").body, "NIT-4711"));
}

// Item: an operator edits only employers it created or that take part in its cohorts; the
// employer's coordinator edits its own; every change is logged and shown to those who may edit.
TEST_F(DataSecurityHttp, OnlyRelatedOperatorsAndTheOwnCoordinatorEditAnEmployer) {
  const std::string employer = "/employers/" + std::to_string(w_.employer_a);
  const std::string api = "/api/v1" + employer;
  auto input = [](const std::string& name, const std::string& email) {
    return boost::json::serialize(boost::json::object{{"name", name},
                                                      {"kind", "municipality"},
                                                      {"org_number", "974760673"},
                                                      {"municipality_number", ""},
                                                      {"address", "Arnold Haukelands plass 10"},
                                                      {"postal_code", "1304"},
                                                      {"city", "Sandvika"},
                                                      {"invoice_contact_name", "Faktura Bærum"},
                                                      {"invoice_contact_email", email}});
  };

  // Staff of KS, whose cohort Bærum takes part in: allowed, and logged.
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  auto put = staff.Send("PUT", api, input("Bærum kommune", "faktura@baerum.no"), Json(staff));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_TRUE(Has(put.body, "faktura@baerum.no"));

  // Another operator's staff and admin: they see the register entry, not the invoice contact,
  // and may change nothing, neither by the API nor by the form.
  for (const char* who : {"ttr@ks.no", "admin@ttr.no"}) {
    SCOPED_TRACE(who);
    auto other = app_.LoggedIn(who, kPassword);
    auto seen = other.Get(api);
    ASSERT_EQ(seen.status, 200);
    EXPECT_FALSE(Has(seen.body, "faktura@baerum.no"));
    EXPECT_EQ(
        other.Send("PUT", api, input("Kapret kommune", "svindel@example.org"), Json(other)).status,
        403);
    EXPECT_EQ(other.Get(employer + "/edit").status, 403);
    EXPECT_EQ(other
                  .Post(employer + "/edit",
                        test::FormBody(other, {{"name", "Kapret kommune"},
                                               {"kind", "municipality"},
                                               {"org_number", "974760673"},
                                               {"invoice_contact_email", "svindel@example.org"}}))
                  .status,
              403);
    EXPECT_EQ(other.Get(api + "/changes").status, 403);
    auto page = other.Get(employer);
    ASSERT_EQ(page.status, 200);
    EXPECT_FALSE(Has(page.body, "faktura@baerum.no"));
    EXPECT_FALSE(Has(page.body, employer + "/edit"));
    EXPECT_FALSE(Has(other.Get("/api/v1/employers?per_page=200").body, "faktura@baerum.no"));
    EXPECT_FALSE(Has(other.Get("/employers.csv").body, "faktura@baerum.no"));
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM employers WHERE name = 'Kapret kommune' OR "
                  "invoice_contact_email = 'svindel@example.org'"),
            0);

  // Another employer's coordinator does not even see it; the own coordinator edits.
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  EXPECT_EQ(b.Send("PUT", api, input("Kapret kommune", "svindel@example.org"), Json(b)).status,
            404);
  EXPECT_EQ(b.Get(api + "/changes").status, 404);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  ASSERT_EQ(a.Send("PUT", api, input("Bærum kommune", "regnskap@baerum.no"), Json(a)).status, 200);

  // The log: newest first, who, when, old and new value; paged like every API list.
  auto changes = staff.Get(api + "/changes?per_page=1");
  ASSERT_EQ(changes.status, 200) << changes.body;
  auto doc = boost::json::parse(changes.body).as_object();
  EXPECT_GE(doc.at("total").as_int64(), 5);  // the first save filled five empty fields
  ASSERT_EQ(doc.at("items").as_array().size(), 1u);
  const auto& newest = doc.at("items").as_array()[0].as_object();
  EXPECT_EQ(newest.at("field").as_string(), "invoice_contact_email");
  EXPECT_EQ(newest.at("old_value").as_string(), "faktura@baerum.no");
  EXPECT_EQ(newest.at("new_value").as_string(), "regnskap@baerum.no");
  EXPECT_EQ(newest.at("changed_by_name").as_string(), "Koord A");
  EXPECT_GT(newest.at("changed_at").as_int64(), 0);
  auto own_log = a.Get(api + "/changes?per_page=200");
  ASSERT_EQ(own_log.status, 200);
  EXPECT_TRUE(Has(own_log.body, "KS-ansatt"));
  auto page = staff.Get(employer);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "Endringer"));
  EXPECT_TRUE(Has(page.body, "regnskap@baerum.no"));
  EXPECT_TRUE(Has(page.body, "Koord A"));

  // An employer TTR creates is TTR's to edit, not KS's (until it joins a KS cohort).
  auto ttr = app_.LoggedIn("ttr@ks.no", kPassword);
  auto created = ttr.Send(
      "POST", "/api/v1/employers",
      boost::json::serialize(boost::json::object{
          {"name", "Lier kommune 2"}, {"kind", "municipality"}, {"org_number", "964950768"}}),
      Json(ttr));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto new_api =
      "/api/v1/employers/" + std::to_string(boost::json::parse(created.body).at("id").as_int64());
  auto update = boost::json::serialize(boost::json::object{{"name", "Lier kommune 2"},
                                                           {"kind", "municipality"},
                                                           {"org_number", "964950768"},
                                                           {"invoice_contact_name", "Ny"}});
  EXPECT_EQ(ttr.Send("PUT", new_api, update, Json(ttr)).status, 200);
  EXPECT_EQ(staff.Send("PUT", new_api, update, Json(staff)).status, 403);
  EXPECT_TRUE(Has(ttr.Get(new_api + "/changes").body, "TTR-ansatt"));
}

// Item: a withdrawn application closes its open offers (the employers are told), and an offer
// of a withdrawn application cannot be accepted.
TEST_F(DataSecurityHttp, WithdrawingClosesOffersAndAcceptingThenIsAConflict) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  QualifyTagAndRelease(staff);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto b = app_.LoggedIn("b@nittedal.no", kPassword);
  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  const auto from_a = Offer(a, kari, "Bærum kommune");
  const auto from_b = Offer(b, kari, "Nittedal kommune");
  ASSERT_GT(from_a, 0);
  ASSERT_GT(from_b, 0);

  auto withdrawn =
      kari.Send("POST", "/api/v1/cohorts/" + std::to_string(w_.cohort) + "/application/withdraw",
                "", {{"X-CSRF-Token", test::CsrfOf(kari)}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  const auto offers = boost::json::parse(kari.Get("/api/v1/offers").body).at("items").as_array();
  ASSERT_EQ(offers.size(), 2u);
  for (const auto& o : offers) EXPECT_EQ(o.at("status").as_string(), "closed");
  auto& db = app_.app().database();
  EXPECT_EQ(OutboxCount(db, "a@baerum.no", "pool/offer_closed_withdrawn"), 1);
  EXPECT_EQ(OutboxCount(db, "b@nittedal.no", "pool/offer_closed_withdrawn"), 1);
  // In the coordinator's language (bokmål here), from the template.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE kind = 'pool/offer_closed_withdrawn' AND "
                  "subject = 'Tilbudet deres er lukket' AND body_text LIKE '%trukket søknaden%'"),
            2);

  auto api = kari.Send("POST", "/api/v1/offers/" + std::to_string(from_a) + "/accept", "",
                       {{"X-CSRF-Token", test::CsrfOf(kari)}});
  EXPECT_EQ(api.status, 409) << api.body;
  auto page = kari.Post("/offers/" + std::to_string(from_b) + "/accept", test::FormBody(kari, {}));
  EXPECT_EQ(page.status, 409);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM trainees"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM offers WHERE status = 'accepted'"), 0);
}

// The acceptance re-checks the application inside its own transaction: an offer still open on
// an application withdrawn meanwhile (the withdrawal committed between the offer page and the
// click) is a conflict, not a hire.
TEST_F(DataSecurityHttp, AcceptingReChecksTheApplicationInItsTransaction) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  QualifyTagAndRelease(staff);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  const auto offer = Offer(a, kari, "Bærum kommune");
  ASSERT_GT(offer, 0);
  app_.app().database().Transact([&](storage::Tx& tx) {
    storage::sqlx::Exec(tx, "UPDATE applications SET status = 'withdrawn' WHERE id = :id",
                        storage::sqlx::Params().Int("id", kari_));
  });
  auto api = kari.Send("POST", "/api/v1/offers/" + std::to_string(offer) + "/accept", "",
                       {{"X-CSRF-Token", test::CsrfOf(kari)}});
  EXPECT_EQ(api.status, 409) << api.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM trainees"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM offers WHERE status = 'open'"), 1);
}

// A withdrawal and an acceptance at the same moment: one of them wins, never both (no trainee
// from a withdrawn application, no withdrawn application of a trainee).
TEST_F(DataSecurityHttp, AConcurrentWithdrawalAndAcceptanceNeverBothSucceed) {
  auto staff = app_.LoggedIn("staff@ks.no", kPassword);
  QualifyTagAndRelease(staff);
  auto a = app_.LoggedIn("a@baerum.no", kPassword);
  auto kari = app_.LoggedIn("kari@example.no", kPassword);
  const auto offer = Offer(a, kari, "Bærum kommune");
  ASSERT_GT(offer, 0);
  const std::map<std::string, std::string> h{{"X-CSRF-Token", test::CsrfOf(kari)}};
  int withdraw = 0, accept = 0;
  std::thread t1([&, c = kari]() mutable {
    withdraw =
        c.Send("POST", "/api/v1/cohorts/" + std::to_string(w_.cohort) + "/application/withdraw", "",
               h)
            .status;
  });
  std::thread t2([&, c = kari]() mutable {
    accept = c.Send("POST", "/api/v1/offers/" + std::to_string(offer) + "/accept", "", h).status;
  });
  t1.join();
  t2.join();
  const long trainees = Count("SELECT COUNT(*) FROM trainees");
  const long withdrawn = Count("SELECT COUNT(*) FROM applications WHERE status = 'withdrawn'");
  EXPECT_EQ(trainees + withdrawn, 1) << "withdraw " << withdraw << ", accept " << accept;
  if (trainees == 1) {
    EXPECT_EQ(accept, 200);
    EXPECT_NE(withdraw, 200);
  } else {
    EXPECT_EQ(withdraw, 200);
    EXPECT_EQ(accept, 409);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM offers WHERE status = 'closed'"), 1);
  }
}

}  // namespace
}  // namespace tp
