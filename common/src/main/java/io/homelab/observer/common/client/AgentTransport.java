package io.homelab.observer.common.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.homelab.observer.common.signing.RequestSigner;
import io.homelab.observer.common.wire.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;

/**
 * The signed HTTP transport to one agent: builds and signs requests, applies the time-outs, and
 * turns every failure into an {@link AgentException} (the agent's error body with its status, or
 * status 0 when it did not answer). {@link AgentClient} is the typed API on top; this class knows
 * no endpoint.
 */
final class AgentTransport {

  /**
   * JSON as the agent writes it: ISO-8601 times, unknown fields ignored so newer agents stay
   * readable.
   */
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final URI base;
  private final RequestSigner signer;
  private final String agentId;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final long maxResponseBytes;

  AgentTransport(
      URI baseUrl,
      RequestSigner signer,
      String agentId,
      String tlsFingerprint,
      Duration connectTimeout,
      Duration requestTimeout,
      long maxResponseBytes) {
    String url = baseUrl.toString();
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.signer = signer;
    this.agentId = agentId;
    this.requestTimeout = requestTimeout;
    this.maxResponseBytes = maxResponseBytes;
    HttpClient.Builder hb =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            // HTTP/1.1: the agent's SSE and WebSocket paths are plain HTTP/1.1 and h2c upgrade adds
            // a round trip.
            .version(HttpClient.Version.HTTP_1_1);
    if (tlsFingerprint != null) {
      hb.sslContext(PinnedCertificateTrustManager.sslContext(tlsFingerprint));
    }
    this.http = hb.build();
  }

  /** A request answered as raw status and bytes, whatever the status. */
  HttpResponse<byte[]> raw(String method, String rawPathWithQuery, byte[] body, boolean signed) {
    return sendCapped(request(method, rawPathWithQuery, body, signed).build());
  }

  /** Opens a signed WebSocket on {@code path} (the console). */
  CompletableFuture<WebSocket> webSocket(String path, WebSocket.Listener listener) {
    URI uri = URI.create(base.toString().replaceFirst("^http", "ws") + path);
    WebSocket.Builder wb = http.newWebSocketBuilder().connectTimeout(requestTimeout);
    requireSigner().sign("GET", path, null, agentId).forEach(wb::header);
    return wb.buildAsync(uri, listener);
  }

  <T> T call(String method, String path, Object body, boolean signed, Class<T> type) {
    return call(method, path, body, signed, r -> JSON.readValue(r, type));
  }

  <T> T call(String method, String path, Object body, boolean signed, TypeReference<T> type) {
    return call(method, path, body, signed, r -> JSON.readValue(r, type));
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(byte[] bytes) throws IOException;
  }

  private <T> T call(String method, String path, Object body, boolean signed, Reader<T> reader) {
    HttpResponse<byte[]> response = sendCapped(request(method, path, json(body), signed).build());
    if (response.statusCode() / 100 != 2) {
      throw error(response.statusCode(), response.body());
    }
    if (response.statusCode() == 204 || response.body().length == 0) {
      return null;
    }
    try {
      return reader.read(response.body());
    } catch (IOException e) {
      throw new AgentException(
          0,
          AgentException.BAD_RESPONSE,
          "agent answer to " + method + " " + path + " is not valid JSON",
          e);
    }
  }

  /** A signed SSE request; the stream yields each event's data as {@code type} until closed. */
  <T> Stream<T> stream(String path, String method, Object body, Class<T> type) {
    HttpRequest.Builder rb = request(method, path, json(body), true);
    rb.timeout(Duration.ofDays(365)).header("Accept", "text/event-stream");
    HttpResponse<InputStream> response =
        send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      try (InputStream in = response.body()) {
        throw error(response.statusCode(), in.readNBytes(64 * 1024));
      } catch (IOException e) {
        throw new AgentException(
            response.statusCode(), AgentException.BAD_RESPONSE, e.getMessage(), e);
      }
    }
    return SseReader.dataLines(response.body())
        .map(
            (Function<String, T>)
                data -> {
                  try {
                    return JSON.readValue(data, type);
                  } catch (JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                  }
                });
  }

  private HttpRequest.Builder request(String method, String path, byte[] body, boolean signed) {
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      rb.header("Content-Type", "application/json");
    }
    if (signed) {
      for (Map.Entry<String, String> h :
          requireSigner().sign(method, path, body, agentId).entrySet()) {
        rb.header(h.getKey(), h.getValue());
      }
    }
    return rb;
  }

  private RequestSigner requireSigner() {
    if (signer == null) {
      throw new IllegalStateException("this AgentClient has no signer: only ping and pair work");
    }
    if (agentId == null) {
      // Signing without the id would produce a request no agent accepts; say why up front.
      throw new IllegalStateException("this AgentClient has no agentId: only ping and pair work");
    }
    return signer;
  }

  /** A whole answer in memory, at most {@code maxResponseBytes} of it. */
  private HttpResponse<byte[]> sendCapped(HttpRequest request) {
    HttpResponse<byte[]> response = send(request, CappedBody.handler(maxResponseBytes));
    if (response.body() == null) {
      throw tooLarge(null);
    }
    return response;
  }

  private AgentException tooLarge(Throwable cause) {
    return new AgentException(
        0,
        AgentException.BAD_RESPONSE,
        "agent " + base + " sent an answer larger than " + maxResponseBytes + " bytes; not read",
        cause);
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (CappedBody.TooLarge e) {
      throw tooLarge(e);
    } catch (HttpConnectTimeoutException e) {
      throw new AgentException(
          0, AgentException.TIMEOUT, "agent " + base + " did not accept a connection in time", e);
    } catch (HttpTimeoutException e) {
      throw new AgentException(
          0, AgentException.TIMEOUT, "agent " + base + " did not answer in time", e);
    } catch (SSLException e) {
      throw new AgentException(
          0,
          AgentException.TLS_MISMATCH,
          "TLS with agent " + base + " failed: " + e.getMessage(),
          e);
    } catch (ConnectException e) {
      throw new AgentException(
          0, AgentException.UNREACHABLE, "agent " + base + " refused the connection", e);
    } catch (IOException e) {
      if (e.getCause() instanceof CappedBody.TooLarge) {
        throw tooLarge(e);
      }
      throw new AgentException(
          0, AgentException.UNREACHABLE, "agent " + base + " is unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException(
          0, AgentException.UNREACHABLE, "interrupted while calling " + base, e);
    }
  }

  private static AgentException error(int status, byte[] body) {
    try {
      ErrorBody e = JSON.readValue(body, ErrorBody.class);
      if (e != null && e.error() != null) {
        return new AgentException(status, e.error(), e.message());
      }
    } catch (IOException ignored) {
      // Not our error body (a proxy in between?): report the status with the start of the text
      // below.
    }
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    return new AgentException(
        status, AgentException.BAD_RESPONSE, "agent answered HTTP " + status + ": " + text);
  }

  private static byte[] json(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise request body", e);
    }
  }
}
