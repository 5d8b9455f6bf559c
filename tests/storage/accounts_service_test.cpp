#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sodium.h>

#include <regex>

#include "domain/errors.h"
#include "services/accounts/account_service.h"
#include "storage/accounts/account_repositories.h"
#include "support/test_database.h"

namespace tp {
namespace {

using domain::Role;

// Rows in the programme tables that grant scopes refer to.
struct World {
  long long operator_a = 0, operator_b = 0, employer = 0, employer_elsewhere = 0, trainee_a = 0,
            trainee_b = 0, trainee_person = 0;
};

long long InsertId(soci::session& sql, const std::string& text) {
  long long id = 0;
  sql << text, soci::into(id);
  return id;
}

World BuildWorld(storage::Database& db) {
  World w;
  db.Transact([&](storage::Tx& tx) {
    auto& sql = tx.sql();
    w.operator_a = InsertId(
        sql,
        "INSERT INTO operators (name, kind, created_at) VALUES ('KS', 'national', 0) RETURNING id");
    w.operator_b = InsertId(sql,
                            "INSERT INTO operators (name, kind, created_at) VALUES ('Romerike', "
                            "'regional', 0) RETURNING id");
    auto prog_a =
        InsertId(sql, "INSERT INTO programmes (operator_id, name, structure, created_at) VALUES (" +
                          std::to_string(w.operator_a) +
                          ", 'KS trainee', 'national_model', 0) RETURNING id");
    auto prog_b = InsertId(
        sql, "INSERT INTO programmes (operator_id, name, structure, created_at) VALUES (" +
                 std::to_string(w.operator_b) + ", 'TTR', 'regional_three_part', 0) RETURNING id");
    auto cohort_a =
        InsertId(sql,
                 "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, "
                 "starts_on, ends_on, fee_ore, created_at) VALUES (" +
                     std::to_string(prog_a) +
                     ", 'Kull 5', '2010-11-17', '2011-02-14', '2011-09-01', '2013-03-01', 6900000, "
                     "0) RETURNING id");
    auto cohort_b = InsertId(
        sql,
        "INSERT INTO cohorts (programme_id, name, signup_deadline, application_deadline, "
        "starts_on, ends_on, fee_ore, created_at) VALUES (" +
            std::to_string(prog_b) +
            ", '2013', '2012-11-17', '2013-02-14', '2013-09-01', '2015-02-01', 0, 0) RETURNING id");
    w.employer = InsertId(sql,
                          "INSERT INTO employers (name, kind, org_number, created_at) VALUES "
                          "('Lillestrøm kommune', 'municipality', '920817521', 0) RETURNING id");
    w.employer_elsewhere =
        InsertId(sql,
                 "INSERT INTO employers (name, kind, org_number, created_at) VALUES "
                 "('Aurskog-Høland kommune', 'municipality', '964950113', 0) RETURNING id");
    sql << "INSERT INTO participations (cohort_id, employer_id, created_at) VALUES (" +
               std::to_string(cohort_a) + ", " + std::to_string(w.employer) + ", 0)";
    sql << "INSERT INTO participations (cohort_id, employer_id, created_at) VALUES (" +
               std::to_string(cohort_b) + ", " + std::to_string(w.employer_elsewhere) + ", 0)";
    w.trainee_person = InsertId(sql,
                                "INSERT INTO people (email, name, created_at) VALUES "
                                "('trainee.record@example.no', 'Trainee Record', 0) RETURNING id");
    w.trainee_a = InsertId(
        sql, "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) VALUES (" +
                 std::to_string(cohort_a) + ", " + std::to_string(w.employer) + ", " +
                 std::to_string(w.trainee_person) + ", 0) RETURNING id");
    w.trainee_b = InsertId(
        sql, "INSERT INTO trainees (cohort_id, employer_id, person_id, created_at) VALUES (" +
                 std::to_string(cohort_b) + ", " + std::to_string(w.employer_elsewhere) + ", " +
                 std::to_string(w.trainee_person) + ", 0) RETURNING id");
  });
  return w;
}

const std::string kPassword = "riktig-passord-1";

class AccountServiceTest : public ::testing::Test {
 protected:
  AccountServiceTest() : db_(test::FreshDatabase()) {
    services::AccountSettings s;
    s.public_url = "https://portal.example.no/";
    s.argon2_opslimit = crypto_pwhash_OPSLIMIT_MIN;
    s.argon2_memlimit = crypto_pwhash_MEMLIMIT_MIN;
    s.clock = [this] { return now_; };
    accounts_ = std::make_unique<services::AccountService>(*db_, s, mailer_);
    world_ = BuildWorld(*db_);
  }

