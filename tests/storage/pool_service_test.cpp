#include "services/pool/pool_service.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/errors.h"
#include "services/mail/mailer.h"
#include "services/programmes/programme_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/pool_fixture.h"
#include "support/test_database.h"

using namespace tp;
using namespace tp::test::pool;
using domain::pool::Filter;

namespace {

std::vector<std::string> Names(const domain::PageResult<domain::pool::ApplicationRow>& r) {
  std::vector<std::string> out;
  for (const auto& row : r.items) out.push_back(row.given_name + " " + row.family_name);
  return out;
}

domain::PageRequest Page(const std::string& sort = "name", bool desc = false) {
  domain::PageRequest p;
  p.sort = sort;
  p.descending = desc;
  return p;
}

class PoolService : public ::testing::Test {
 protected:
  void SetUp() override {
    services::ProgrammeService(*db_).EnsureMunicipalitiesLoaded();
    w_ = MakeWorld(*db_);
    db_->Transact([&](storage::Tx& tx) {
      storage::PersonRepository people(tx);
      staff_ = Staff(people.Insert("staff@ks.no", "Staff", std::nullopt, 1), w_.op);
      other_staff_ = Staff(people.Insert("staff@ttr.no", "TTR", std::nullopt, 1), w_.other_op);
      coord_a_ =
          Coordinator(people.Insert("a@baerum.no", "Koord A", std::nullopt, 1), w_.employer_a);
      coord_b_ =
          Coordinator(people.Insert("b@nittedal.no", "Koord B", std::nullopt, 1), w_.employer_b);
      coord_c_ = Coordinator(people.Insert("c@lier.no", "Koord C", std::nullopt, 1), w_.employer_c);
      storage::GrantRepository grants(tx);
      grants.Add(coord_a_.person_id, domain::Role::kCoordinator, w_.employer_a, std::nullopt, 1);
      grants.Add(coord_b_.person_id, domain::Role::kCoordinator, w_.employer_b, std::nullopt, 1);
    });
    auto kari = App(w_.cohort, "Kari", "Nordmann", "1995-01-01", "master", w_.bg_engineering,
                    "Bygg og miljø", 2010);
    kari.motivation = "Jeg vil jobbe med samferdsel og vegbygging.";
    kari.municipality_number = "0301";
    kari.preferences = {w_.part_a, w_.part_b};
    kari.phone = "900 00 001";
    kari_ = AddApplicant(*db_, kari, "kari@example.no", &kari_person_);
    // The same person again under another e-mail: same name (other spelling) and birth date.
    auto kari2 = App(w_.cohort, "KARI", "nordmann", "1995-01-01", "bachelor", 0, "Historie", 2008);
    kari2_ = AddApplicant(*db_, kari2, "kari.n@example.no");
    auto ola = App(w_.cohort, "Ola", "Hansen", "1990-05-05", "master", w_.bg_economics,
                   "Økonomi og ledelse", 2011);
    ola.experience = "Regnskap i Bergen kommune";
    ola.preferences = {w_.part_b, w_.part_a};
    ola_ = AddApplicant(*db_, ola, "ola@example.no", &ola_person_);
    auto per =
        App(w_.cohort, "Per", "Berg", "1991-02-02", "bachelor", w_.bg_engineering, "Elektro", 2009);
    per.status = "withdrawn";
    per_ = AddApplicant(*db_, per, "per@example.no");
    auto draft = App(w_.cohort, "Utkast", "Usendt", "1992-03-03", "master", 0, "Jus", 2010);
    draft.status = "draft";
    draft_ = AddApplicant(*db_, draft, "draft@example.no");
  }

  services::PoolService Service() {
    return services::PoolService(*db_, mailer_,
                                 {"https://portal.example", [this] { return now_; }});
  }

  // Ola as the applicant, logged in.
  domain::Actor Ola() const {
    domain::Actor ola;
    ola.person_id = ola_person_;
    return ola;
  }

  // Ola qualified, the pool released, and an offer to Ola from employer B.
  std::int64_t OfferFromBToOla(services::PoolService& svc, const std::string& employment) {
    svc.SetQualification(staff_, ola_, "qualified", "");
    svc.ReleasePool(staff_, w_.cohort);
    return svc.MakeOffer(coord_b_, w_.cohort, ola_, {employment, "6", "01.09.2011", ""});
  }

