package io.homelab.observer.controller.environment;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request bodies of {@code /api/environments}. */
public final class EnvironmentRequests {

  private EnvironmentRequests() {}

  /**
   * {@code POST /api/environments}: with {@code pairingCode} the controller pairs the agent;
   * without it the agent must already trust this controller's key ({@code
   * homelab.agent.controller-public-key}). Over HTTPS, {@code tlsFingerprint} (as the agent printed
   * it) is checked before anything is sent; without it the certificate presented now is pinned and
   * returned for comparison. {@code metricsUrl} overrides where the agent's metrics are scraped
   * (default {@code http://<host>:9100/metrics}).
   */
  @RegisterForReflection
  public record Create(
      String name,
      String url,
      String pairingCode,
      String tlsFingerprint,
      String group,
      List<String> tags,
      String metricsUrl) {}

  /**
   * {@code PATCH /api/environments/{id}}: any of the fields; {@code group: ""} clears the group,
   * {@code metricsUrl: ""} goes back to the derived metrics URL.
   */
  @RegisterForReflection
  public record Update(String name, String group, List<String> tags, String metricsUrl) {}
}
