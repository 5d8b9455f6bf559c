#include "app/demo_applications.h"

#include <random>
#include <string>
#include <vector>

#include "app/app.h"
#include "domain/accounts/actor.h"
#include "domain/dates.h"
#include "services/applications/application_service.h"
#include "storage/accounts/account_repositories.h"
#include "storage/applications/application_repositories.h"
#include "storage/database.h"
#include "storage/sql_helpers.h"

namespace tp::app {
namespace {

const char* kWomen[] = {"Ingrid", "Kari",  "Nora",  "Emma",   "Sara",     "Ida",   "Maja",
                        "Thea",   "Hanne", "Silje", "Marte",  "Ragnhild", "Aisha", "Mari",
                        "Julie",  "Sofie", "Tuva",  "Linnea", "Eli",      "Hedda"};
const char* kMen[] = {"Ola",    "Lars",   "Jonas",  "Magnus",  "Henrik",   "Erik",  "Anders",
                      "Sindre", "Mats",   "Håkon",  "Ali",     "Kristian", "Eirik", "Tobias",
                      "Sander", "Petter", "Vegard", "Øystein", "Amir",     "Jørgen"};
const char* kFamily[] = {"Hansen",  "Johansen",    "Olsen",      "Larsen",   "Andersen", "Pedersen",
                         "Nilsen",  "Kristiansen", "Jensen",     "Karlsen",  "Berg",     "Haugen",
                         "Hagen",   "Johannessen", "Andreassen", "Jacobsen", "Dahl",     "Lund",
                         "Solberg", "Bakken",      "Moen",       "Strand",   "Ahmed",    "Nguyen",
                         "Eriksen", "Sæther",      "Lie",        "Aas",      "Myhre",    "Rønning"};
const char* kMunicipalities[] = {"0301", "3201", "3203", "4601", "5001", "1103", "3232",
                                 "3205", "3403", "1806", "5501", "4204", "1506", "3301",
                                 "3407", "4203", "1108", "3905", "3212", "1508"};
const char* kCities[] = {"Oslo",      "Bærum",        "Asker",      "Bergen",   "Trondheim",
                         "Stavanger", "Nittedal",     "Lillestrøm", "Hamar",    "Narvik",
                         "Tromsø",    "Kristiansand", "Molde",      "Drammen",  "Gjøvik",
                         "Arendal",   "Sandnes",      "Tønsberg",   "Nesodden", "Ålesund"};
struct Study {
  const char* field;
  const char* institution;
};
const Study kStudies[] = {{"Samfunnsøkonomi", "Universitetet i Oslo"},
                          {"Statsvitenskap", "Universitetet i Bergen"},
                          {"Bygg- og miljøteknikk", "NTNU"},
                          {"Sivilingeniør, vann og miljø", "NMBU"},
                          {"Offentlig administrasjon", "Høgskolen i Innlandet"},
                          {"Samfunnsplanlegging", "Nord universitet"},
                          {"Rettsvitenskap", "Universitetet i Tromsø"},
                          {"Sykepleie", "OsloMet"},
                          {"Økonomi og administrasjon", "Handelshøyskolen BI"},
                          {"Informatikk", "Universitetet i Agder"},
                          {"Geografi", "NTNU"},
                          {"Eiendomsfag", "Høgskulen på Vestlandet"}};
const char* kOccupations[] = {"Student",  "Saksbehandler",       "Konsulent",
                              "Rådgiver", "Prosjektmedarbeider", "Vikar",
                              "Ingeniør", "Butikkmedarbeider",   "Forskningsassistent"};
const char* kOptOutReasons[] = {
    "Nåværende arbeidsgiver vet ikke at jeg søker.",
    "Jeg søker i det stille fordi jeg er i et vikariat.",
    "Personlige grunner.",
};

// A small valid PDF naming its owner.
std::string DemoPdf(const std::string& title) {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
         "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
         "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
         "4 0 obj << /Length 44 >> stream\nBT /F1 18 Tf 72 770 Td (" +
         title + ") Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

}  // namespace

void SeedApplicationsDemo(App& app) {
  auto& db = app.database();
  auto& svc = app.applications();
  std::int64_t kull5 = 0, operator_id = 0, open_cohort = 0, soker = 0;
  std::vector<std::int64_t> backgrounds, participations, open_participations;
  const auto today = domain::FormatIso(domain::OsloToday());
  db.Read([&](storage::Tx& tx) {
    storage::sqlx::Cursor c(tx,
                            "SELECT c.id, p.operator_id FROM cohorts c JOIN programmes p ON p.id = "
                            "c.programme_id JOIN operators o ON o.id = p.operator_id WHERE c.name "
                            "= 'Kull 5' AND o.short_name = 'KS' ORDER BY c.id",
                            {}, "II");
    if (c.Next()) {
      kull5 = c.Int(0);
      operator_id = c.Int(1);
    }
    storage::sqlx::Cursor open(
        tx,
        "SELECT id FROM cohorts WHERE application_deadline >= :today ORDER BY "
        "application_deadline DESC, id DESC",
        storage::sqlx::Params().Text("today", today), "I");
    if (open.Next()) open_cohort = open.Int(0);
    storage::ApplicationRepository repo(tx);
    for (const auto& b : repo.Backgrounds(operator_id)) backgrounds.push_back(b.id);
    if (kull5)
      for (const auto& w : repo.ConfirmedEmployers(kull5))
        participations.push_back(w.participation_id);
    if (open_cohort)
      for (const auto& w : repo.ConfirmedEmployers(open_cohort))
        open_participations.push_back(w.participation_id);
    if (auto p = storage::PersonRepository(tx).FindByEmail("soker@example.org")) soker = p->id;
  });
  if (kull5 == 0) return;

  std::mt19937 rng(2011);
  auto pick = [&](auto& array) -> decltype(array[0]) {
    return array[rng() % (sizeof(array) / sizeof(array[0]))];
  };
  // Sent between 10 January and the deadline, 14 February 2011.
  const auto first = domain::Date::From(2011, 1, 10).DaysSinceEpoch() * 86400 + 8 * 3600;
  const int kCount = 300;
  std::vector<services::SentImport> imports;
  for (int i = 0; i < kCount; ++i) {
    const bool woman = rng() % 100 < 55;
    const std::string given = woman ? pick(kWomen) : pick(kMen);
    const std::string family = pick(kFamily);
    const auto m = rng() % (sizeof(kMunicipalities) / sizeof(kMunicipalities[0]));
    services::ApplicationInput in;
    in.given_name = given;
    in.family_name = family;
    in.birth_date = std::to_string(1979 + rng() % 9) + "-" +
                    (std::to_string(101 + rng() % 12)).substr(1) + "-" +
                    (std::to_string(101 + rng() % 28)).substr(1);
    const auto g = rng() % 100;
    in.gender = g < 8 ? "" : (g < 10 ? "other" : (woman ? "female" : "male"));
    in.phone = std::to_string(90000000 + rng() % 9999999);
    in.address = std::string(pick(kFamily)) + "veien " + std::to_string(1 + rng() % 80);
    in.postal_code = std::to_string(1000 + rng() % 8999);
    in.city = kCities[m];
    in.municipality_number = kMunicipalities[m];
    in.occupation = pick(kOccupations);
    in.experience = "Sommerjobb og deltidsarbeid i " + std::string(kCities[rng() % 20]) +
                    " kommune ved siden av studiene.";
    in.motivation =
        "Jeg ønsker å bruke utdanningen min i kommunesektoren og lære av erfarne "
        "kolleger i et traineeprogram.";
    const Study& master = pick(kStudies);
    const Study& bachelor = pick(kStudies);
    const std::string bg = backgrounds.empty() || rng() % 10 == 0
                               ? ""
                               : std::to_string(backgrounds[rng() % backgrounds.size()]);
    const int year = 2006 + static_cast<int>(rng() % 5);
    in.education.push_back({rng() % 4 == 0 ? "bachelor" : "master", bg, master.field,
                            master.institution, std::to_string(year)});
    if (rng() % 2)
      in.education.push_back(
          {"bachelor", "", bachelor.field, bachelor.institution, std::to_string(year - 2)});
    std::vector<std::int64_t> wishes = participations;
    std::shuffle(wishes.begin(), wishes.end(), rng);
    wishes.resize(std::min<std::size_t>(wishes.size(), 1 + rng() % 3));
    for (auto w : wishes) in.preferences.push_back(std::to_string(w));
    if (rng() % 100 < 7) {
      in.public_list_opt_out = true;
      in.opt_out_reason = pick(kOptOutReasons);
    }
    std::vector<services::FileUpload> files;
    if (i % 8 == 0) {
      files.push_back({"cv", "cv", "CV " + given + " " + family + ".pdf",
                       DemoPdf("CV - " + given + " " + family)});
      files.push_back({"diploma", "diploma", "Vitnemaal.pdf", DemoPdf("Vitnemaal")});
    }
    const auto sent_at = first + static_cast<std::int64_t>(rng() % (35 * 86400));
    imports.push_back({"soker" + std::to_string(i + 1) + "@demo.example.org", given + " " + family,
                       std::move(in), std::move(files), sent_at});
  }
  svc.ImportSentTrusted(kull5, imports);

  if (open_cohort && soker) {
    services::ApplicationInput draft;
    draft.given_name = "Sander";
    draft.family_name = "Søker";
    draft.birth_date = "1999-04-12";
    draft.gender = "male";
    draft.phone = "912 34 567";
    draft.address = "Kirkegata 3";
    draft.postal_code = "2317";
    draft.city = "Hamar";
    draft.municipality_number = "3403";
    draft.occupation = "Student";
    draft.education.push_back({"master", "", "Samfunnsplanlegging", "Høgskolen i Innlandet",
                               std::to_string(domain::OsloToday().year())});
    if (!open_participations.empty())
      draft.preferences.push_back(std::to_string(open_participations.front()));
    svc.SaveDraftTrusted(open_cohort, soker, draft);
  }
}

}  // namespace tp::app
