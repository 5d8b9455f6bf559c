#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.h"
#include "domain/dates.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "support/test_app.h"

namespace tp {
namespace {

using domain::Role;

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

std::string Iso(domain::Date d) { return domain::FormatIso(d); }

int Count(const std::string& body, const std::string& needle) {
  int n = 0;
  for (auto pos = body.find(needle); pos != std::string::npos; pos = body.find(needle, pos + 1))
    ++n;
  return n;
}

// The contents of every <script type="application/ld+json"> element.
std::vector<boost::json::object> JsonLd(const std::string& html) {
  std::vector<boost::json::object> out;
  const std::string open = "<script type=\"application/ld+json\">";
  for (auto pos = html.find(open); pos != std::string::npos; pos = html.find(open, pos + 1)) {
    const auto start = pos + open.size();
    const auto end = html.find("</script>", start);
    out.push_back(boost::json::parse(html.substr(start, end - start)).as_object());
  }
  return out;
}

class AdvertHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svc = app_.app().programmes();
    auto& signup = app_.app().signup();
    system_.person_id = -1;
    system_.grants.push_back({Role::kSystemAdmin, 0});
    auto ks = svc.CreateOperatorTrusted({"KS", "KS", "national"});
    programme_ = svc.CreateProgrammeTrusted(
        ks, {"Kommunesektorens traineeprogram", "national_model", "Atten måneder."});
    const auto today = domain::OsloToday();
    deadline_ = domain::AddDays(today, 12);
    open_ = svc.CreateCohortTrusted(programme_,
                                    {"Kull 21", Iso(domain::AddDays(today, 5)), Iso(deadline_),
                                     Iso(domain::AddDays(today, 200)), "", ""});
    old_ = svc.CreateCohortTrusted(programme_,
                                   {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    auto nittedal =
        signup.CreateEmployerTrusted({"Nittedal kommune", "municipality", "974760673", "3232",
                                      "Rådhusvegen 2", "1482", "Nittedal", "", ""});
    auto roaf = signup.CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    std::string plan;
    for (const auto& b : signup.ListBackgrounds(system_, ks, false))
      if (b.name == "Plan og areal") plan = std::to_string(b.id);
    services::ParticipationInput in;
    in.employer_id = std::to_string(nittedal);
    in.trainees_wanted = "3";
    in.background_ids = {plan};
    in.presentation = "Grønn kommune.\n\n<script>alert(1)</script>";
    in.status = "confirmed";
    nittedal_ = signup.SignUpEmployerTrusted(open_, in);
    services::ParticipationInput pending;
    pending.employer_id = std::to_string(roaf);
    pending.status = "signed_up";
    roaf_ = signup.SignUpEmployerTrusted(open_, pending);
  }

  std::string Page() { return "/advert/cohorts/" + std::to_string(open_); }

  test::TestApp app_;
  domain::Actor system_;
  domain::Date deadline_;
  std::int64_t programme_ = 0, open_ = 0, old_ = 0, nittedal_ = 0, roaf_ = 0;
};

TEST_F(AdvertHttp, CohortPageShowsConfirmedEmployersToAnyone) {
  auto anon = app_.Anonymous();
  auto r = anon.Get(Page(), {{"Accept-Language", "nb"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(Has(r.body, "Nittedal kommune"));
  EXPECT_FALSE(Has(r.body, "ROAF"));  // not confirmed
  EXPECT_TRUE(Has(r.body, "Søk nå"));
  EXPECT_TRUE(Has(r.body, "href=\"/apply/cohorts/" + std::to_string(open_) + "\""));
  EXPECT_TRUE(Has(r.body, "12 dager igjen"));
  EXPECT_TRUE(Has(r.body, "<time datetime=\"" + Iso(deadline_) + "T23:59:59+0"));
  EXPECT_TRUE(Has(r.body, domain::FormatNorwegian(deadline_)));
  EXPECT_TRUE(Has(r.body, "Plan og areal"));
  EXPECT_TRUE(Has(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_FALSE(Has(r.body, "<script>alert(1)"));
  EXPECT_EQ(r.Header("set-cookie"), "");
  EXPECT_TRUE(Has(r.Header("cache-control"), "public"));

  auto postings = JsonLd(r.body);
  ASSERT_EQ(postings.size(), 1u);
  const auto& jp = postings[0];
  EXPECT_EQ(jp.at("@context").as_string(), "https://schema.org");
  EXPECT_EQ(jp.at("@type").as_string(), "JobPosting");
  EXPECT_TRUE(Has(std::string(jp.at("title").as_string()), "Nittedal kommune"));
  EXPECT_TRUE(Has(std::string(jp.at("description").as_string()), "<script>alert(1)</script>"));
  EXPECT_EQ(jp.at("datePosted").as_string(), Iso(domain::OsloToday()));
  EXPECT_TRUE(Has(std::string(jp.at("validThrough").as_string()), Iso(deadline_) + "T23:59:59"));
  EXPECT_EQ(jp.at("employmentType").as_string(), "FULL_TIME");
  EXPECT_EQ(jp.at("totalJobOpenings").as_int64(), 3);
  EXPECT_TRUE(jp.at("directApply").as_bool());
  const auto& org = jp.at("hiringOrganization").as_object();
  EXPECT_EQ(org.at("name").as_string(), "Nittedal kommune");
  EXPECT_TRUE(Has(std::string(org.at("sameAs").as_string()), "974760673"));
  const auto& address = jp.at("jobLocation").at("address").as_object();
  EXPECT_EQ(address.at("addressLocality").as_string(), "Nittedal");
  EXPECT_EQ(address.at("addressRegion").as_string(), "Akershus");
  EXPECT_EQ(address.at("addressCountry").as_string(), "NO");

  auto en = app_.Anonymous().Get(Page(), {{"Accept-Language", "en"}});
  EXPECT_TRUE(Has(en.body, "Apply now"));
  EXPECT_TRUE(Has(en.body, "12 days left"));

  EXPECT_EQ(anon.Get("/advert/cohorts/999999").status, 404);
  EXPECT_EQ(anon.Get("/api/v1/advert/cohorts/999999").status, 404);
}

TEST_F(AdvertHttp, CachedPageRevalidatesAndChangesShowAtOnce) {
  auto anon = app_.Anonymous();
  auto first = anon.Get(Page());
  ASSERT_EQ(first.status, 200);
  const auto etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = anon.Get(Page(), {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  // Confirming ROAF through the service drops the cached page.
  services::ParticipationInput in;
  in.status = "confirmed";
  in.trainees_wanted = "1";
  app_.app().signup().UpdateParticipationTrusted(roaf_, in);
  auto changed = anon.Get(Page(), {{"If-None-Match", etag}});
  ASSERT_EQ(changed.status, 200);
  EXPECT_TRUE(Has(changed.body, "ROAF"));
  EXPECT_EQ(JsonLd(changed.body).size(), 2u);
}

TEST_F(AdvertHttp, FeedApiAndProgrammePage) {
  auto anon = app_.Anonymous();
  auto feed = anon.Get(Page() + "/feed.atom");
  ASSERT_EQ(feed.status, 200);
  EXPECT_TRUE(Has(feed.Header("content-type"), "application/atom+xml"));
  EXPECT_EQ(Count(feed.body, "<entry>"), 1);
  EXPECT_TRUE(Has(feed.body, "&lt;script&gt;"));
  EXPECT_TRUE(Has(feed.body, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  // The XML declaration comes first, with nothing before it; the template's comment leaves no
  // trace.
  EXPECT_TRUE(feed.body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed"))
      << feed.body.substr(0, 120);

  auto api = anon.Get("/api/v1/advert/cohorts/" + std::to_string(open_));
  ASSERT_EQ(api.status, 200);
  auto doc = boost::json::parse(api.body).as_object();
  EXPECT_EQ(doc.at("positions").as_int64(), 3);
  EXPECT_EQ(doc.at("days_left").as_int64(), 12);
  EXPECT_TRUE(doc.at("open").as_bool());
  ASSERT_EQ(doc.at("employers").as_array().size(), 1u);
  EXPECT_EQ(doc.at("employers").as_array()[0].at("county_name").as_string(), "Akershus");

  auto programme = anon.Get("/advert/programmes/" + std::to_string(programme_));
  ASSERT_EQ(programme.status, 200);
  EXPECT_TRUE(Has(programme.body, "/advert/cohorts/" + std::to_string(open_)));
  EXPECT_FALSE(Has(programme.body, "/advert/cohorts/" + std::to_string(old_)));
  EXPECT_TRUE(Has(programme.body, "Atten måneder."));

  // A past cohort's page says the deadline has passed and offers no Apply button.
  auto old = anon.Get("/advert/cohorts/" + std::to_string(old_), {{"Accept-Language", "nb"}});
  ASSERT_EQ(old.status, 200);
  EXPECT_TRUE(Has(old.body, "Søknadsfristen er ute."));
  EXPECT_FALSE(Has(old.body, "/apply/cohorts/"));
}

}  // namespace
}  // namespace tp
