package io.homelab.observer.common.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs agent requests with the controller's Ed25519 private key (SPEC.md "Agent API");
 * thread-safe.
 */
public final class RequestSigner {

  /** Random bytes per nonce; SPEC asks for 16 or more. */
  static final int NONCE_BYTES = 16;

  private final PrivateKey key;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public RequestSigner(PrivateKey key) {
    this(key, Clock.systemUTC());
  }

  /** With an explicit clock, so tests can sign expired and future-dated requests. */
  public RequestSigner(PrivateKey key, Clock clock) {
    this.key = key;
    this.clock = clock;
  }

  /**
   * The three {@link SigningHeaders} for one request, in insertion order.
   *
   * @param rawPathWithQuery the path exactly as sent on the request line, query included (percent
   *     escapes kept), e.g. {@code /api/containers?all=true}
   * @param body the exact body bytes sent, or null/empty for none
   * @param agentId the target agent's id ({@code agentId} of its {@code GET /api/ping})
   */
  public Map<String, String> sign(
      String method, String rawPathWithQuery, byte[] body, String agentId) {
    byte[] nonceBytes = new byte[NONCE_BYTES];
    random.nextBytes(nonceBytes);
    return sign(
        method,
        rawPathWithQuery,
        body,
        agentId,
        Long.toString(clock.instant().getEpochSecond()),
        HexFormat.of().formatHex(nonceBytes));
  }

  /** Signs with a given timestamp and nonce; for replay tests and tools. */
  public Map<String, String> sign(
      String method,
      String rawPathWithQuery,
      byte[] body,
      String agentId,
      String timestamp,
      String nonce) {
    CanonicalRequest canonical =
        CanonicalRequest.of(method, rawPathWithQuery, timestamp, nonce, body, agentId);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SigningHeaders.TIMESTAMP, timestamp);
    headers.put(SigningHeaders.NONCE, nonce);
    headers.put(
        SigningHeaders.SIGNATURE, Base64.getEncoder().encodeToString(sign(canonical.bytes())));
    return headers;
  }

  private byte[] sign(byte[] message) {
    try {
      // Signature objects are not thread-safe; one per call is cheap for Ed25519.
      Signature signature = Signature.getInstance(Ed25519Keys.ALGORITHM);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the configured Ed25519 key", e);
    }
  }
}
