package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.error.MlflowException;

/** The rules for user names and passwords of the users API, with MLflow 3's minimum length. */
final class UserValidation {

  /** MLflow 3's minimum (CVE-2025-11200: weak password requirements). */
  static final int MIN_PASSWORD_LENGTH = 12;

  private UserValidation() {}

  static void username(String username) {
    if (username == null || username.isEmpty()) {
      throw MlflowException.invalid("Username cannot be empty.");
    }
    if (username.length() > 255) {
      throw MlflowException.invalid("Username must be at most 255 characters.");
    }
    // HTTP Basic splits user:password at the first colon, so such a name could never log in.
    if (username.indexOf(':') >= 0 || username.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      throw MlflowException.invalid("Username must not contain ':' or control characters.");
    }
  }

  static void password(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw MlflowException.invalid(
          "Password must be at least " + MIN_PASSWORD_LENGTH + " characters.");
    }
  }
}