  domain::Actor ActorFor(std::int64_t id) {
    domain::Actor a;
    db_->Read([&](storage::Tx& tx) {
      auto p = storage::PersonRepository(tx).FindById(id);
      a.person_id = p->id;
      a.name = p->name;
      a.email = p->email;
      for (const auto& g : storage::GrantRepository(tx).ForPerson(id))
        a.grants.push_back({g.role, g.scope_id});
    });
    return a;
  }

  // The link of the newest e-mail to `to`, e.g. "/password/reset/<token>".
  std::string LinkPathIn(const std::string& to, const std::string& prefix) {
    auto box = accounts_->ListOutbox(to, {});
    EXPECT_FALSE(box.items.empty());
    if (box.items.empty()) return "";
    std::smatch m;
    std::regex re("https://portal\\.example\\.no(" + prefix + "[A-Za-z0-9_-]+)");
    EXPECT_TRUE(std::regex_search(box.items.front().body_text, m, re))
        << box.items.front().body_text;
    return m.size() > 1 ? m[1].str() : "";
  }

  std::int64_t now_ = 1700000000;
  test::TestDatabase db_;
  services::Mailer mailer_;
  std::unique_ptr<services::AccountService> accounts_;
  World world_;
};

TEST_F(AccountServiceTest, RepositoryStoresPeopleLowerCasedAndRejectsDuplicates) {
  auto id = accounts_->CreatePersonWithPassword("Kari@KS.no", " Kari ", kPassword, {});
  db_->Read([&](storage::Tx& tx) {
    auto p = storage::PersonRepository(tx).FindByEmail("kari@ks.no");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->id, id);
    EXPECT_EQ(p->name, "Kari");
    EXPECT_TRUE(p->has_password);
    EXPECT_FALSE(storage::PersonRepository(tx).FindByEmail("KARI@ks.no"));
  });
  EXPECT_THROW(accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {}), Conflict);
  EXPECT_THROW(accounts_->CreatePersonWithPassword("kari@", "Kari", kPassword, {}), Invalid);
}

TEST_F(AccountServiceTest, LoginWorksAndSessionResolves) {
  auto id = accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword,
                                                {{Role::kOperatorStaff, world_.operator_a}});
  auto r = accounts_->Login("KARI@ks.no", kPassword, "10.0.0.1", "test");
  ASSERT_EQ(r.status, services::LoginStatus::kOk);
  EXPECT_EQ(r.person_id, id);
  auto actor = accounts_->ResolveSession(r.session_token);
  ASSERT_TRUE(actor);
  EXPECT_TRUE(actor->Has(Role::kOperatorStaff, world_.operator_a));
  EXPECT_FALSE(accounts_->ResolveSession(r.session_token + "x"));
  accounts_->Logout(r.session_token);
  EXPECT_FALSE(accounts_->ResolveSession(r.session_token));
}

TEST_F(AccountServiceTest, WrongPasswordAndUnknownEmailLookTheSame) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  EXPECT_EQ(accounts_->Login("kari@ks.no", "feil-passord-1", "10.0.0.1", "").status,
            services::LoginStatus::kWrongCredentials);
  EXPECT_EQ(accounts_->Login("ukjent@ks.no", kPassword, "10.0.0.1", "").status,
            services::LoginStatus::kWrongCredentials);
}

TEST_F(AccountServiceTest, FailuresFromElsewhereNeverLockOutTheOwner) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  // Many failures from many addresses: each address soon waits, the owner's does not.
  for (int i = 0; i < 30; ++i)
    accounts_->Login("kari@ks.no", "feil-passord-1", "10.0.0." + std::to_string(i % 6), "");
  EXPECT_EQ(accounts_->Login("kari@ks.no", "feil-passord-1", "10.0.0.1", "").status,
            services::LoginStatus::kThrottled);
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "10.0.0.9", "").status,
            services::LoginStatus::kOk);
}

