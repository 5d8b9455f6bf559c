#include "app/demo_signup.h"

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/accounts/actor.h"
#include "services/programmes/programme_service.h"
#include "services/signup/signup_service.h"

namespace tp::app {
namespace {

using services::ParticipationInput;

struct DemoSignup {
  const char* employer;
  int trainees;
  std::vector<const char*> backgrounds;
  const char* wanted;
  const char* presentation;
  const char* buyer_reference_pattern;
  const char* buyer_reference;
};

const DemoSignup kSignups[] = {
    {"Bærum kommune",
     2,
     {"Samfunnsfag", "Økonomi"},
     "Gjerne erfaring med analyse og statistikk.",
     "Bærum kommune er en av landets største kommuner med rundt 130 000 innbyggere og 11 000 "
     "ansatte. Som trainee hos oss får du arbeide med strategisk planlegging, "
     "tjenesteutvikling og politiske saker tett på rådmannens stab.\n\n"
     "Vi tilbyr et godt faglig miljø, fleksibel arbeidstid og mentor utenfor egen linje.",
     "BK-######",
     "BK-204711"},
    {"Trondheim kommune",
     1,
     {"Ingeniørfag", "Plan og areal"},
     "",
     "Trondheim kommune bygger byen for framtiden: byutvikling, klima og miljø. Traineen får "
     "arbeidsperioder i byplankontoret og i kommunalteknikk.",
     "",
     ""},
    {"Bodø kommune",
     1,
     {"IT"},
     "Digitalisering av innbyggertjenester.",
     "Bodø er europeisk kulturhovedstad 2024 og en kommune i sterk vekst. Hos oss får du være med "
     "på å digitalisere tjenestene til innbyggerne i Nord-Norges nest største by.",
     "####",
     "4711"},
    {"Kristiansand kommune",
     2,
     {"Juss", "Samfunnsfag"},
     "",
     "Kristiansand kommune søker traineer som vil arbeide med forvaltning, juss og politiske "
     "saker i Sørlandets største kommune.",
     "",
     ""},
    {"Tromsø kommune",
     1,
     {"Helse"},
     "Helse- og omsorgstjenester, gjerne med ledelsesinteresse.",
     "Tromsø kommune gir deg arbeidsoppgaver i helse- og omsorgssektoren, der behovet for "
     "strategisk kompetanse er stort.",
     "",
     ""},
};

}  // namespace

void SeedSignupDemo(App& app) {
  auto& programmes = app.programmes();
  domain::Actor system;
  system.person_id = -1;
  system.grants.push_back({domain::Role::kSystemAdmin, 0});

  std::int64_t ks = 0;
  for (const auto& op : programmes.ListOperators(system))
    if (op.short_name == "KS") ks = op.id;
  if (ks == 0) return;
  auto programme_list = programmes.ListProgrammes(system, ks);
  if (programme_list.empty()) return;
  const auto national = programme_list.front().id;

  std::map<std::string, std::int64_t> background_ids;
  for (const auto& b : app.signup().ListBackgrounds(system, ks, false))
    background_ids[b.name] = b.id;
  auto details = [&](const DemoSignup& s, std::int64_t employer_id, const char* status) {
    ParticipationInput in;
    in.employer_id = std::to_string(employer_id);
    in.trainees_wanted = std::to_string(s.trainees);
    in.wanted_background = s.wanted;
    in.status = status;
    for (const auto* b : s.backgrounds)
      if (background_ids.count(b)) in.background_ids.push_back(std::to_string(background_ids[b]));
    in.presentation = s.presentation;
    in.buyer_reference_pattern = s.buyer_reference_pattern;
    in.buyer_reference = s.buyer_reference;
    return in;
  };

  // Cohort 5: every sign-up but the last confirmed, now with presentations and backgrounds.
  std::map<std::string, std::int64_t> employer_ids;
  for (const auto& c : programmes.ListCohorts(system, national)) {
    if (c.name != "Kull 5") continue;
    for (const auto& p : programmes.GetCohort(system, c.id).participations) {
      employer_ids[p.employer_name] = p.employer_id;
      for (const auto& s : kSignups)
        if (p.employer_name == s.employer)
          app.signup().UpdateParticipationTrusted(p.id, details(s, p.employer_id, "confirmed"));
    }
  }

  // An open cohort for today's visitors.
  auto kull21 = programmes.CreateCohortTrusted(
      national, services::CohortInput{"Kull 21", "2027-01-15", "2027-02-15", "2027-09-01", "", ""});
  for (const auto& s : kSignups) {
    auto it = employer_ids.find(s.employer);
    if (it == employer_ids.end()) continue;
    app.signup().SignUpEmployerTrusted(kull21, details(s, it->second, "confirmed"));
  }
  auto innlandet = employer_ids.find("Innlandet fylkeskommune");
  if (innlandet != employer_ids.end()) {
    ParticipationInput in;
    in.employer_id = std::to_string(innlandet->second);
    in.trainees_wanted = "1";
    in.wanted_background = "Samferdsel og regional utvikling";
    in.status = "signed_up";
    app.signup().SignUpEmployerTrusted(kull21, in);
  }
}

}  // namespace tp::app