  test::TestDatabase db_ = test::FreshDatabase();
  services::Mailer mailer_;
  World w_;
  domain::Actor staff_, other_staff_, coord_a_, coord_b_, coord_c_;
  std::int64_t kari_ = 0, kari2_ = 0, ola_ = 0, per_ = 0, draft_ = 0;
  std::int64_t kari_person_ = 0, ola_person_ = 0;
  std::int64_t now_ = 1'300'000'000;
};

TEST_F(PoolService, OperatorListSearchesFiltersSortsAndFlagsDuplicates) {
  auto svc = Service();
  auto all = svc.ListApplications(staff_, w_.cohort, {}, Page());
  // Drafts are the applicant's own; sent and withdrawn are listed, by family name.
  EXPECT_EQ(all.page.total, 4);
  EXPECT_EQ(Names(all.page),
            (std::vector<std::string>{"Per Berg", "Ola Hansen", "Kari Nordmann", "KARI nordmann"}));
  auto kari_row = std::find_if(all.page.items.begin(), all.page.items.end(),
                               [&](const auto& r) { return r.id == kari_; });
  ASSERT_NE(kari_row, all.page.items.end());
  EXPECT_EQ(kari_row->duplicate_ids, std::vector<std::int64_t>{kari2_});
  EXPECT_EQ(kari_row->county, "Oslo");
  EXPECT_EQ(kari_row->degree, "master");
  EXPECT_EQ(kari_row->year, 2010);
  auto ola_row = std::find_if(all.page.items.begin(), all.page.items.end(),
                              [&](const auto& r) { return r.id == ola_; });
  EXPECT_TRUE(ola_row->duplicate_ids.empty());

  Filter f;
  f.q = "samferdsel";
  EXPECT_EQ(Names(svc.ListApplications(staff_, w_.cohort, f, Page()).page),
            std::vector<std::string>{"Kari Nordmann"});
  f.q = "regnskap bergen";
  EXPECT_EQ(Names(svc.ListApplications(staff_, w_.cohort, f, Page()).page),
            std::vector<std::string>{"Ola Hansen"});
  f.q = "\"unbalanced (query* OR";
  EXPECT_NO_THROW(svc.ListApplications(staff_, w_.cohort, f, Page()));

  Filter degree;
  degree.degree = "bachelor";
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, degree, Page()).page.total, 2);
  Filter background;
  background.background_id = w_.bg_engineering;
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, background, Page()).page.total, 2);
  Filter county;
  county.county = "03";
  EXPECT_EQ(Names(svc.ListApplications(staff_, w_.cohort, county, Page()).page),
            std::vector<std::string>{"Kari Nordmann"});
  Filter year;
  year.year = 2011;
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, year, Page()).page.total, 1);
  Filter preferred;
  preferred.preferred_participation_id = w_.part_b;
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, preferred, Page()).page.total, 2);
  Filter withdrawn;
  withdrawn.status = "withdrawn";
  EXPECT_EQ(Names(svc.ListApplications(staff_, w_.cohort, withdrawn, Page()).page),
            std::vector<std::string>{"Per Berg"});

  auto by_year = svc.ListApplications(staff_, w_.cohort, {}, Page("year", true));
  EXPECT_EQ(by_year.page.items.front().id, ola_);
  auto paged = Page();
  paged.per_page = 3;
  paged.page = 2;
  auto second = svc.ListApplications(staff_, w_.cohort, {}, paged);
  EXPECT_EQ(second.page.total, 4);
  ASSERT_EQ(second.page.items.size(), 1u);
  EXPECT_EQ(second.page.items[0].id, kari2_);
  paged.page = 3;  // past the end: no rows, the total still told
  auto beyond = svc.ListApplications(staff_, w_.cohort, {}, paged);
  EXPECT_TRUE(beyond.page.items.empty());
  EXPECT_EQ(beyond.page.total, 4);
}