TEST_F(AccountServiceTest, OneAccountFromOneAddressWaitsAGrowingDelay) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto attempt = [&](const std::string& password) {
    return accounts_->Login("kari@ks.no", password, "10.0.0.1", "").status;
  };
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(attempt("feil-passord-1"), services::LoginStatus::kWrongCredentials);
  // The sixth try waits 5 s, the seventh 10 s, ...; a try while waiting is not counted.
  EXPECT_EQ(attempt(kPassword), services::LoginStatus::kThrottled);
  now_ += 5;
  EXPECT_EQ(attempt("feil-passord-1"), services::LoginStatus::kWrongCredentials);
  now_ += 9;
  EXPECT_EQ(attempt("feil-passord-1"), services::LoginStatus::kThrottled);
  now_ += 1;
  EXPECT_EQ(attempt("feil-passord-1"), services::LoginStatus::kWrongCredentials);
  now_ += 19;
  EXPECT_EQ(attempt(kPassword), services::LoginStatus::kThrottled);
  now_ += 1;
  EXPECT_EQ(attempt(kPassword), services::LoginStatus::kOk);
  // Success forgets the failures of the pair.
  EXPECT_EQ(attempt("feil-passord-1"), services::LoginStatus::kWrongCredentials);
  EXPECT_EQ(attempt(kPassword), services::LoginStatus::kOk);
}

TEST_F(AccountServiceTest, ABusyAddressStillLetsOtherAccountsIn) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  accounts_->CreatePersonWithPassword("ola@ks.no", "Ola", kPassword, {});
  for (int i = 0; i < 20; ++i)
    accounts_->Login("person" + std::to_string(i) + "@ks.no", "feil-passord-1", "10.9.9.9", "");
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "10.9.9.9", "").status,
            services::LoginStatus::kOk);
  // An account the busy address has failed on waits the longest delay, even after one failure.
  EXPECT_EQ(accounts_->Login("ola@ks.no", "feil-passord-1", "10.9.9.9", "").status,
            services::LoginStatus::kWrongCredentials);
  now_ += 10;
  EXPECT_EQ(accounts_->Login("ola@ks.no", kPassword, "10.9.9.9", "").status,
            services::LoginStatus::kThrottled);
  EXPECT_EQ(accounts_->Login("ola@ks.no", kPassword, "10.9.9.8", "").status,
            services::LoginStatus::kOk);
}

TEST_F(AccountServiceTest, AKnownDeviceIsExemptForItsAccountUntilItFailsItself) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto first = accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "");
  ASSERT_EQ(first.status, services::LoginStatus::kOk);
  const auto device = first.device_token;
  ASSERT_FALSE(device.empty());
  for (int i = 0; i < 10; ++i) accounts_->Login("kari@ks.no", "feil-passord-1", "10.0.0.1", "");
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "").status,
            services::LoginStatus::kThrottled);
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "", "made-up-device").status,
            services::LoginStatus::kThrottled);
  auto again = accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "", device);
  EXPECT_EQ(again.status, services::LoginStatus::kOk);
  EXPECT_EQ(again.device_token, device);
  // A stolen device cookie is no free pass for guessing.
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(accounts_->Login("kari@ks.no", "feil-passord-1", "10.0.0.1", "", device).status,
              services::LoginStatus::kWrongCredentials);
  // (The pair has 5 failures again, so the next try without exemption waits.)
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "", device).status,
            services::LoginStatus::kThrottled);
}

TEST_F(AccountServiceTest, LoginEndsTheBrowsersPreviousSession) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto first = accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "");
  auto second = accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "", first.device_token,
                                 first.session_token);
  ASSERT_EQ(second.status, services::LoginStatus::kOk);
  EXPECT_NE(second.session_token, first.session_token);
  EXPECT_FALSE(accounts_->ResolveSession(first.session_token));
  EXPECT_TRUE(accounts_->ResolveSession(second.session_token));
}

