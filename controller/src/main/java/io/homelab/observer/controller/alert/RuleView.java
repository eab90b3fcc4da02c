package io.homelab.observer.controller.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule as {@code GET /api/alerts/rules} lists it, with its last evaluation.
 *
 * @param source {@code builtin}, {@code file} or {@code api} (only these can be changed through the
 *     API)
 * @param health {@code ok}, {@code err} or {@code unknown}
 */
@RegisterForReflection
public record RuleView(
    String id,
    String source,
    String group,
    String name,
    String expr,
    @JsonProperty("for") String forDuration,
    Map<String, String> labels,
    Map<String, String> annotations,
    String health,
    String lastError,
    Instant lastEvaluation) {

  static RuleView of(AlertRule r, RuleHealth h) {
    return new RuleView(
        r.id(),
        r.source(),
        r.group(),
        r.name(),
        r.expr(),
        PromDuration.format(r.forSeconds()),
        r.labels(),
        r.annotations(),
        h.health(),
        h.lastError(),
        h.lastEvaluation() == 0 ? null : Instant.ofEpochMilli(h.lastEvaluation()));
  }

  /** {@code GET /api/alerts/rules}: every rule in force and the state of the rule file. */
  @RegisterForReflection
  public record Page(RuleFileStatus file, List<RuleView> rules) {}
}
