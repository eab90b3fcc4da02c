package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** One alert state change as {@code GET /api/alerts/history} lists it. */
@RegisterForReflection
public record HistoryEntry(
    Instant time,
    String ruleId,
    String alertName,
    String fingerprint,
    String state,
    Map<String, String> labels,
    Double value,
    boolean silenced) {}
