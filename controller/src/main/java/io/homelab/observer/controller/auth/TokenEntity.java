package io.homelab.observer.controller.auth;

/**
 * A bearer token (a row of table {@code tokens}, V002, kept by {@link TokenStore}): a login session
 * or a named API token. Only its SHA-256 is kept.
 */
public class TokenEntity {

  public static final String SESSION = "session";
  public static final String API = "api";

  public String id;

  public String userId;

  /** {@link #SESSION} or {@link #API}. */
  public String kind;

  public String name;

  public String tokenHash;

  /** Role the token grants; never above its user's current role (checked on every use). */
  public String role;

  public long createdAt;

  public long expiresAt;

  public Long revokedAt;

  public Long lastUsedAt;
}
