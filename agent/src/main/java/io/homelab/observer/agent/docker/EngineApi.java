package io.homelab.observer.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import io.homelab.observer.agent.error.ApiException;
import io.homelab.observer.agent.error.DockerCalls;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Raw Engine API reads for the fields docker-java does not model ({@code /system/df}, a volume's
 * {@code CreatedAt} and {@code Scope}), on the same bounded client as every other call.
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
    return DockerCalls.run(
        what,
        () -> {
          DockerHttpClient.Request req =
              DockerHttpClient.Request.builder()
                  .method(DockerHttpClient.Request.Method.GET)
                  .path(path)
                  .build();
          try (DockerHttpClient.Response res = http.execute(req)) {
            if (res.getStatusCode() == 404) {
              throw ApiException.notFound(message(json.readTree(res.getBody()), what));
            }
            if (res.getStatusCode() != 200) {
              throw ApiException.dockerError(
                  "Docker answered " + res.getStatusCode() + " to " + what);
            }
            return json.readTree(res.getBody());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static String message(JsonNode body, String what) {
    String m = body == null ? "" : body.path("message").asText("");
    return m.isEmpty() ? what + " not found" : m;
  }
}
