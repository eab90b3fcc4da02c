package io.homelab.observer.common.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The exact bytes that are signed (SPEC.md "Agent API").
 *
 * <pre>METHOD \n RAW_PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(sha256(body)) \n AGENT_ID</pre>
 *
 * <p>Method, path and body are all covered, unlike Portainer's constant "Portainer-App" message, so
 * a captured signature cannot be replayed against another operation or with another body. The agent
 * id binds it to one agent: several agents pinned to one controller key each refuse what was signed
 * for another. There is no five-line form: a signature without the id never verifies.
 */
public record CanonicalRequest(
    String method,
    String rawPathWithQuery,
    String timestamp,
    String nonce,
    String bodySha256Hex,
    String agentId) {

  public CanonicalRequest {
    if (agentId == null || agentId.isEmpty() || agentId.indexOf('\n') >= 0) {
      // An empty id would make every agent's sixth line equal again; refuse to build it at all.
      throw new IllegalArgumentException("a signed request needs the target agent's id");
    }
  }

  /** Builds the canonical request for {@code body} (null or empty = the hash of zero bytes). */
  public static CanonicalRequest of(
      String method,
      String rawPathWithQuery,
      String timestamp,
      String nonce,
      byte[] body,
      String agentId) {
    return new CanonicalRequest(
        method, rawPathWithQuery, timestamp, nonce, sha256Hex(body), agentId);
  }

  /** UTF-8 bytes of the six lines joined by {@code \n}, without a trailing newline. */
  public byte[] bytes() {
    String text =
        String.join("\n", method, rawPathWithQuery, timestamp, nonce, bodySha256Hex, agentId);
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
