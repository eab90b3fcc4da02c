package io.homelab.observer.tracking.auth;

/** A basic-auth account as stored; the hash never leaves the auth package. */
public record User(long id, String username, String passwordHash, boolean admin) {

  @Override
  public String toString() {
    // Never print the hash, even in a debug log.
    return "User[id=" + id + ", username=" + username + ", admin=" + admin + "]";
  }
}
