package io.homelab.observer.controller.user;

/**
 * One account (a row of table {@code users}, V001), read and written by {@link UserStore}. The
 * password is only ever stored as an Argon2id hash.
 */
public class UserEntity {

  public String id;

  public String username;

  public String passwordHash;

  /** {@code admin|operator|viewer}. */
  public String role;

  public long createdAt;

  public long updatedAt;
}
