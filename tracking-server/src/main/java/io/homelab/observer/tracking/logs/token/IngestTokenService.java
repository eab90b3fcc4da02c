package io.homelab.observer.tracking.logs.token;

import io.homelab.observer.tracking.error.MlflowException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ingest tokens: random 256-bit secrets that only let a sender push logs. Only their SHA-256 is
 * stored (a fast hash is enough for a random secret, unlike a password); the hashes are cached so
 * the check on every push costs no query and never blocks the event loop.
 */
@Singleton
public class IngestTokenService {

  /** Prefix that makes a leaked token recognisable to secret scanners. */
  static final String PREFIX = "hlt_";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}");

  private final IngestTokenStore store;
  private final SecureRandom random = new SecureRandom();
  private volatile Map<String, String> byHash;

  public IngestTokenService(IngestTokenStore store) {
    this.store = store;
  }

  /** Creates a token; the secret is in the answer and nowhere else. */
  public IngestToken create(String name, String createdBy) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw MlflowException.invalid(
          "name must be 1-100 characters of letters, digits and _ . @ -, starting with a letter"
              + " or digit");
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long now = System.currentTimeMillis();
    if (!store.create(name, hash(token), createdBy, now)) {
      throw MlflowException.exists("An ingest token named '" + name + "' already exists.");
    }
    byHash = Map.copyOf(store.hashes());
    return new IngestToken(name, createdBy, now, token);
  }

  /** Every token, without secrets. */
  public List<IngestToken> list() {
    return store.list();
  }

  /** Revokes a token at once. */
  public void delete(String name) {
    if (!store.delete(name)) {
      throw MlflowException.notFound("No ingest token named '" + name + "'.");
    }
    byHash = Map.copyOf(store.hashes());
  }

  /** The name of the token a bearer secret belongs to, if any. */
  public Optional<String> verify(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    Map<String, String> known = byHash;
    if (known == null) {
      known = Map.copyOf(store.hashes());
      byHash = known;
    }
    return Optional.ofNullable(known.get(hash(token)));
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
