package io.homelab.observer.agent.docker;

import com.github.dockerjava.transport.SSLConfig;
import java.net.URI;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context handed to docker-java for a {@code unix://} Docker host: one that trusts nothing.
 *
 * <p>A unix socket never carries TLS, but without an {@link SSLConfig} docker-java's httpclient5
 * transport builds the JVM's default {@code SSLContext} anyway, which parses the JDK's whole CA
 * bundle (about 140 certificates, ~1 MB of live heap and the security classes behind it) for a
 * connection that can never use it. {@code tcp://} hosts keep docker-java's default (no TLS
 * config), because there a TLS context would switch the scheme to https.
 */
final class UnixSocketTls implements SSLConfig {

  private static final X509TrustManager TRUST_NOTHING =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          throw new CertificateException("the Docker unix socket never speaks TLS");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws CertificateException {
          throw new CertificateException("the Docker unix socket never speaks TLS");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private UnixSocketTls() {}

  /**
   * The trust-nothing config for a {@code unix://} host, {@code null} (docker-java's default) else.
   */
  static SSLConfig forHost(URI dockerHost) {
    return "unix".equals(dockerHost.getScheme()) ? new UnixSocketTls() : null;
  }

  @Override
  public SSLContext getSSLContext() throws KeyManagementException, NoSuchAlgorithmException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[0], new TrustManager[] {TRUST_NOTHING}, null);
    return context;
  }
}
