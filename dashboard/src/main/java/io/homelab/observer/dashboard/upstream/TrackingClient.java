package io.homelab.observer.dashboard.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.dashboard.config.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The tracking server's MLflow REST API and log search, with the dashboard's own account ({@code
 * homelab.dashboard.tracking-username/-password}), as SPEC.md asks.
 */
@ApplicationScoped
public class TrackingClient {

  private final JsonHttp http;
  private final String authorization;

  public TrackingClient(DashboardConfig config, ObjectMapper json) {
    this.http =
        new JsonHttp("tracking server", config.trackingUrl(), json, config.upstreamTimeout());
    this.authorization =
        config
            .trackingUsername()
            .map(
                u ->
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (u + ":" + config.trackingPassword().orElse(""))
                                    .getBytes(StandardCharsets.UTF_8)))
            .orElse(null);
  }

  public JsonNode get(String pathAndQuery) throws UpstreamException {
    return http.send("GET", pathAndQuery, authorization, null);
  }

  public JsonNode post(String path, Object body) throws UpstreamException {
    return http.send("POST", path, authorization, body);
  }
}
