package io.homelab.observer.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The controller's REST API (SPEC.md "Controller API") as the signed-in user: every call carries
 * the user's bearer token, so the controller enforces roles a second time.
 */
@ApplicationScoped
public class ControllerClient {

  private final JsonHttp http;
  private final JsonHttp actions;

  public ControllerClient(DashboardConfig config, ObjectMapper json) {
    this.http = new JsonHttp("controller", config.controllerUrl(), json, config.upstreamTimeout());
    this.actions = new JsonHttp("controller", config.controllerUrl(), json, config.actionTimeout());
  }

  /** The answer of {@code POST /api/auth/login}. */
  public record Login(String token, Instant expiresAt, String role, String username) {}

  /** Signs in; a wrong password is an {@link UpstreamException} with status 401. */
  public Login login(String username, String password) throws UpstreamException {
    JsonNode r =
        http.send(
            "POST", "/api/auth/login", null, Map.of("username", username, "password", password));
    String expires = r.path("expiresAt").asText("");
    return new Login(
        r.path("token").asText(),
        expires.isEmpty() ? Instant.now().plusSeconds(3600) : Instant.parse(expires),
        r.path("role").asText("viewer").toLowerCase(),
        r.path("username").asText(username));
  }

  /** Revokes the token; failures are ignored because the session ends either way. */
  public void logout(String token) {
    try {
      http.send("POST", "/api/auth/logout", bearer(token), null);
    } catch (UpstreamException e) {
      // The dashboard session is gone already; a controller that is down cannot use the token
      // either.
    }
  }

  public JsonNode get(String token, String pathAndQuery) throws UpstreamException {
    return http.send("GET", pathAndQuery, bearer(token), null);
  }

  public JsonNode post(String token, String path, Object body) throws UpstreamException {
    return actions.send("POST", path, bearer(token), body);
  }

  public JsonNode patch(String token, String path, Object body) throws UpstreamException {
    return actions.send("PATCH", path, bearer(token), body);
  }

  public JsonNode delete(String token, String pathAndQuery) throws UpstreamException {
    return actions.send("DELETE", pathAndQuery, bearer(token), null);
  }

  /** A Server-Sent Events stream (container logs with follow), closed by the caller. */
  public InputStream stream(String token, String pathAndQuery) throws UpstreamException {
    return http.stream(pathAndQuery, bearer(token));
  }

  /**
   * The list in an answer: the controller answers some lists as a bare array, others inside an
   * object under {@code field} ({@code items} when null).
   */
  public static JsonNode items(JsonNode answer, String field) {
    return answer.isArray() ? answer : answer.path(field == null ? "items" : field);
  }

  /** URL-encodes one path segment or query value. */
  public static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }
}
