package io.homelab.observer.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * JSON over plain {@code java.net.http} with a deadline on every call, shared by the controller and
 * tracking clients. Errors become {@link UpstreamException}s carrying the upstream's own message.
 */
final class JsonHttp {

  private final String name;
  private final URI base;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  JsonHttp(String name, URI base, ObjectMapper json, Duration timeout) {
    this.name = name;
    this.base = base;
    this.json = json;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(
                timeout.compareTo(Duration.ofSeconds(2)) < 0 ? timeout : Duration.ofSeconds(2))
            .build();
  }

  /** A request builder for a path (with query) under the base URL. */
  HttpRequest.Builder request(String pathAndQuery, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(resolve(pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  URI resolve(String pathAndQuery) {
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + pathAndQuery);
  }

  JsonNode send(String method, String pathAndQuery, String authorization, Object body)
      throws UpstreamException {
    HttpRequest.Builder b = request(pathAndQuery, authorization);
    try {
      if (body == null) {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode node = r.body().length == 0 ? MissingNode.getInstance() : parse(r.body());
      if (r.statusCode() >= 400) {
        throw new UpstreamException(
            errorMessage(r.statusCode(), node, pathAndQuery), r.statusCode());
      }
      return node;
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new UpstreamException(name + " unreachable at " + base, 0);
    } catch (HttpTimeoutException e) {
      throw new UpstreamException(name + " did not answer within " + timeout.toSeconds() + " s", 0);
    } catch (IOException e) {
      throw new UpstreamException(name + " call failed: " + e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(name + " call interrupted", 0);
    }
  }

  /** Opens a streaming response (Server-Sent Events), with the connect deadline only. */
  InputStream stream(String pathAndQuery, String authorization) throws UpstreamException {
    HttpRequest req =
        HttpRequest.newBuilder(resolve(pathAndQuery))
            .header("Accept", "text/event-stream")
            .header("Authorization", authorization)
            .GET()
            .build();
    try {
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() >= 400) {
        byte[] body;
        try (InputStream in = r.body()) {
          body = in.readNBytes(64 * 1024);
        }
        throw new UpstreamException(
            errorMessage(r.statusCode(), parse(body), pathAndQuery), r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new UpstreamException(name + " unreachable: " + e.getMessage(), 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(name + " call interrupted", 0);
    }
  }

  private JsonNode parse(byte[] body) {
    try {
      return json.readTree(body);
    } catch (IOException e) {
      // Not JSON (a proxy's HTML error page, say): keep the status, drop the body.
      return MissingNode.getInstance();
    }
  }

  private String errorMessage(int status, JsonNode body, String pathAndQuery) {
    // Controller: {"error","message"}; tracking server: MLflow's {"error_code","message"}.
    String code = body.path("error").asText(body.path("error_code").asText(""));
    String message = body.path("message").asText("");
    String path =
        pathAndQuery.contains("?")
            ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
            : pathAndQuery;
    if (status == 404
        && (code.isEmpty()
            || code.equals("ENDPOINT_NOT_FOUND")
            || message.equals("no such resource"))) {
      return name + " does not offer " + path + " (HTTP 404): this version lacks the feature";
    }
    return name
        + ": "
        + (code.isEmpty() ? "HTTP " + status : code)
        + (message.isEmpty() ? "" : " — " + message);
  }
}