TEST_F(PoolService, QualificationTagsAndRights) {
  auto svc = Service();
  EXPECT_THROW(svc.SetQualification(staff_, ola_, "not_qualified", " "), Invalid);
  EXPECT_THROW(svc.SetQualification(staff_, ola_, "maybe", ""), Invalid);
  svc.SetQualification(staff_, ola_, "not_qualified", "Mangler høyere utdanning");
  svc.SetQualification(staff_, kari_, "qualified", "");
  auto view = svc.GetApplication(staff_, ola_);
  EXPECT_EQ(view.application.row.qualification, "not_qualified");
  EXPECT_EQ(view.application.qualification_reason, "Mangler høyere utdanning");
  auto dup = svc.GetApplication(staff_, kari_);
  ASSERT_EQ(dup.duplicates.size(), 1u);
  EXPECT_EQ(dup.duplicates[0].id, kari2_);

  svc.AddTag(staff_, kari_, "  Sterk   KANDIDAT ");
  svc.AddTag(staff_, kari_, "sterk kandidat");
  EXPECT_THROW(svc.AddTag(staff_, kari_, ""), Invalid);
  EXPECT_EQ(svc.GetApplication(staff_, kari_).application.tags,
            std::vector<std::string>{"sterk kandidat"});
  Filter tag;
  tag.tag = "sterk kandidat";
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, tag, Page()).page.total, 1);
  Filter qualified;
  qualified.qualification = "qualified";
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, qualified, Page()).page.total, 1);
  svc.RemoveTag(staff_, kari_, "Sterk kandidat");
  EXPECT_TRUE(svc.GetApplication(staff_, kari_).application.tags.empty());
  EXPECT_THROW(svc.RemoveTag(staff_, kari_, "sterk kandidat"), NotFound);

  // Strangers do not learn the cohort exists; participating coordinators are refused.
  EXPECT_THROW(svc.ListApplications(other_staff_, w_.cohort, {}, Page()), NotFound);
  EXPECT_THROW(svc.ListApplications(coord_a_, w_.cohort, {}, Page()), Forbidden);
  EXPECT_THROW(svc.SetQualification(coord_a_, kari_, "qualified", ""), Forbidden);
  EXPECT_THROW(svc.GetApplication(staff_, draft_), NotFound);
  EXPECT_THROW(svc.ListApplications(domain::Actor{}, w_.cohort, {}, Page()), Unauthenticated);
}

TEST_F(PoolService, PoolOpensOnReleaseWithFitFirstAndOwnAssessmentsOnly) {
  auto svc = Service();
  svc.SetQualification(staff_, kari_, "qualified", "");
  svc.SetQualification(staff_, ola_, "qualified", "");
  svc.SetQualification(staff_, kari2_, "not_qualified", "Duplikat");
  svc.SetQualification(staff_, per_, "qualified", "");  // withdrawn: never in the pool

  EXPECT_THROW(svc.Pool(coord_a_, w_.cohort, 0, {}, Page()), Forbidden);
  EXPECT_THROW(svc.Pool(other_staff_, w_.cohort, 0, {}, Page()), NotFound);
  svc.ReleasePool(staff_, w_.cohort);
  EXPECT_THROW(svc.ReleasePool(staff_, w_.cohort), Conflict);
  EXPECT_EQ(OutboxCount(*db_, "a@baerum.no", "pool/pool_released"), 1);
  EXPECT_EQ(OutboxCount(*db_, "c@lier.no", "pool/pool_released"), 0);
  // Only confirmed employers get the pool.
  EXPECT_THROW(svc.Pool(coord_c_, w_.cohort, 0, {}, Page()), Forbidden);

  auto a = svc.Pool(coord_a_, w_.cohort, 0, {}, Page());
  EXPECT_EQ(Names(a.page), (std::vector<std::string>{"Kari Nordmann", "Ola Hansen"}));
  EXPECT_TRUE(a.page.items[0].fits);
  EXPECT_TRUE(a.page.items[0].first_choice);
  EXPECT_FALSE(a.page.items[1].fits);
  EXPECT_FALSE(a.page.items[1].first_choice);
  auto b = svc.Pool(coord_b_, w_.cohort, 0, {}, Page());
  EXPECT_EQ(Names(b.page), (std::vector<std::string>{"Ola Hansen", "Kari Nordmann"}));
  Filter search;
  search.q = "vegbygging";
  EXPECT_EQ(Names(svc.Pool(coord_b_, w_.cohort, 0, search, Page()).page),
            std::vector<std::string>{"Kari Nordmann"});

  EXPECT_THROW(svc.GetCandidate(coord_a_, w_.cohort, kari2_), NotFound);
  EXPECT_THROW(svc.GetCandidate(coord_a_, w_.cohort, per_), NotFound);
  svc.SaveAssessment(coord_a_, w_.cohort, kari_, "Sterk faglig", "invited");
  EXPECT_THROW(svc.SaveAssessment(coord_a_, w_.cohort, kari_, "", "hired"), Invalid);
  svc.Prioritise(coord_a_, w_.cohort, kari_);
  svc.Prioritise(coord_a_, w_.cohort, ola_);
  svc.Prioritise(coord_a_, w_.cohort, kari_);  // already there: unchanged
  auto pri = svc.Priorities(coord_a_, w_.cohort);
  ASSERT_EQ(pri.items.size(), 2u);
  EXPECT_EQ(pri.items[0].application_id, kari_);
  EXPECT_EQ(pri.items[0].note, "Sterk faglig");
  svc.MovePriority(coord_a_, w_.cohort, ola_, -1);
  pri = svc.Priorities(coord_a_, w_.cohort);
  EXPECT_EQ(pri.items[0].application_id, ola_);
  EXPECT_EQ(pri.items[1].priority, 2);

  // B sees only its own (empty) assessment and that one other employer prioritised Kari.
  auto seen_by_b = svc.GetCandidate(coord_b_, w_.cohort, kari_);
  EXPECT_EQ(seen_by_b.assessment.note, "");
  EXPECT_EQ(seen_by_b.assessment.priority, 0);
  EXPECT_EQ(seen_by_b.other_priority_count, 1);
  EXPECT_TRUE(svc.Priorities(coord_b_, w_.cohort).items.empty());

  svc.Unprioritise(coord_a_, w_.cohort, ola_);
  pri = svc.Priorities(coord_a_, w_.cohort);
  ASSERT_EQ(pri.items.size(), 1u);
  EXPECT_EQ(pri.items[0].priority, 1);
}

