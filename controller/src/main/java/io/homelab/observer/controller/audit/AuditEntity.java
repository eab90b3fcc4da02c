package io.homelab.observer.controller.audit;

/**
 * One audit log row (table {@code audit_log}, V004). Written through {@link AuditStore} by {@link
 * AuditService} only; never updated.
 */
public class AuditEntity {

  public String id;

  public long occurredAt;

  public String username;

  public String address;

  public String action;

  public String environmentId;

  public String target;

  /** {@code ok}, {@code failed} or {@code denied}. */
  public String result;

  public String message;
}
