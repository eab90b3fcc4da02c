package io.homelab.observer.controller.environment;

import io.homelab.observer.common.client.PinnedCertificateTrustManager;
import io.homelab.observer.common.error.ApiException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the certificate an HTTPS agent presents, for pinning at pairing time (trust on first use).
 *
 * <p>The handshake here trusts anything on purpose and sends no application data: it only learns
 * the fingerprint. Every later call goes through a client pinned to exactly that fingerprint, so
 * what was seen is what is talked to.
 */
final class TlsProbe {

  private TlsProbe() {}

  static String fingerprint(URI url, Duration timeout) {
    int port = url.getPort() == -1 ? 443 : url.getPort();
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new CaptureOnly()}, new SecureRandom());
      try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.startHandshake();
        Certificate[] chain = socket.getSession().getPeerCertificates();
        return PinnedCertificateTrustManager.fingerprint((X509Certificate) chain[0]);
      }
    } catch (IOException e) {
      throw new ApiException(
          502,
          "AGENT_UNREACHABLE",
          "cannot read the TLS certificate of " + url + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS unavailable in this JVM", e);
    }
  }

  /** Accepts any server certificate; used only by {@link #fingerprint}. */
  private static final class CaptureOnly implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      throw new UnsupportedOperationException("server side is never used");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Deliberately accepting: the fingerprint is read after the handshake and pinned.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
