package io.homelab.observer.common.signing;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Checks signed agent requests against the pinned controller key (SPEC.md "Agent API"): ±60 s
 * timestamp window, one use per nonce within the window, Ed25519 over the {@link CanonicalRequest}.
 */
public final class RequestVerifier {

  /** SPEC.md: a timestamp more than 60 s from the agent clock is rejected. */
  public static final long WINDOW_SECONDS = 60;

  // 16 to 64 random bytes, hex; upper bound keeps a hostile client from filling memory with huge
  // keys.
  private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{32,128}");
  private static final Pattern TIMESTAMP = Pattern.compile("-?[0-9]{1,12}");

  private final Clock clock;
  private final NonceCache nonces;

  public RequestVerifier(Clock clock, NonceCache nonces) {
    this.clock = clock;
    this.nonces = nonces;
  }

  /**
   * Verifies one request; the nonce is only recorded when everything else is valid, so a forged
   * request cannot burn a legitimate client's nonce.
   *
   * @param key the pinned key, or null when none is pinned (always rejected)
   * @param agentId this agent's own id: the sixth signed line, so a request signed for another
   *     agent sharing the key fails here
   * @param body exact body bytes received (null = none)
   * @throws SignatureCheckException with a short reason safe to return to the caller
   */
  public void verify(
      PublicKey key,
      String agentId,
      String method,
      String rawPathWithQuery,
      String timestamp,
      String nonce,
      String signatureBase64,
      byte[] body)
      throws SignatureCheckException {
    if (key == null) {
      throw new SignatureCheckException("agent is not paired with a controller");
    }
    if (timestamp == null || nonce == null || signatureBase64 == null) {
      throw new SignatureCheckException("missing request signature headers");
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      throw new SignatureCheckException("malformed " + SigningHeaders.TIMESTAMP);
    }
    if (!NONCE.matcher(nonce).matches()) {
      throw new SignatureCheckException("malformed " + SigningHeaders.NONCE);
    }
    long now = clock.instant().getEpochSecond();
    long ts = Long.parseLong(timestamp);
    if (Math.abs(now - ts) > WINDOW_SECONDS) {
      throw new SignatureCheckException("request timestamp outside the allowed window");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(signatureBase64);
    } catch (IllegalArgumentException e) {
      throw new SignatureCheckException("malformed " + SigningHeaders.SIGNATURE);
    }
    if (agentId == null || agentId.isEmpty()) {
      throw new IllegalStateException("the verifying agent has no id");
    }
    CanonicalRequest canonical =
        CanonicalRequest.of(method, rawPathWithQuery, timestamp, nonce, body, agentId);
    if (!signatureValid(key, canonical.bytes(), signature)) {
      throw new SignatureCheckException("invalid request signature");
    }
    // Lower-case so "AB.." and "ab.." are one nonce; kept until the timestamp leaves the window.
    if (!nonces.remember(nonce.toLowerCase(java.util.Locale.ROOT), ts + WINDOW_SECONDS, now)) {
      throw new SignatureCheckException("nonce already used");
    }
  }

  private static boolean signatureValid(PublicKey key, byte[] message, byte[] signature) {
    try {
      // Everything compared here is public (key, message, signature); the JDK decides on the
      // recomputed point, so no byte-wise early-exit comparison of ours leaks timing.
      Signature verifier = Signature.getInstance(Ed25519Keys.ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A signature of the wrong length is a SignatureException: just an invalid signature.
      return false;
    }
  }
}
