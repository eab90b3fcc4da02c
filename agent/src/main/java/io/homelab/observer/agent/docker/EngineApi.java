package io.homelab.observer.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Raw Engine API reads for the fields docker-java does not model ({@code /system/df}, a volume's
 * {@code CreatedAt} and {@code Scope}) and for the metrics container inventory (which would
 * otherwise load docker-java's command and model classes on every agent), on the same bounded
 * client as every other call.
 */
@Singleton
public class EngineApi {

  private final DockerHttpClient http;
  private final ObjectMapper json;

  public EngineApi(DockerHttpClient http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /**
   * {@code GET path} as JSON; Docker's 404 stays a 404, any other non-200 is a Docker error (502).
   */
  public JsonNode get(String what, String path) {
    return DockerCalls.run(what, () -> fetch(what, path));
  }

  /** As {@link #get(String, String)} with an explicit deadline (health probes use a short one). */
  public JsonNode get(String what, String path, Duration limit) {
    return DockerCalls.run(what, () -> fetch(what, path), limit);
  }

  private DockerHttpClient.Response open(String path) {
    return open(http, path);
  }

  /**
   * {@code GET path} on {@code client}, the answer still to be read: the caller closes it (event
   * streams and log follows read it as it comes).
   */
  public static DockerHttpClient.Response open(DockerHttpClient client, String path) {
    return client.execute(
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(path)
            .build());
  }

  private JsonNode fetch(String what, String path) {
    try (DockerHttpClient.Response res = open(path)) {
      if (res.getStatusCode() == 404) {
        throw ApiException.notFound(message(json.readTree(res.getBody()), what));
      }
      if (res.getStatusCode() != 200) {
        throw AgentErrors.dockerError("Docker answered " + res.getStatusCode() + " to " + what);
      }
      return json.readTree(res.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code GET path} as JSON with no deadline and no translation, for callers that bound the call
   * themselves (a scrape has its own time-out): null on 404, an {@link IOException} naming the
   * status on any other non-200.
   */
  public JsonNode readOrNull(String path) throws IOException {
    try (DockerHttpClient.Response res = open(path)) {
      if (res.getStatusCode() == 404) {
        return null;
      }
      if (res.getStatusCode() != 200) {
        throw new IOException("Docker answered " + res.getStatusCode() + " to GET " + path);
      }
      return json.readTree(res.getBody());
    }
  }

  /** The field as text, or null when absent or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * One of Docker's RFC 3339 timestamps, or null when absent, unreadable or Docker's zero time
   * ({@code 0001-01-01T00:00:00Z}, which it reports for a container that never started or ended).
   */
  public static Instant instant(String dockerTime) {
    if (dockerTime == null || dockerTime.isEmpty() || dockerTime.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(dockerTime);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String message(JsonNode body, String what) {
    String m = body == null ? "" : body.path("message").asText("");
    return m.isEmpty() ? what + " not found" : m;
  }
}
