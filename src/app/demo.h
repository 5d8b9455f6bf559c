#pragma once
#include <string>
#include <utility>
#include <vector>

namespace tp::app {

class App;

/// The password of every demo login (shown on the login page in demo mode only).
inline constexpr const char* kDemoPassword = "demo-passord-2026";

/// (role label msgid, e-mail) of the demo logins, one per role.
std::vector<std::pair<std::string, std::string>> DemoLogins();

/// Loads the demo data (the national programme's cohort 5, the Romerike network and its
/// cohorts, one login per role) when the database has no operators yet. Returns false when
/// there was data already and nothing was loaded.
bool SeedDemo(App& app);

}  // namespace tp::app
