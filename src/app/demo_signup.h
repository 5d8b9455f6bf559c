#pragma once

namespace tp::app {

class App;

/// Demo data of employers' sign-up and the public advert, on top of SeedDemo's programmes: the
/// KS cohort 5 sign-ups confirmed with presentations and backgrounds, and an open KS cohort
/// "Kull 21" (sign-up deadline 15.01.2027, application deadline 15.02.2027, start 01.09.2027)
/// with confirmed employers, so the advert shows something today.
void SeedSignupDemo(App& app);

}  // namespace tp::app