TEST_F(AccountServiceTest, GrantsRotateTheSessionsOfThePerson) {
  auto admin_id = accounts_->CreateSystemAdmin("admin@ks.no", "Ada", kPassword);
  auto id = accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto session = accounts_->Login("kari@ks.no", kPassword, "10.0.0.1", "").session_token;
  std::string rotated;
  ASSERT_TRUE(accounts_->ResolveSession(session, &rotated));
  EXPECT_TRUE(rotated.empty());
  ASSERT_TRUE(accounts_->Grant(ActorFor(admin_id), id, Role::kApplicant, 0));
  // Without a way to hand out a new id the session stays as it is...
  ASSERT_TRUE(accounts_->ResolveSession(session));
  // ...with one it is replaced, and the new actor has the new role.
  auto actor = accounts_->ResolveSession(session, &rotated);
  ASSERT_TRUE(actor);
  EXPECT_TRUE(actor->Has(Role::kApplicant, 0));
  ASSERT_FALSE(rotated.empty());
  EXPECT_NE(rotated, session);
  EXPECT_FALSE(accounts_->ResolveSession(session));
  std::string none;
  EXPECT_TRUE(accounts_->ResolveSession(rotated, &none));
  EXPECT_TRUE(none.empty());
}

TEST_F(AccountServiceTest, DisabledPeopleCannotLogIn) {
  auto id = accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto session = accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").session_token;
  db_->Transact([&](storage::Tx& tx) { storage::PersonRepository(tx).SetDisabled(id, true); });
  EXPECT_EQ(accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").status,
            services::LoginStatus::kWrongCredentials);
  EXPECT_FALSE(accounts_->ResolveSession(session));
}

TEST_F(AccountServiceTest, SessionsExpireAndSlide) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto token = accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").session_token;
  now_ += 11 * 3600;
  ASSERT_TRUE(accounts_->ResolveSession(token));  // slides the expiry to now + 12 h
  now_ += 11 * 3600;
  ASSERT_TRUE(accounts_->ResolveSession(token));
  now_ += 12 * 3600 + 1;
  EXPECT_FALSE(accounts_->ResolveSession(token));
}

TEST_F(AccountServiceTest, ChangePasswordEndsOtherSessions) {
  auto id = accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto a = accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").session_token;
  auto b = accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").session_token;
  try {
    accounts_->ChangePassword(ActorFor(id), "feil-passord-1", "nytt-passord-2", a);
    FAIL() << "wrong current password accepted";
  } catch (const Invalid& e) {
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].field, "current_password");
  }
  accounts_->ChangePassword(ActorFor(id), kPassword, "nytt-passord-2", a);
  EXPECT_TRUE(accounts_->ResolveSession(a));
  EXPECT_FALSE(accounts_->ResolveSession(b));
  EXPECT_EQ(accounts_->Login("kari@ks.no", "nytt-passord-2", "1.1.1.1", "").status,
            services::LoginStatus::kOk);
}

TEST_F(AccountServiceTest, PasswordResetLinkWorksOnceAndExpires) {
  accounts_->CreatePersonWithPassword("kari@ks.no", "Kari", kPassword, {});
  auto old_session = accounts_->Login("kari@ks.no", kPassword, "1.1.1.1", "").session_token;
  accounts_->RequestPasswordReset("nobody@ks.no");
  EXPECT_EQ(accounts_->ListOutbox("nobody@ks.no", {}).total, 0);
  accounts_->RequestPasswordReset("Kari@ks.no");
  auto box = accounts_->ListOutbox("kari@ks.no", {});
  ASSERT_EQ(box.total, 1);
  EXPECT_EQ(box.items[0].kind, "accounts/password_reset");
  auto path = LinkPathIn("kari@ks.no", "/password/reset/");
  auto token = path.substr(std::string("/password/reset/").size());
  EXPECT_TRUE(accounts_->IsResetTokenValid(token));
  EXPECT_THROW(accounts_->ResetPassword(token, "123"), Invalid);
  EXPECT_TRUE(accounts_->ResetPassword(token, "nytt-passord-2"));
  EXPECT_FALSE(accounts_->ResetPassword(token, "tredje-passord-3"));
  EXPECT_FALSE(accounts_->ResolveSession(old_session));
  EXPECT_EQ(accounts_->Login("kari@ks.no", "nytt-passord-2", "1.1.1.1", "").status,
            services::LoginStatus::kOk);

  accounts_->RequestPasswordReset("kari@ks.no");
  auto second = LinkPathIn("kari@ks.no", "/password/reset/").substr(16);
  now_ += 3601;
  EXPECT_FALSE(accounts_->ResetPassword(second, "fjerde-passord-4"));
}