TEST_F(PoolService, AcceptingAnOfferHiresAndClosesTheOthers) {
  auto svc = Service();
  svc.SetQualification(staff_, kari_, "qualified", "");
  svc.ReleasePool(staff_, w_.cohort);
  EXPECT_THROW(svc.MakeOffer(coord_a_, w_.cohort, kari_, {"forever", "9", "32.13.2011", ""}),
               Invalid);
  auto offer_a = svc.MakeOffer(coord_a_, w_.cohort, kari_, {"permanent", "", "01.09.2011", ""});
  EXPECT_THROW(svc.MakeOffer(coord_a_, w_.cohort, kari_, {"permanent", "", "01.09.2011", ""}),
               Conflict);
  auto offer_b = svc.MakeOffer(coord_b_, w_.cohort, kari_, {"temporary", "3", "2011-09-15", ""});
  EXPECT_EQ(OutboxCount(*db_, "kari@example.no", "pool/offer_made"), 2);

  domain::Actor kari;
  kari.person_id = kari_person_;
  kari.grants.push_back({domain::Role::kApplicant, 0});
  auto mine = svc.MyOffers(kari);
  ASSERT_EQ(mine.size(), 2u);
  auto a = svc.GetMyOffer(kari, offer_a);
  EXPECT_EQ(a.probation_months, 6);
  EXPECT_EQ(a.salary_chapter, "HTA kap. 5");
  EXPECT_EQ(a.starts_on, "2011-09-01");
  EXPECT_EQ(a.employer_name, "Bærum kommune");
  const auto ola = Ola();
  EXPECT_THROW(svc.GetMyOffer(ola, offer_a), NotFound);
  EXPECT_THROW(svc.AcceptOffer(ola, offer_a), NotFound);

  auto trainee = svc.AcceptOffer(kari, offer_a);
  EXPECT_GT(trainee, 0);
  EXPECT_EQ(svc.GetMyOffer(kari, offer_a).status, "accepted");
  EXPECT_EQ(svc.GetMyOffer(kari, offer_b).status, "closed");
  EXPECT_THROW(svc.AcceptOffer(kari, offer_b), Conflict);
  EXPECT_THROW(svc.DeclineOffer(kari, offer_a), Conflict);
  EXPECT_EQ(OutboxCount(*db_, "b@nittedal.no", "pool/offer_closed"), 1);
  EXPECT_EQ(OutboxCount(*db_, "a@baerum.no", "pool/offer_accepted"), 1);
  db_->Read([&](storage::Tx& tx) {
    auto grants = storage::GrantRepository(tx).ForPerson(kari_person_);
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].role, domain::Role::kTrainee);
    EXPECT_EQ(grants[0].scope_id, trainee);
    EXPECT_EQ(
        storage::sqlx::Scalar(tx,
                              "SELECT employer_id FROM trainees WHERE cohort_id = :c AND "
                              "person_id = :p",
                              storage::sqlx::Params().Int("c", w_.cohort).Int("p", kari_person_)),
        w_.employer_a);
  });
  // A hired candidate gets no further offers.
  EXPECT_THROW(svc.MakeOffer(coord_b_, w_.cohort, kari_, {"permanent", "", "01.09.2011", ""}),
               Conflict);
}

