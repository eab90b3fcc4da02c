package io.homelab.observer.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The exact bytes that are signed (SPEC.md "Agent API").
 *
 * <pre>METHOD \n RAW_PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(sha256(body))</pre>
 *
 * <p>Method, path and body are all covered, unlike Portainer's constant "Portainer-App" message, so
 * a captured signature cannot be replayed against another operation or with another body.
 */
public record CanonicalRequest(
    String method, String rawPathWithQuery, String timestamp, String nonce, String bodySha256Hex) {

  /** Builds the canonical request for {@code body} (null or empty = the hash of zero bytes). */
  public static CanonicalRequest of(
      String method, String rawPathWithQuery, String timestamp, String nonce, byte[] body) {
    return new CanonicalRequest(method, rawPathWithQuery, timestamp, nonce, sha256Hex(body));
  }

  /** UTF-8 bytes of the five lines joined by {@code \n}, without a trailing newline. */
  public byte[] bytes() {
    String text =
        method + "\n" + rawPathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + bodySha256Hex;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Lower-case hex SHA-256 of {@code body}; null counts as no body. */
  public static String sha256Hex(byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(body == null ? new byte[0] : body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
