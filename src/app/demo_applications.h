#pragma once

namespace tp::app {

class App;

/// Demo applications: about three hundred sent applications to KS "Kull 5" (past its
/// deadline), with varied names, genders, education, backgrounds, municipalities and employer
/// wishes, some with small PDFs, some kept off the public list with a reason; and a draft for the
/// demo applicant (soker@example.org) in the open cohort with the latest application deadline,
/// when there is one. Does nothing when Kull 5 is missing.
void SeedApplicationsDemo(App& app);

}  // namespace tp::app