TEST_F(PoolService, DecliningTellsTheEmployer) {
  auto svc = Service();
  auto offer = OfferFromBToOla(svc, "permanent");
  const auto ola = Ola();
  svc.DeclineOffer(ola, offer);
  EXPECT_EQ(svc.GetMyOffer(ola, offer).status, "declined");
  EXPECT_EQ(OutboxCount(*db_, "b@nittedal.no", "pool/offer_declined"), 1);
  EXPECT_EQ(svc.Priorities(coord_b_, w_.cohort).offers.size(), 1u);
}

TEST_F(PoolService, TheEmployerWithdrawsItsOpenOfferOnly) {
  auto svc = Service();
  auto offer = OfferFromBToOla(svc, "temporary");
  const auto ola = Ola();
  // Neither another employer nor the applicant may withdraw it.
  EXPECT_THROW(svc.WithdrawOffer(coord_a_, offer), NotFound);
  EXPECT_THROW(svc.WithdrawOffer(ola, offer), NotFound);
  EXPECT_THROW(svc.WithdrawOffer(staff_, offer), NotFound);
  svc.WithdrawOffer(coord_b_, offer);
  EXPECT_EQ(svc.GetMyOffer(ola, offer).status, "withdrawn");
  EXPECT_EQ(OutboxCount(*db_, "ola@example.no", "pool/offer_withdrawn"), 1);
  EXPECT_THROW(svc.WithdrawOffer(coord_b_, offer), Conflict);  // twice: no longer open
  EXPECT_THROW(svc.AcceptOffer(ola, offer), Conflict);
  // A new offer may be made after a withdrawal.
  EXPECT_GT(svc.MakeOffer(coord_b_, w_.cohort, ola_, {"permanent", "6", "01.09.2011", ""}), offer);
}

TEST_F(PoolService, EmployerEnrolsItsOwnHire) {
  auto svc = Service();
  EXPECT_THROW(svc.EnrolTrainee(coord_a_, w_.cohort, 0, "", "not-an-email"), Invalid);
  EXPECT_THROW(svc.EnrolTrainee(other_staff_, w_.cohort, 0, "Nina", "nina@example.no"), NotFound);
  auto trainee = svc.EnrolTrainee(coord_a_, w_.cohort, 0, "Nina Nyansatt", "Nina@Example.no");
  EXPECT_GT(trainee, 0);
  EXPECT_EQ(OutboxCount(*db_, "nina@example.no", "pool/enrolled"), 1);
  try {
    svc.EnrolTrainee(coord_a_, w_.cohort, 0, "Nina Nyansatt", "nina@example.no");
    FAIL() << "enrolled twice";
  } catch (const Invalid& e) {
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].field, "email");
  }
  db_->Read([&](storage::Tx& tx) {
    auto person = storage::PersonRepository(tx).FindByEmail("nina@example.no");
    ASSERT_TRUE(person);
    EXPECT_FALSE(person->has_password);
    auto grants = storage::GrantRepository(tx).ForPerson(person->id);
    ASSERT_EQ(grants.size(), 1u);
    EXPECT_EQ(grants[0].role, domain::Role::kTrainee);
  });
}

TEST_F(PoolService, FilesAreServedToStaffAndPoolEmployersOnly) {
  std::int64_t file = 0;
  const std::string pdf = std::string("%PDF-1.4\n\x00\x01\xff binary", 20);
  db_->Transact([&](storage::Tx& tx) {
    file = storage::PoolRepository(tx).InsertFile(kari_, "cv", "cv.pdf", pdf, 1);
  });
  auto svc = Service();
  auto got = svc.GetFile(staff_, kari_, file);
  EXPECT_EQ(got.filename, "cv.pdf");
  EXPECT_EQ(got.content, pdf);
  EXPECT_THROW(svc.GetFile(staff_, ola_, file), NotFound);
  EXPECT_THROW(svc.GetFile(coord_a_, kari_, file), Forbidden);
  svc.SetQualification(staff_, kari_, "qualified", "");
  svc.ReleasePool(staff_, w_.cohort);
  EXPECT_EQ(svc.GetFile(coord_a_, kari_, file).content, pdf);
  EXPECT_THROW(svc.GetFile(other_staff_, kari_, file), NotFound);
}

}  // namespace

