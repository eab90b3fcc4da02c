package io.homelab.observer.controller.audit;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One audit entry as {@code GET /api/audit} returns it (SPEC.md "Controller API"). */
@RegisterForReflection
public record AuditItem(
    String id,
    Instant time,
    String user,
    String action,
    String environmentId,
    String target,
    String result,
    String message,
    String address) {

  static AuditItem of(AuditEntity e) {
    return new AuditItem(
        e.id,
        Instant.ofEpochMilli(e.occurredAt),
        e.username,
        e.action,
        e.environmentId,
        e.target,
        e.result,
        e.message,
        e.address);
  }
}
