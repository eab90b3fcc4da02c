package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alerting rule in Prometheus's rule-file terms.
 *
 * @param id stable key: {@code builtin:<name>}, {@code file:<group>/<name>} or the stored rule's
 *     UUID
 * @param source {@code builtin}, {@code file} or {@code api}
 * @param forSeconds how long the expression must hold before the alert fires (0 = at once)
 */
@RegisterForReflection
public record AlertRule(
    String id,
    String source,
    String group,
    String name,
    String expr,
    long forSeconds,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public AlertRule {
    labels =
        labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations =
        annotations == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
  }
}