namespace {

std::vector<std::int64_t> Ids(const domain::PageResult<domain::pool::ApplicationRow>& r) {
  std::vector<std::int64_t> out;
  for (const auto& row : r.items) out.push_back(row.id);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_F(PoolService, SearchWithFiltersAgreesWithTheFiltersAlone) {
  auto svc = Service();
  svc.SetQualification(staff_, kari_, "qualified", "");
  svc.SetQualification(staff_, ola_, "qualified", "");
  svc.SetQualification(staff_, kari2_, "not_qualified", "Duplikat");
  ExpectSearchIndexConsistent(*db_);

  std::vector<Filter> filters(9);
  filters[1].degree = "bachelor";
  filters[2].background_id = w_.bg_engineering;
  filters[3].county = "03";
  filters[4].year = 2011;
  filters[5].preferred_participation_id = w_.part_b;
  filters[6].status = "withdrawn";
  filters[7].qualification = "not_qualified";
  filters[8].degree = "master";
  filters[8].preferred_participation_id = w_.part_a;
  Filter everyone;
  everyone.q = "ntnu";  // every applicant studied there
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, everyone, Page()).page.total, 4);
  for (std::size_t i = 0; i < filters.size(); ++i) {
    SCOPED_TRACE(i);
    auto alone = svc.ListApplications(staff_, w_.cohort, filters[i], Page());
    Filter searched = filters[i];
    searched.q = "ntnu";
    auto with_search = svc.ListApplications(staff_, w_.cohort, searched, Page());
    EXPECT_EQ(with_search.page.total, alone.page.total);
    EXPECT_EQ(Ids(with_search.page), Ids(alone.page));
    EXPECT_EQ(Names(with_search.page), Names(alone.page));  // the same order too
  }
  // The facet words are not searchable text, with or without a filter the index cannot hold.
  Filter facet_word;
  facet_word.q = "xssent";
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, facet_word, Page()).page.total, 0);
  svc.AddTag(staff_, kari_, "intervju");
  facet_word.tag = "intervju";
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, facet_word, Page()).page.total, 0);
  facet_word.q = "ntnu";
  EXPECT_EQ(Names(svc.ListApplications(staff_, w_.cohort, facet_word, Page()).page),
            std::vector<std::string>{"Kari Nordmann"});
  Filter nobody;
  nobody.q = "ntnu";
  nobody.degree = "master\" OR xc1";  // no such degree; never reaches the index as syntax
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, nobody, Page()).page.total, 0);

  // The pool: fitting backgrounds first, paged across the boundary, the same with a search.
  svc.ReleasePool(staff_, w_.cohort);
  Filter pool_search;
  pool_search.q = "ntnu";
  for (const auto& f : {Filter{}, pool_search}) {
    auto a = svc.Pool(coord_a_, w_.cohort, 0, f, Page());
    EXPECT_EQ(a.page.total, 2);
    EXPECT_EQ(Names(a.page), (std::vector<std::string>{"Kari Nordmann", "Ola Hansen"}));
    auto second = Page();
    second.per_page = 1;
    second.page = 2;
    auto b = svc.Pool(coord_a_, w_.cohort, 0, f, second);
    EXPECT_EQ(b.page.total, 2);
    EXPECT_EQ(Names(b.page), std::vector<std::string>{"Ola Hansen"});
    EXPECT_EQ(Names(svc.Pool(coord_b_, w_.cohort, 0, f, Page()).page),
              (std::vector<std::string>{"Ola Hansen", "Kari Nordmann"}));
  }

  // The index follows every change: a qualification, and applications deleted with their
  // education and preferences.
  svc.SetQualification(staff_, ola_, "not_qualified", "Trakk seg");
  EXPECT_EQ(Names(svc.Pool(coord_a_, w_.cohort, 0, pool_search, Page()).page),
            std::vector<std::string>{"Kari Nordmann"});
  db_->Transact([&](storage::Tx& tx) {
    storage::sqlx::Exec(tx, "DELETE FROM applications WHERE id = :id",
                        storage::sqlx::Params().Int("id", kari2_));
  });
  ExpectSearchIndexConsistent(*db_);
  EXPECT_EQ(svc.ListApplications(staff_, w_.cohort, everyone, Page()).page.total, 3);
}
