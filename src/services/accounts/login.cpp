// AccountService::Login: the password check and the throttling around it.
#include "domain/accounts/rules.h"
#include "services/accounts/account_service.h"
#include "services/accounts/passwords.h"
#include "services/tokens.h"
#include "storage/accounts/account_repositories.h"
#include "storage/accounts/login_throttle.h"
#include "storage/database.h"

namespace tp::services {

LoginResult AccountService::Login(const std::string& email_in, const std::string& password,
                                  const std::string& ip, const std::string& user_agent,
                                  const std::string& device_token,
                                  const std::string& previous_session) {
  const std::string email = domain::NormalizeEmail(email_in);
  const std::string pair_subject = "pair:" + email + "|" + ip;
  const std::string address_subject = "ip:" + ip;
  const std::string device_hash =
      device_token.empty() || device_token.size() > 200 ? "" : HashToken(device_token);
  const std::string device_subject = "device:" + device_hash;
  const auto now = Now();
  const auto since = now - settings_.failure_window_seconds;
  const auto device_since = now - settings_.device_lifetime_days * 24 * 3600;

  std::optional<domain::Person> person;
  std::optional<std::string> hash;
  bool known_device = false, throttled = false;
  // Read first, verify outside any transaction: argon2id takes long enough that holding a
  // connection (and SQLite's write lock) through it would queue every other request.
  db_.Read([&](storage::Tx& tx) {
    storage::PersonRepository people(tx);
    storage::LoginFailureRepository failures(tx);
    person = people.FindByEmail(email);
    known_device =
        person && !device_hash.empty() &&
        storage::LoginDeviceRepository(tx).IsKnown(device_hash, person->id, device_since) &&
        failures.CountSince(device_subject, since) < settings_.max_failures_per_device;
    if (!known_device) {
      const long pair_failures = failures.CountSince(pair_subject, since);
      const bool busy_address =
          failures.CountSince(address_subject, since) >= settings_.max_failures_per_address;
      const long delay =
          busy_address && pair_failures > 0
              ? settings_.max_login_delay_seconds
              : domain::LoginDelaySeconds(
                    pair_failures, settings_.free_failures_per_account_address,
                    settings_.first_login_delay_seconds, settings_.max_login_delay_seconds);
      throttled = delay > 0 && failures.Latest(pair_subject) + delay > now;
    }
    if (!throttled && person) hash = people.PasswordHash(person->id);
  });
  if (throttled) return {LoginStatus::kThrottled, "", 0, ""};

  // Unknown people are verified against a dummy hash so the answer takes as long either way.
  const bool password_ok =
      VerifyPassword(hash ? *hash : dummy_hash_, password) && person && hash && !person->disabled;
  LoginResult result;
  db_.Transact([&](storage::Tx& tx) {
    storage::LoginFailureRepository failures(tx);
    if (!password_ok) {
      failures.Record(pair_subject, now);
      failures.Record(address_subject, now);
      if (!device_hash.empty()) failures.Record(device_subject, now);
      failures.Prune(now - 7 * 24 * 3600);
      result = {LoginStatus::kWrongCredentials, "", 0, ""};
      return;
    }
    failures.Clear(pair_subject);
    storage::LoginDeviceRepository devices(tx);
    std::string device = device_token;
    if (known_device) {
      devices.Touch(device_hash, now);
    } else {
      device = RandomToken();
      devices.Insert(HashToken(device), person->id, now);
      devices.Prune(device_since);
    }
    storage::SessionRepository sessions(tx);
    if (!previous_session.empty()) sessions.DeleteByHash(HashToken(previous_session));
    sessions.DeleteExpired(now);
    result = {LoginStatus::kOk, NewSessionToken(person->id, ip, user_agent, tx), person->id,
              device};
  });
  return result;
}

}  // namespace tp::services
