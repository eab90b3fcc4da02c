package io.homelab.observer.controller.notify;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation round tells the notifiers: the alerts that started firing, still fire
 * (repeat) or resolved, in Alertmanager's terms.
 *
 * @param status {@code firing} when any alert fires, else {@code resolved}
 */
@RegisterForReflection
public record AlertMessage(String status, List<Alert> alerts) {

  public AlertMessage {
    alerts = List.copyOf(alerts);
  }

  /**
   * One alert.
   *
   * @param endsAt null while firing
   */
  @RegisterForReflection
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String fingerprint,
      String generatorUrl) {}

  /** Builds a message; status from the alerts. */
  public static AlertMessage of(List<Alert> alerts) {
    boolean firing = alerts.stream().anyMatch(a -> a.status().equals("firing"));
    return new AlertMessage(firing ? "firing" : "resolved", alerts);
  }
}
