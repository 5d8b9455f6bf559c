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

}  // namespace tp
