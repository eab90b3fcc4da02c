package io.homelab.observer.controller.environment;

import io.homelab.observer.common.error.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks and derives where an environment's agent metrics are scraped. */
public final class MetricsUrl {

  private MetricsUrl() {}

  /** The override as stored, or null when none was given. */
  static String check(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    URI u;
    try {
      u = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("metricsUrl is not a valid URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https"))
        || u.getHost() == null
        || u.getUserInfo() != null) {
      throw ApiException.badRequest(
          "metricsUrl must be http(s)://host[:port]/path without credentials");
    }
    return u.toString();
  }

  /** For PATCH: {@code ""} clears the override. */
  static String checkOrClear(String raw) {
    return raw.isBlank() ? "" : check(raw);
  }

  /** The override, else {@code http://<agent host>:<agentPort>/metrics}. */
  public static String of(EnvironmentEntity e, int agentPort) {
    if (e.metricsUrl != null) {
      return e.metricsUrl;
    }
    return "http://" + URI.create(e.url).getHost() + ":" + agentPort + "/metrics";
  }
}
