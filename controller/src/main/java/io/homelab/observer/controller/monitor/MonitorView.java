package io.homelab.observer.controller.monitor;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A monitor as {@code GET /api/monitors} lists it: its settings and the last result.
 *
 * @param status {@code up}, {@code down} or {@code pending} (not checked since it was created)
 * @param uptimePercent share of successful checks since creation; null before the first check
 */
@RegisterForReflection
public record MonitorView(
    String id,
    String name,
    String type,
    String target,
    int intervalSeconds,
    int timeoutSeconds,
    Integer expectedStatus,
    String keyword,
    boolean enabled,
    String status,
    String message,
    Instant lastChecked,
    Long latencyMs,
    Instant certExpiresAt,
    Double uptimePercent,
    long checksTotal,
    Instant createdAt) {

  static MonitorView of(MonitorEntity m) {
    return new MonitorView(
        m.id,
        m.name,
        m.type,
        m.target,
        m.intervalSeconds,
        m.timeoutSeconds,
        m.expectedStatus,
        m.keyword,
        m.enabled,
        m.status,
        m.message,
        m.lastChecked == null ? null : Instant.ofEpochMilli(m.lastChecked),
        m.latencyMs,
        m.certExpiresAt == null ? null : Instant.ofEpochMilli(m.certExpiresAt),
        m.checksTotal == 0 ? null : 100.0 * m.checksUp / m.checksTotal,
        m.checksTotal,
        Instant.ofEpochMilli(m.createdAt));
  }
}
