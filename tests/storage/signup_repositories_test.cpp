#include "storage/signup/signup_repositories.h"

#include <gtest/gtest.h>

#include "services/programmes/programme_service.h"
#include "support/test_database.h"

using namespace tp;
using namespace tp::storage;

TEST(SignupStorage, EmployersSearchSortAndPage) {
  auto db = test::FreshDatabase();
  services::ProgrammeService svc(*db);
  svc.EnsureMunicipalitiesLoaded();
  db->Transact([](Tx& tx) {
    EmployerRepository employers(tx);
    auto make = [&](std::string name, std::string org, std::string municipality,
                    domain::EmployerKind kind, std::int64_t at) {
      domain::Employer e;
      e.name = std::move(name);
      e.org_number = std::move(org);
      e.municipality_number = std::move(municipality);
      e.kind = kind;
      return employers.Insert(e, at);
    };
    make("Nittedal kommune", "974760673", "3232", domain::EmployerKind::kMunicipality, 1);
    make("ROAF", "971032081", "", domain::EmployerKind::kInterMunicipalCompany, 2);
    make("Oslo kommune", "100000008", "0301", domain::EmployerKind::kMunicipality, 3);

    domain::PageRequest page;
    auto all = employers.List(page);
    EXPECT_EQ(all.total, 3);
    ASSERT_EQ(all.items.size(), 3u);
    EXPECT_EQ(all.items[0].name, "Nittedal kommune");
    EXPECT_EQ(all.items[0].municipality_name, "Nittedal");

    page.q = "oslo";
    auto by_municipality = employers.List(page);
    ASSERT_EQ(by_municipality.total, 1);
    EXPECT_EQ(by_municipality.items[0].name, "Oslo kommune");

    page.q = "971 032";
    auto by_org = employers.List(page);
    ASSERT_EQ(by_org.total, 1);
    EXPECT_EQ(by_org.items[0].name, "ROAF");
    EXPECT_TRUE(by_org.items[0].municipality_number.empty());

    page.q = "50%";
    EXPECT_EQ(employers.List(page).total, 0);

    page.q = "";
    page.sort = "created";
    page.descending = true;
    page.per_page = 2;
    auto first = employers.List(page);
    EXPECT_EQ(first.total, 3);
    ASSERT_EQ(first.items.size(), 2u);
    EXPECT_EQ(first.items[0].name, "Oslo kommune");
    page.page = 2;
    auto second = employers.List(page);
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].name, "Nittedal kommune");

    EXPECT_TRUE(employers.FindByOrgNumber("974760673"));
    EXPECT_FALSE(employers.FindByOrgNumber("974760674"));
  });
}
