package io.homelab.observer.controller.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS monitors against a real TLS server on loopback whose certificate (made by the JDK's
 * keytool) expires in 20 days: the expiry is read from the handshake, and a certificate the
 * controller does not trust is a down check that says why.
 */
class MonitorCheckerTlsTest {

  private static final char[] PASS = "test-only-keystore".toCharArray();

  @TempDir Path dir;
  private HttpsServer server;
  private KeyStore keys;

  @BeforeEach
  void startTlsServer() throws Exception {
    Path store = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "20",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASS),
                "-keypass",
                new String(PASS))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASS);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASS);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        ex -> {
          byte[] body = "status: all good".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/health");
  }

  @Test
  void certificateExpiryIsReadFromTheHandshake() throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    SSLContext trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);

    CheckResult r = new MonitorChecker(trusting).http(url(), Duration.ofSeconds(10), 200, "good");

    assertThat(r.up()).as(r.message()).isTrue();
    assertThat(r.certExpiresAt()).isNotNull();
    assertThat(r.certExpiresAt())
        .isCloseTo(Instant.now().plus(20, ChronoUnit.DAYS), within(1, ChronoUnit.HOURS));
  }

  @Test
  void anUntrustedCertificateIsDownWithTheReason() {
    CheckResult r = new MonitorChecker().http(url(), Duration.ofSeconds(10), null, null);

    assertThat(r.up()).isFalse();
    assertThat(r.message()).startsWith("TLS failed");
    assertThat(r.certExpiresAt()).isNull();
  }
}
