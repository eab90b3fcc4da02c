package io.homelab.observer.common.client;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by the SHA-256 of its DER encoding (SPEC.md: the
 * controller pins the agent's fingerprint at pairing).
 *
 * <p>The agent's certificate is self-signed and its names rarely match the address the controller
 * uses, so neither a CA chain nor the host name is checked; the pinned fingerprint replaces both.
 * This is what Portainer lacks: it sets {@code TLSSkipVerify} for agents and so never authenticates
 * them.
 */
public final class PinnedCertificateTrustManager extends X509ExtendedTrustManager {

  private final byte[] pinned;

  /**
   * @param sha256Fingerprint hex, upper or lower case, colons allowed (as {@code openssl x509
   *     -fingerprint -sha256} prints it)
   */
  public PinnedCertificateTrustManager(String sha256Fingerprint) {
    this.pinned = HexFormat.of().parseHex(normalize(sha256Fingerprint));
  }

  /**
   * Lower-case hex without separators; throws IllegalArgumentException when not 32 bytes of hex.
   */
  public static String normalize(String fingerprint) {
    if (fingerprint == null) {
      throw new IllegalArgumentException("fingerprint is missing");
    }
    String hex = fingerprint.replace(":", "").replace(" ", "").strip().toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint);
    }
    return hex;
  }

  /** Lower-case hex SHA-256 of a certificate's DER encoding. */
  public static String fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot hash certificate", e);
    }
  }

  /** An SSL context trusting only the pinned certificate. */
  public static SSLContext sslContext(String sha256Fingerprint) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {new PinnedCertificateTrustManager(sha256Fingerprint)},
          new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is unavailable in this JDK", e);
    }
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("agent sent no certificate");
    }
    byte[] actual;
    try {
      actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot hash the agent certificate", e);
    }
    if (!MessageDigest.isEqual(actual, pinned)) {
      throw new CertificateException(
          "agent certificate fingerprint "
              + HexFormat.of().formatHex(actual)
              + " is not the pinned one");
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client certificates are not used");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client certificates are not used");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client certificates are not used");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
