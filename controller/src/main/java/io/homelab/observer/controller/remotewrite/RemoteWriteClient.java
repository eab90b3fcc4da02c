package io.homelab.observer.controller.remotewrite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * POSTs one remote-write request with the protocol's headers and says what to do with it: as
 * Prometheus's own sender, 2xx is delivered, 5xx, 429 and connection failures are retried, any
 * other 4xx is a request the receiver will never take (dropped, or the queue would stall forever).
 */
final class RemoteWriteClient {

  enum Outcome {
    DELIVERED,
    RETRY,
    REJECTED
  }

  /** What one attempt gave; {@code detail} is for the log and never holds credentials. */
  record Result(Outcome outcome, String detail) {}

  private final URI url;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final HttpClient http;

  RemoteWriteClient(
      URI url,
      Optional<String> bearerToken,
      Optional<String> username,
      Optional<String> password,
      Duration timeout) {
    this.url = url;
    this.timeout = timeout;
    if (bearerToken.isPresent()) {
      this.authorization = Optional.of("Bearer " + bearerToken.get());
    } else if (username.isPresent()) {
      String pair = username.get() + ":" + password.orElse("");
      this.authorization =
          Optional.of(
              "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    } else {
      this.authorization = Optional.empty();
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  Result send(byte[] body) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/x-protobuf")
            .header("Content-Encoding", "snappy")
            .header("User-Agent", "homelab-observer-controller")
            .header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    authorization.ifPresent(a -> b.header("Authorization", a));
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return new Result(Outcome.RETRY, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    int status = r.statusCode();
    String detail = "HTTP " + status + " " + abbreviate(r.body());
    if (status / 100 == 2) {
      return new Result(Outcome.DELIVERED, detail);
    }
    if (status / 100 == 5 || status == 429) {
      return new Result(Outcome.RETRY, detail);
    }
    return new Result(Outcome.REJECTED, detail);
  }

  String target() {
    // scheme, host, port and path only: a URL may carry credentials in its user part
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + url.getPath();
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }
}
