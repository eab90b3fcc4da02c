package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * A pending or firing alert as {@code GET /api/alerts} lists it.
 *
 * @param activeSince when the expression first held for this label set
 * @param firedAt when it went from pending to firing; null while pending
 * @param silenced whether an active silence matches it (it is then not notified)
 */
@RegisterForReflection
public record AlertView(
    String name,
    String ruleId,
    String state,
    Map<String, String> labels,
    Map<String, String> annotations,
    double value,
    Instant activeSince,
    Instant firedAt,
    boolean silenced,
    String fingerprint) {

  /** {@code silencedNow}: silences are read at listing time, so a new one shows at once. */
  static AlertView of(ActiveAlert a, boolean silencedNow) {
    return new AlertView(
        a.rule.name(),
        a.rule.id(),
        a.state,
        a.labels,
        a.annotations,
        a.value,
        Instant.ofEpochMilli(a.activeSince),
        a.firedAt == 0 ? null : Instant.ofEpochMilli(a.firedAt),
        silencedNow,
        a.fingerprint);
  }
}
