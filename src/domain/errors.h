#pragma once
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

/// Typed exceptions that end a request; the web layer maps them to a status in one place.
/// `what()` is for the log only: users see a translated message chosen by the type
/// (and for Invalid, by the field messages, which are translation keys).
namespace tp {

/// The thing does not exist, or the actor may not know that it exists (404).
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The actor is known but lacks the right (403).
struct Forbidden : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The request clashes with the current state, e.g. a duplicate e-mail (409).
struct Conflict : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// Not logged in (401 for the API, redirect to login for pages).
struct Unauthenticated : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// One field's validation problem. `message` is an English msgid translated by the web layer.
struct FieldError {
  std::string field;
  std::string message;
};

/// Input that fails validation (422 / the form shown again with the messages).
struct Invalid : std::runtime_error {
  explicit Invalid(std::vector<FieldError> errors)
      : std::runtime_error("invalid input"), errors(std::move(errors)) {}
  std::vector<FieldError> errors;
};

/// The database cannot take the request now: out of disk space, locked for longer than the busy
/// timeout, or the server unreachable. Nothing was saved, and the same request may succeed a
/// little later (503 with Retry-After). It is an Invalid with one form-level message, so that
/// every form that is shown again on invalid input is shown again here too, with what was typed.
struct Unavailable : Invalid {
  static constexpr const char* kMessage =
      "Could not save right now. Nothing was lost: what you typed is still here. Try again in a "
      "minute.";
  explicit Unavailable(std::string detail)
      : Invalid({FieldError{"", kMessage}}), detail(std::move(detail)) {}
  const char* what() const noexcept override { return detail.c_str(); }
  std::string detail;  ///< for the log only
};

}  // namespace tp