TEST_F(AccountServiceTest, InvitationCreatesPersonAndAcceptingLogsIn) {
  auto admin = accounts_->CreatePersonWithPassword("admin@ks.no", "Admin", kPassword,
                                                   {{Role::kOperatorAdmin, world_.operator_a}});
  auto result = accounts_->Invite(ActorFor(admin), "Ny@Kommune.no", "Ny Person",
                                  {{Role::kOperatorStaff, world_.operator_a}});
  EXPECT_TRUE(result.new_person);
  auto path = LinkPathIn("ny@kommune.no", "/invitation/");
  auto token = path.substr(12);
  auto info = accounts_->PeekInvitation(token);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->email, "ny@kommune.no");
  EXPECT_EQ(accounts_->Login("ny@kommune.no", "", "1.1.1.1", "").status,
            services::LoginStatus::kWrongCredentials);
  EXPECT_THROW(accounts_->AcceptInvitation(token, "Ny Person", "kort", "1.1.1.1", ""), Invalid);
  auto session = accounts_->AcceptInvitation(token, "Ny Person", "nytt-passord-2", "1.1.1.1", "");
  auto actor = accounts_->ResolveSession(session);
  ASSERT_TRUE(actor);
  EXPECT_TRUE(actor->Has(Role::kOperatorStaff, world_.operator_a));
  EXPECT_THROW(accounts_->AcceptInvitation(token, "Ny Person", "nytt-passord-2", "1.1.1.1", ""),
               NotFound);
  EXPECT_EQ(accounts_->Login("ny@kommune.no", "nytt-passord-2", "1.1.1.1", "").status,
            services::LoginStatus::kOk);

  // Inviting someone who exists only adds the grant and says so.
  auto again = accounts_->Invite(ActorFor(admin), "ny@kommune.no", "Ignored",
                                 {{Role::kCoordinator, world_.employer}});
  EXPECT_FALSE(again.new_person);
  EXPECT_EQ(accounts_->ListOutbox("ny@kommune.no", {}).items.front().kind, "accounts/grant_added");
  EXPECT_TRUE(ActorFor(result.person_id).Has(Role::kCoordinator, world_.employer));
}

TEST_F(AccountServiceTest, InvitationLinkExpiresAfterSevenDays) {
  auto admin = accounts_->CreateSystemAdmin("root@example.no", "Root", kPassword);
  accounts_->Invite(ActorFor(admin), "sein@kommune.no", "Sein",
                    {{Role::kMentor, world_.trainee_a}});
  auto token = LinkPathIn("sein@kommune.no", "/invitation/").substr(12);
  now_ += 7 * 24 * 3600 + 1;
  EXPECT_FALSE(accounts_->PeekInvitation(token));
  EXPECT_THROW(accounts_->AcceptInvitation(token, "Sein", "nytt-passord-2", "", ""), NotFound);
}

TEST_F(AccountServiceTest, GrantRightsFollowTheOperator) {
  auto admin_a = ActorFor(accounts_->CreatePersonWithPassword(
      "a@ks.no", "A", kPassword, {{Role::kOperatorAdmin, world_.operator_a}}));
  auto target = accounts_->CreatePersonWithPassword("t@ks.no", "T", kPassword, {});
  EXPECT_TRUE(accounts_->Grant(admin_a, target, Role::kOperatorStaff, world_.operator_a));
  EXPECT_FALSE(accounts_->Grant(admin_a, target, Role::kOperatorStaff, world_.operator_a));
  EXPECT_THROW(accounts_->Grant(admin_a, target, Role::kOperatorStaff, world_.operator_b),
               Forbidden);
  EXPECT_THROW(accounts_->Grant(admin_a, target, Role::kMentor, world_.trainee_b), Forbidden);
  EXPECT_TRUE(accounts_->Grant(admin_a, target, Role::kMentor, world_.trainee_a));
  EXPECT_TRUE(accounts_->Grant(admin_a, target, Role::kCoordinator, world_.employer_elsewhere));
  EXPECT_THROW(accounts_->Grant(admin_a, target, Role::kSystemAdmin, 0), Forbidden);
  EXPECT_THROW(accounts_->Grant(admin_a, target, Role::kCoordinator, 999999), Invalid);
  EXPECT_THROW(accounts_->Grant(admin_a, 999999, Role::kOperatorStaff, world_.operator_a),
               NotFound);

  auto staff = ActorFor(target);
  EXPECT_THROW(accounts_->Grant(staff, target, Role::kOperatorStaff, world_.operator_a), Forbidden);
  EXPECT_THROW(
      accounts_->Invite(staff, "x@ks.no", "X", {{Role::kOperatorStaff, world_.operator_a}}),
      Forbidden);
}

