package io.homelab.observer.controller.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Runs one check of one monitor: HTTP(S), TCP connect or ping. Never throws: failures are results.
 */
@ApplicationScoped
public class MonitorChecker {

  /** Bodies are searched for the keyword up to this size; a status page is far smaller. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final SSLContext tls;

  /**
   * Built on the first HTTP check, not in the constructor: CDI also runs the constructor for the
   * bean's client proxy at start-up, and building a client sets up TLS (the JVM's trust store), a
   * tenth of the controller's start-up CPU.
   */
  private volatile HttpClient http;

  public MonitorChecker() {
    this(null);
  }

  /** With the trust of {@code tls} instead of the JVM's (tests with their own CA). */
  MonitorChecker(SSLContext tls) {
    this.tls = tls;
  }

  private HttpClient client() {
    HttpClient c = http;
    if (c == null) {
      synchronized (this) {
        c = http;
        if (c == null) {
          HttpClient.Builder builder =
              HttpClient.newBuilder()
                  .followRedirects(HttpClient.Redirect.NORMAL)
                  .connectTimeout(Duration.ofSeconds(10));
          if (tls != null) {
            builder.sslContext(tls);
          }
          c = builder.build();
          http = c;
        }
      }
    }
    return c;
  }

  public CheckResult check(MonitorEntity m) {
    Duration timeout = Duration.ofSeconds(m.timeoutSeconds);
    return switch (m.type) {
      case "http" -> http(URI.create(m.target), timeout, m.expectedStatus, m.keyword);
      case "tcp" -> tcp(m.target, timeout);
      case "ping" -> ping(m.target, timeout);
      default -> CheckResult.down(0, "unknown monitor type " + m.type);
    };
  }

  CheckResult http(URI url, Duration timeout, Integer expectedStatus, String keyword) {
    long start = System.nanoTime();
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(timeout)
              .header("User-Agent", "homelab-observer-monitor")
              .GET()
              .build();
      HttpResponse<InputStream> response =
          client()
              .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String body;
      try (InputStream in = response.body()) {
        body =
            keyword == null
                ? null
                : new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
      }
      long latency = elapsed(start);
      Instant certExpiry = response.sslSession().flatMap(MonitorChecker::expiry).orElse(null);
      int status = response.statusCode();
      boolean statusOk =
          expectedStatus == null ? status >= 200 && status < 400 : status == expectedStatus;
      if (!statusOk) {
        String wanted = expectedStatus == null ? "2xx or 3xx" : String.valueOf(expectedStatus);
        return new CheckResult(
            false, latency, "HTTP " + status + ", expected " + wanted, certExpiry);
      }
      if (keyword != null && !body.contains(keyword)) {
        return new CheckResult(
            false,
            latency,
            "HTTP " + status + " but the body lacks \"" + keyword + "\"",
            certExpiry);
      }
      return new CheckResult(true, latency, "HTTP " + status, certExpiry);
    } catch (java.util.concurrent.TimeoutException e) {
      return CheckResult.down(elapsed(start), "no answer within " + timeout.toSeconds() + "s");
    } catch (java.util.concurrent.ExecutionException e) {
      return CheckResult.down(elapsed(start), describe(e.getCause()));
    } catch (IOException e) {
      return CheckResult.down(elapsed(start), describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.down(elapsed(start), "check interrupted");
    }
  }

  CheckResult tcp(String hostPort, Duration timeout) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return new CheckResult(true, elapsed(start), "port " + port + " open", null);
    } catch (IOException e) {
      return CheckResult.down(elapsed(start), describe(e));
    }
  }

  /**
   * ICMP echo through the system's {@code ping}: the JVM cannot send ICMP itself without raw
   * sockets, and {@code InetAddress.isReachable} silently falls back to TCP port 7. Where ping is
   * missing or not permitted, the result says so instead of pretending the host is down for another
   * reason.
   */
  CheckResult ping(String host, Duration timeout) {
    long seconds = Math.max(1, timeout.toSeconds());
    long start = System.nanoTime();
    Process p;
    try {
      p =
          new ProcessBuilder("ping", "-n", "-c", "1", "-W", String.valueOf(seconds), host)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      return CheckResult.down(
          0, "ping is not available on the controller host (no ping binary); use a tcp monitor");
    }
    try {
      if (!p.waitFor(seconds + 2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return CheckResult.down(elapsed(start), "no echo reply within " + seconds + "s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      long latency = elapsed(start);
      if (p.exitValue() == 0) {
        return new CheckResult(true, rtt(out).orElse(latency), "echo reply", null);
      }
      if (out.contains("not permitted") || out.contains("Permission denied")) {
        return CheckResult.down(
            latency,
            "ping is not permitted for the controller's user (needs CAP_NET_RAW or"
                + " net.ipv4.ping_group_range); use a tcp monitor");
      }
      return CheckResult.down(latency, out.isBlank() ? "no echo reply" : lastLine(out));
    } catch (IOException e) {
      return CheckResult.down(elapsed(start), describe(e));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return CheckResult.down(elapsed(start), "check interrupted");
    }
  }

  private static Optional<Long> rtt(String pingOutput) {
    int i = pingOutput.indexOf("time=");
    if (i < 0) {
      return Optional.empty();
    }
    int end = pingOutput.indexOf(' ', i);
    try {
      return Optional.of(Math.round(Double.parseDouble(pingOutput.substring(i + 5, end))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  private static Optional<Instant> expiry(SSLSession session) {
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate x509) {
        return Optional.of(x509.getNotAfter().toInstant());
      }
    } catch (SSLException e) {
      // an unverified peer has no certificates to report
    }
    return Optional.empty();
  }

  private static String describe(Throwable e) {
    if (e instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "connect timed out";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    if (e instanceof SSLException) {
      return "TLS failed: " + e.getMessage();
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static long elapsed(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
