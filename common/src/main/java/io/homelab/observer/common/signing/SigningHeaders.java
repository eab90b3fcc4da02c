package io.homelab.observer.common.signing;

/** Names of the request-signing headers of SPEC.md "Agent API". */
public final class SigningHeaders {

  /** Unix seconds when the request was signed. */
  public static final String TIMESTAMP = "X-Homelab-Timestamp";

  /** At least 16 random bytes, hex; remembered by the agent for the acceptance window. */
  public static final String NONCE = "X-Homelab-Nonce";

  /** Base64 of the Ed25519 signature over {@link CanonicalRequest#bytes()}. */
  public static final String SIGNATURE = "X-Homelab-Signature";

  private SigningHeaders() {}
}
