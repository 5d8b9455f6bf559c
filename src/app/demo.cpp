#include "app/demo.h"

#include <map>
#include <stdexcept>
#include <string>

#include "app/app.h"
#include "app/demo_applications.h"
#include "app/demo_pool.h"
#include "app/demo_signup.h"
#include "domain/accounts/actor.h"
#include "domain/signup/organisation_number.h"
#include "services/accounts/account_service.h"
#include "services/gatherings/gathering_service.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"
#include "services/trainees/trainee_service.h"

namespace tp::app {
namespace {

using domain::Grant;
using domain::Role;
using services::CohortInput;
using services::EmployerInput;
using services::GatheringInput;
using services::ParticipationInput;

// A valid organisation number made from eight digits: the ninth is the mod-11 check digit.
// Demo employers get made-up numbers rather than the real ones.
std::string OrgNumber(int serial) {
  std::string base = std::to_string(910000000 + serial * 10).substr(0, 8);
  for (char check = '0'; check <= '9'; ++check) {
    if (domain::IsValidOrganisationNumber(base + check)) return base + check;
  }
  return OrgNumber(serial + 500);  // this base has no valid check digit (remainder 1)
}

struct DemoEmployer {
  const char* name;
  const char* kind;
  const char* municipality;
  const char* city;
  const char* postal_code;
};

// The national programme's cohort 5: a handful of municipalities and one county municipality.
const DemoEmployer kNationalEmployers[] = {
    {"Bærum kommune", "municipality", "3201", "Sandvika", "1304"},
    {"Trondheim kommune", "municipality", "5001", "Trondheim", "7004"},
    {"Bodø kommune", "municipality", "1804", "Bodø", "8001"},
    {"Kristiansand kommune", "municipality", "4204", "Kristiansand", "4604"},
    {"Tromsø kommune", "municipality", "5501", "Tromsø", "9299"},
    {"Innlandet fylkeskommune", "county_municipality", "3403", "Hamar", "2317"},
};

// "Hvem er med" in the Romerike network (2013). Fet, Skedsmo and Sørum are part of Lillestrøm
// since 2020, so they point at Lillestrøm in the 2024 reference list.
const DemoEmployer kRomerikeEmployers[] = {
    {"Aurskog-Høland kommune", "municipality", "3226", "Bjørkelangen", "1940"},
    {"Fet kommune", "municipality", "3205", "Fetsund", "1900"},
    {"Enebakk kommune", "municipality", "3220", "Enebakk", "1912"},
    {"Gjerdrum kommune", "municipality", "3230", "Gjerdrum", "2022"},
    {"Lørenskog kommune", "municipality", "3222", "Lørenskog", "1470"},
    {"Nittedal kommune", "municipality", "3232", "Nittedal", "1482"},
    {"Nannestad kommune", "municipality", "3238", "Nannestad", "2030"},
    {"Rælingen kommune", "municipality", "3224", "Rælingen", "2008"},
    {"Skedsmo kommune", "municipality", "3205", "Lillestrøm", "2001"},
    {"Sørum Kommunalteknikk KF", "municipal_company", "3205", "Sørumsand", "1920"},
    {"Ullensaker kommune", "municipality", "3209", "Jessheim", "2051"},
    {"NRV/NRA", "inter_municipal_company", "3205", "Lillestrøm", "2007"},
    {"ROAF", "inter_municipal_company", "3205", "Skedsmokorset", "2020"},
    {"ØRAS", "inter_municipal_company", "3209", "Jessheim", "2050"},
};

struct DemoPerson {
  const char* label;  // role label msgid for the login page
  const char* email;
  const char* name;
};

const DemoPerson kPeople[] = {
    {"System administrator", "admin@example.org", "Sigrid Systemansvarlig"},
    {"Operator administrator (national programme)", "ks.admin@example.org", "Eva Programleder"},
    {"Operator staff (national programme)", "ks.staff@example.org", "Ola Rådgiver"},
    {"Project leader (regional network)", "romerike.admin@example.org", "Tone Prosjektleder"},
    {"Trainee coordinator (Bærum kommune)", "koordinator@example.org", "Kari Koordinator"},
    {"Trainee", "trainee@example.org", "Ingrid Trainee"},
    {"Mentor", "mentor@example.org", "Magnus Mentor"},
    {"Professional supervisor", "veileder@example.org", "Siri Veileder"},
    {"Applicant", "soker@example.org", "Sander Søker"},
};

std::int64_t AddEmployer(services::SignupService& signup, const DemoEmployer& e, int serial) {
  EmployerInput in;
  in.name = e.name;
  in.kind = e.kind;
  in.org_number = OrgNumber(serial);
  in.municipality_number = e.municipality;
  in.address = "Rådhusplassen 1";
  in.postal_code = e.postal_code;
  in.city = e.city;
  in.invoice_contact_name = "Fakturamottak";
  in.invoice_contact_email = "faktura@example.org";
  return signup.CreateEmployerTrusted(in);
}

void SignUp(services::SignupService& signup, std::int64_t cohort, std::int64_t employer, int wanted,
            const std::string& background, const std::string& status) {
  ParticipationInput in;
  in.employer_id = std::to_string(employer);
  in.trainees_wanted = std::to_string(wanted);
  in.wanted_background = background;
  in.status = status;
  signup.SignUpEmployerTrusted(cohort, in);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DemoLogins() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : kPeople) out.emplace_back(p.label, p.email);
  return out;
}

bool SeedDemo(App& app) {
  auto& programmes = app.programmes();
  auto& accounts = app.accounts();
  domain::Actor system;
  system.person_id = -1;
  system.grants.push_back({Role::kSystemAdmin, 0});
  if (!programmes.ListOperators(system).empty()) return false;

  // --- The national programme (KS), cohort 5, 2011–2013 ---------------------------------------
  auto ks =
      programmes.CreateOperatorTrusted({"KS – Kommunesektorens organisasjon", "KS", "national"});
  auto national = programmes.CreateProgrammeTrusted(
      ks, {"Kommunesektorens traineeprogram", "national_model",
           "18 måneder med to til tre arbeidsperioder hos arbeidsgiver eller i en annen kommune, "
           "og eventuelt en praksisperiode i KS på inntil to måneder. Seks fagsamlinger, "
           "studietur til Brussel, prosjektoppgave og vitnemål."});
  auto cohort5 = programmes.CreateCohortTrusted(
      national, CohortInput{"Kull 5", "2010-11-17", "2011-02-14", "2011-09-01", "2013-03-01", ""});
  app.gatherings().AddGatheringTrusted(
      cohort5, GatheringInput{"Arbeidsgiverseminar", "employer_seminar", "2011-04-27", "2011-04-28",
                              "Oslo"});
  const GatheringInput gatherings[] = {
      {"Fagsamling 1: Kommunen som samfunnsaktør", "gathering", "2011-09-20", "2011-09-22", "Oslo"},
      {"Fagsamling 2: Etikk og god forvaltning", "gathering", "2011-12-06", "2011-12-08",
       "Trondheim"},
      {"Fagsamling 3: Strategisk rådgivning", "gathering", "2012-03-13", "2012-03-15", "Bergen"},
      {"Fagsamling 4: Prosjekt og innovasjon", "gathering", "2012-06-12", "2012-06-14", "Bodø"},
      {"Fagsamling 5: Studietur til Brussel", "study_trip", "2012-10-08", "2012-10-11", "Brussel"},
      {"Fagsamling 6: Avslutning og vitnemål", "gathering", "2013-02-19", "2013-02-21", "Oslo"},
  };
  for (const auto& g : gatherings) app.gatherings().AddGatheringTrusted(cohort5, g);

  int serial = 1;
  std::map<std::string, std::int64_t> employer_ids;
  const char* backgrounds[] = {
      "Samfunnsfag, økonomi", "Ingeniørfag, planlegging", "Jus",
      "IT og digitalisering", "Helse og velferd",         "Samfunnsplanlegging"};
  int i = 0;
  for (const auto& e : kNationalEmployers) {
    auto id = AddEmployer(app.signup(), e, serial++);
    employer_ids[e.name] = id;
    SignUp(app.signup(), cohort5, id, i % 3 == 0 ? 2 : 1, backgrounds[i % 6],
           i == 5 ? "signed_up" : "confirmed");
    ++i;
  }

  // --- The regional network (Tekniske Tjenester Romerike) and its cohorts --------------------
  auto ttr = programmes.CreateOperatorTrusted({"Tekniske Tjenester Romerike", "TTR", "regional"});
  auto regional = programmes.CreateProgrammeTrusted(
      ttr, {"Traineeprogram for kommunalteknikk", "regional_three_part",
            "Del 1 (6 måneder) i vertskommunen, del 2 (6 måneder) i en annen kommune eller et "
            "foretak, del 3 (6 måneder) tilbake i vertskommunen. Seks fagsamlinger, studietur til "
            "Brussel, prosjektoppgave og attest."});
  std::vector<std::int64_t> romerike_ids;
  for (const auto& e : kRomerikeEmployers)
    romerike_ids.push_back(AddEmployer(app.signup(), e, serial++));
  struct RegionalCohort {
    const char* name;
    const char* signup;
    const char* apply;
    const char* start;
    std::size_t employers;
  };
  const RegionalCohort cohorts[] = {
      {"Kull 2008", "2007-11-15", "2008-03-01", "2008-09-01", 10},
      {"Kull 2009", "2008-11-15", "2009-03-01", "2009-09-01", 10},
      {"Kull 2011", "2010-11-15", "2011-03-01", "2011-09-01", 13},
      {"Kull 2013", "2012-11-15", "2013-03-01", "2013-09-01", 14},
  };
  for (const auto& c : cohorts) {
    auto id = programmes.CreateCohortTrusted(
        regional, CohortInput{c.name, c.signup, c.apply, c.start, "", ""});
    for (std::size_t k = 0; k < c.employers; ++k) {
      SignUp(app.signup(), id, romerike_ids[k], 1, "Ingeniørfag: vann, avløp, vei eller avfall",
             "confirmed");
    }
  }

  // --- One login per role ---------------------------------------------------------------------
  auto person = [&](int index, std::vector<Grant> grants) {
    const auto& p = kPeople[index];
    return accounts.CreatePersonWithPassword(p.email, p.name, kDemoPassword, grants);
  };
  system.person_id = person(0, {{Role::kSystemAdmin, 0}});
  person(1, {{Role::kOperatorAdmin, ks}});
  person(2, {{Role::kOperatorStaff, ks}});
  person(3, {{Role::kOperatorAdmin, ttr}});
  auto baerum = employer_ids.at("Bærum kommune");
  person(4, {{Role::kCoordinator, baerum}});
  // The trainee record needs the person first; the trainee-scoped grants need the record.
  auto trainee_person = person(5, {});
  auto trainee = app.trainees().CreateTraineeRecord(cohort5, baerum, trainee_person);
  accounts.Grant(system, trainee_person, Role::kTrainee, trainee);
  person(6, {{Role::kMentor, trainee}});
  person(7, {{Role::kSupervisor, trainee}});
  person(8, {{Role::kApplicant, 0}});
  SeedSignupDemo(app);
  SeedApplicationsDemo(app);
  SeedPoolDemo(app);
  return true;
}

}  // namespace tp::app
