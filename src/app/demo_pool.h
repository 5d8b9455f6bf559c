#pragma once

namespace tp::app {

class App;

/// Demo data of registration and the pool on top of the demo applications to KS "Kull 5":
/// most applications qualified, some not (with reasons), a few tags, the pool released, Bærum's
/// coordinator with prioritised candidates and notes, offers open, declined and accepted (the
/// accepted one a trainee). Does nothing when the cohort has no sent applications yet.
void SeedPoolDemo(App& app);

}  // namespace tp::app