TEST_F(AccountServiceTest, ScopeChoicesFollowTheOperatorsTheActorAdministers) {
  auto admin_a = ActorFor(accounts_->CreatePersonWithPassword(
      "a@ks.no", "A", kPassword, {{Role::kOperatorAdmin, world_.operator_a}}));
  auto a = accounts_->ScopeChoices(admin_a);
  ASSERT_EQ(a.operators.size(), 1u);
  EXPECT_EQ(a.operators[0].id, world_.operator_a);
  EXPECT_EQ(a.operators[0].name, "KS");
  // Every employer, by name: coordinators may be named for any employer.
  ASSERT_EQ(a.employers.size(), 2u);
  EXPECT_EQ(a.employers[0].name, "Aurskog-Høland kommune");
  EXPECT_EQ(a.employers[1].name, "Lillestrøm kommune");
  ASSERT_EQ(a.trainees.size(), 1u);
  EXPECT_EQ(a.trainees[0].id, world_.trainee_a);
  EXPECT_EQ(a.trainees[0].person_name, "Trainee Record");
  EXPECT_EQ(a.trainees[0].employer_name, "Lillestrøm kommune");
  EXPECT_EQ(a.trainees[0].cohort_name, "Kull 5");

  auto both = ActorFor(accounts_->CreatePersonWithPassword(
      "ab@ks.no", "AB", kPassword,
      {{Role::kOperatorAdmin, world_.operator_a}, {Role::kOperatorAdmin, world_.operator_b}}));
  auto ab = accounts_->ScopeChoices(both);
  ASSERT_EQ(ab.operators.size(), 2u);
  EXPECT_EQ(ab.operators[0].name, "KS");
  EXPECT_EQ(ab.operators[1].name, "Romerike");
  ASSERT_EQ(ab.trainees.size(), 2u);
  // One person in both: ordered by employer name next (Aurskog-Høland before Lillestrøm).
  EXPECT_EQ(ab.trainees[0].cohort_name, "2013");
  EXPECT_EQ(ab.trainees[1].cohort_name, "Kull 5");

  auto root = ActorFor(accounts_->CreateSystemAdmin("root@ks.no", "Root", kPassword));
  auto all = accounts_->ScopeChoices(root);
  EXPECT_EQ(all.operators.size(), 2u);
  EXPECT_EQ(all.trainees.size(), 2u);

  auto staff = ActorFor(accounts_->CreatePersonWithPassword(
      "s@ks.no", "S", kPassword, {{Role::kOperatorStaff, world_.operator_a}}));
  EXPECT_THROW(accounts_->ScopeChoices(staff), Forbidden);
  EXPECT_THROW(accounts_->ScopeChoices(domain::Actor{}), Unauthenticated);
}

TEST_F(AccountServiceTest, NobodyRevokesTheirOwnLastOperatorAdminGrant) {
  auto id = accounts_->CreatePersonWithPassword("a@ks.no", "A", kPassword,
                                                {{Role::kOperatorAdmin, world_.operator_a}});
  EXPECT_THROW(accounts_->Revoke(ActorFor(id), id, Role::kOperatorAdmin, world_.operator_a),
               Conflict);
  auto other = accounts_->CreatePersonWithPassword("b@ks.no", "B", kPassword,
                                                   {{Role::kOperatorAdmin, world_.operator_a}});
  accounts_->Revoke(ActorFor(id), other, Role::kOperatorAdmin, world_.operator_a);
  EXPECT_FALSE(ActorFor(other).HasAny(Role::kOperatorAdmin));
  EXPECT_THROW(accounts_->Revoke(ActorFor(id), other, Role::kOperatorAdmin, world_.operator_a),
               NotFound);
}

