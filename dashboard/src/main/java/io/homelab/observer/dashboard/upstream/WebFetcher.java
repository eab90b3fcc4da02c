package io.homelab.observer.dashboard.upstream;

import io.homelab.observer.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches the URLs that dashboard.yml names (rss feeds, custom-api), with the upstream deadline and
 * a size cap, so a slow or huge feed cannot stall or exhaust the dashboard.
 */
@ApplicationScoped
public class WebFetcher {

  static final int MAX_BYTES = 2 * 1024 * 1024;

  private final HttpClient http;
  private final Duration timeout;

  public WebFetcher(DashboardConfig config) {
    this.timeout = config.upstreamTimeout();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** The body as text; non-2xx, time-outs and bodies over 2 MiB are errors. */
  public String get(String url, Map<String, String> headers) throws UpstreamException {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UpstreamException("bad URL " + url, 0);
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new UpstreamException("only http and https URLs can be fetched: " + url, 0);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "homelab-dashboard");
    headers.forEach(b::header);
    try {
      HttpResponse<InputStream> r =
          http.send(b.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (r.statusCode() >= 400) {
          throw new UpstreamException(
              uri.getHost() + " answered HTTP " + r.statusCode(), r.statusCode());
        }
        if (body.length > MAX_BYTES) {
          throw new UpstreamException(uri.getHost() + " sent more than 2 MiB", 0);
        }
        return new String(body, StandardCharsets.UTF_8);
      }
    } catch (HttpTimeoutException e) {
      throw new UpstreamException(
          uri.getHost() + " did not answer within " + timeout.toSeconds() + " s", 0);
    } catch (IOException e) {
      throw new UpstreamException(uri.getHost() + " unreachable: " + e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException("interrupted", 0);
    }
  }
}
