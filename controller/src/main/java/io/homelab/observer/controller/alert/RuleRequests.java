package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** Request bodies of {@code /api/alerts/rules}. */
public final class RuleRequests {

  private RuleRequests() {}

  /**
   * {@code POST /api/alerts/rules} and {@code PUT /api/alerts/rules/{id}}: one alerting rule with
   * the fields of a rule file.
   *
   * @param group default {@code api}
   * @param forDuration Prometheus duration such as {@code 5m}; default {@code 0s}
   */
  @RegisterForReflection
  public record Save(
      String name,
      String group,
      String expr,
      @com.fasterxml.jackson.annotation.JsonProperty("for") String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {}
}
