package io.homelab.observer.agent.pairing;

import io.homelab.observer.agent.auth.ControllerKeyStore;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.tls.TlsIdentity;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.wire.PairResponse;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One-time pairing: a random code printed on the agent's console at start (never served by the
 * API), exchanged once for pinning the controller's key. Wrong codes are rate-limited for all
 * callers together, so guessing the 40-bit code over the network is hopeless.
 */
@Singleton
public class PairingService {

  // No 0/O, 1/I/L: the code is read off a console and typed into the controller.
  private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
  static final int CODE_LENGTH = 8;

  private final ControllerKeyStore keys;
  private final TlsIdentity tls;
  private final AgentConfig.Pairing limits;
  private final Clock clock;
  private final Deque<Instant> failures = new ArrayDeque<>();
  private volatile String code;

  @Inject
  public PairingService(ControllerKeyStore keys, TlsIdentity tls, AgentConfig config) {
    this(keys, tls, config.pairing(), Clock.systemUTC());
  }

  PairingService(
      ControllerKeyStore keys, TlsIdentity tls, AgentConfig.Pairing limits, Clock clock) {
    this.keys = keys;
    this.tls = tls;
    this.limits = limits;
    this.clock = clock;
    if (keys.key().isEmpty()) {
      code = newCode();
    }
  }

  void announce(@Observes StartupEvent start) {
    String fp = tls.fingerprint().orElse(null);
    if (keys.key().isPresent()) {
      Log.infof(
          "Paired with controller key %s%s",
          keys.fingerprint(), fp == null ? " (TLS off)" : "; TLS certificate SHA-256: " + fp);
    } else {
      // Printed once, like a generated first password: the only way the code leaves this host.
      Log.infof(
          "Agent is unpaired. Pairing code: %s%s  (enter it in the controller; POST /api/pair)",
          code, fp == null ? "  (TLS off)" : "  TLS certificate SHA-256: " + fp);
    }
  }

  /** Whether a controller key is pinned. */
  public boolean paired() {
    return keys.key().isPresent();
  }

  /**
   * Pins {@code publicKeyBase64} when {@code offered} is the printed code.
   *
   * @throws ApiException 409 when already paired, 429 when too many wrong codes were tried, 401 for
   *     a wrong code, 400 for a malformed key
   */
  public PairResponse pair(String offered, String publicKeyBase64) {
    if (keys.key().isPresent()) {
      throw ApiException.conflict("agent is already paired; delete its pinned key to pair again");
    }
    synchronized (failures) {
      Instant now = clock.instant();
      while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(limits.window()))) {
        failures.removeFirst();
      }
      if (failures.size() >= limits.maxAttempts()) {
        throw ApiException.tooManyRequests("too many wrong pairing codes; try again later");
      }
      String expected = code;
      if (offered == null
          || expected == null
          || !MessageDigest.isEqual(
              normalise(offered).getBytes(StandardCharsets.UTF_8),
              expected.getBytes(StandardCharsets.UTF_8))) {
        failures.addLast(now);
        Log.warnf(
            "wrong pairing code offered (%d of %d in the window)",
            failures.size(), limits.maxAttempts());
        throw ApiException.unauthenticated("wrong pairing code");
      }
    }
    PublicKey key;
    try {
      key = Ed25519Keys.decodePublicKey(publicKeyBase64);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("publicKey: " + e.getMessage());
    }
    if (!keys.pinOnce(key)) {
      throw ApiException.conflict("agent is already paired");
    }
    code = null;
    Log.infof("Paired with controller key %s", keys.fingerprint());
    return new PairResponse(true, keys.fingerprint(), tls.fingerprint().orElse(null));
  }

  /**
   * The current code, null once paired; for the tests, which play the operator reading the console.
   */
  String code() {
    return code;
  }

  private static String normalise(String offered) {
    return offered.strip().replace("-", "").replace(" ", "").toUpperCase(java.util.Locale.ROOT);
  }

  private static String newCode() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