TEST_F(AccountServiceTest, ListPeopleShowsOnlyTheOperatorsPeople) {
  auto admin_a = ActorFor(accounts_->CreatePersonWithPassword(
      "a@ks.no", "Anne Admin", kPassword, {{Role::kOperatorAdmin, world_.operator_a}}));
  accounts_->CreatePersonWithPassword("coord@lillestrom.no", "Cora Koordinator", kPassword,
                                      {{Role::kCoordinator, world_.employer}});
  accounts_->CreatePersonWithPassword("mentor@ks.no", "Mona Mentor", kPassword,
                                      {{Role::kMentor, world_.trainee_a}});
  accounts_->CreatePersonWithPassword("b@romerike.no", "Bjørn B", kPassword,
                                      {{Role::kOperatorAdmin, world_.operator_b}});
  auto other_mentor = accounts_->CreatePersonWithPassword("m2@romerike.no", "Mats", kPassword,
                                                          {{Role::kMentor, world_.trainee_b}});
  auto page = accounts_->ListPeople(admin_a, {}, world_.operator_a);
  ASSERT_EQ(page.total, 3);
  EXPECT_EQ(page.items[0].name, "Anne Admin");
  EXPECT_EQ(page.items[1].name, "Cora Koordinator");
  EXPECT_EQ(page.items[2].name, "Mona Mentor");

  domain::PageRequest search;
  search.q = "MONA";
  EXPECT_EQ(accounts_->ListPeople(admin_a, search, world_.operator_a).total, 1);
  domain::PageRequest by_email;
  by_email.sort = "email";
  by_email.descending = true;
  by_email.per_page = 1;
  by_email.page = 2;
  auto sorted = accounts_->ListPeople(admin_a, by_email, world_.operator_a);
  EXPECT_EQ(sorted.total, 3);
  ASSERT_EQ(sorted.items.size(), 1u);
  EXPECT_EQ(sorted.items[0].email, "coord@lillestrom.no");

  EXPECT_THROW(accounts_->ListPeople(admin_a, {}, world_.operator_b), Forbidden);
  EXPECT_THROW(accounts_->GetPerson(admin_a, other_mentor), NotFound);
  auto coordinator = ActorFor(accounts_->CreatePersonWithPassword(
      "c2@ks.no", "C2", kPassword, {{Role::kCoordinator, world_.employer}}));
  EXPECT_THROW(accounts_->ListPeople(coordinator, {}, world_.operator_a), Forbidden);
}

TEST_F(AccountServiceTest, ApiTokensWorkUntilRevokedAndOnlyForTheOwner) {
  auto owner = ActorFor(accounts_->CreatePersonWithPassword("o@ks.no", "O", kPassword, {}));
  auto other = ActorFor(accounts_->CreatePersonWithPassword("x@ks.no", "X", kPassword, {}));
  EXPECT_THROW(accounts_->CreateApiToken(owner, "  "), Invalid);
  auto token = accounts_->CreateApiToken(owner, "Rapportskript");
  auto resolved = accounts_->ResolveApiToken(token.raw_token);
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->person_id, owner.person_id);
  auto listed = accounts_->ListApiTokens(owner);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].last_used_at);
  EXPECT_TRUE(accounts_->ListApiTokens(other).empty());
  EXPECT_THROW(accounts_->RevokeApiToken(other, token.id), NotFound);
  accounts_->RevokeApiToken(owner, token.id);
  EXPECT_FALSE(accounts_->ResolveApiToken(token.raw_token));
  EXPECT_THROW(accounts_->RevokeApiToken(owner, token.id), NotFound);
}

TEST_F(AccountServiceTest, LanguageSetting) {
  auto me = ActorFor(accounts_->CreatePersonWithPassword("o@ks.no", "O", kPassword, {}));
  accounts_->SetLanguage(me, "nn");
  EXPECT_EQ(accounts_->GetPerson(me, me.person_id).person.locale, "nn");
  EXPECT_THROW(accounts_->SetLanguage(me, "sv"), Invalid);
  EXPECT_THROW(accounts_->SetLanguage(domain::Actor{}, "nb"), Unauthenticated);
}

}  // namespace
}  // namespace tp
