package io.homelab.observer.controller.notify;

import io.homelab.observer.controller.config.ControllerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP POST all webhook-style senders share: time-out, status check, errors without the URL's
 * secrets.
 */
@ApplicationScoped
public class HttpPoster {

  private final HttpClient http;
  private final Duration timeout;

  public HttpPoster(ControllerConfig config) {
    this.timeout = config.notifications().timeout();
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** POSTs {@code body}; 2xx is success, 429 and 5xx are retryable, other statuses are not. */
  public void post(String url, String contentType, byte[] body, Map<String, String> headers)
      throws DeliveryException {
    String where = NotifierView.redact(url);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", contentType)
            .header("User-Agent", "homelab-observer-controller")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new DeliveryException(
          where + " did not answer within " + timeout.toSeconds() + "s", true);
    } catch (IOException e) {
      throw new DeliveryException(
          where
              + " unreachable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("delivery to " + where + " interrupted", false);
    }
    int status = r.statusCode();
    if (status / 100 != 2) {
      String text = r.body() == null ? "" : r.body().strip();
      if (text.length() > 200) {
        text = text.substring(0, 200) + "…";
      }
      throw new DeliveryException(
          where + " answered HTTP " + status + (text.isEmpty() ? "" : ": " + text),
          status == 429 || status >= 500);
    }
  }
}
