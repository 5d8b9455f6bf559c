#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "domain/accounts/actor.h"
#include "services/accounts/account_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "support/forms.h"
#include "support/test_app.h"

/// The world of the programmes and signup HTTP tests: two operators with a programme and a
/// cohort each, one employer signed up in each cohort, and people with the roles the tests need.
namespace tp::programmes_http {

using domain::Role;
using test::TestClient;

inline const std::string kPassword = "riktig-passord-1";
inline const std::string kNbsp = "\xC2\xA0";

// A urlencoded form body with the client's CSRF token added.
inline std::string Form(const TestClient& c,
                        std::vector<std::pair<std::string, std::string>> fields,
                        bool with_csrf = true) {
  return test::FormBody(c, fields, with_csrf);
}

inline services::ParticipationInput SignUpInput(std::int64_t employer, const std::string& wanted,
                                                const std::string& background) {
  services::ParticipationInput in;
  in.employer_id = std::to_string(employer);
  in.trainees_wanted = wanted;
  in.wanted_background = background;
  return in;
}

inline bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

// Two operators, each with a programme and a cohort; one employer in each cohort; people with
// the roles the tests need.
struct World {
  std::int64_t ks = 0, romerike = 0;
  std::int64_t ks_programme = 0, ttr_programme = 0;
  std::int64_t kull5 = 0, ttr2013 = 0;
  std::int64_t nittedal = 0, roaf = 0;
  std::int64_t participation = 0;
};

class ProgrammesHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& svc = app_.app().programmes();
    auto& signup = app_.app().signup();
    auto& accounts = app_.app().accounts();
    w_.ks = svc.CreateOperatorTrusted({"KS", "KS", "national"});
    w_.romerike = svc.CreateOperatorTrusted({"Tekniske Tjenester Romerike", "TTR", "regional"});
    w_.ks_programme = svc.CreateProgrammeTrusted(
        w_.ks, {"Kommunesektorens traineeprogram", "national_model", ""});
    w_.ttr_programme =
        svc.CreateProgrammeTrusted(w_.romerike, {"Traineeprogram TTR", "regional_three_part", ""});
    w_.kull5 = svc.CreateCohortTrusted(
        w_.ks_programme, {"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "", ""});
    w_.ttr2013 = svc.CreateCohortTrusted(
        w_.ttr_programme, {"2013", "2013-01-15", "2013-03-01", "2013-09-01", "", ""});
    w_.nittedal = signup.CreateEmployerTrusted(
        {"Nittedal kommune", "municipality", "974760673", "3232", "", "", "", "", ""});
    w_.roaf = signup.CreateEmployerTrusted(
        {"ROAF", "inter_municipal_company", "971032081", "", "", "", "", "", ""});
    w_.participation =
        signup.SignUpEmployerTrusted(w_.kull5, SignUpInput(w_.nittedal, "2", "Samfunnsplanlegger"));
    signup.SignUpEmployerTrusted(w_.ttr2013, SignUpInput(w_.roaf, "1", "Ingeniør"));

    accounts.CreateSystemAdmin("admin@example.no", "Admin", kPassword);
    accounts.CreatePersonWithPassword("ks@example.no", "KS-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.ks}});
    accounts.CreatePersonWithPassword("ttr@example.no", "TTR-ansatt", kPassword,
                                      {{Role::kOperatorStaff, w_.romerike}});
    accounts.CreatePersonWithPassword("koord@example.no", "Koordinator", kPassword,
                                      {{Role::kCoordinator, w_.nittedal}});
    accounts.CreatePersonWithPassword("fremmed@example.no", "Fremmed", kPassword, {});
  }

  std::string Cohort(std::int64_t id) { return "/cohorts/" + std::to_string(id); }

  test::TestApp app_;
  World w_;
};

}  // namespace tp::programmes_http
