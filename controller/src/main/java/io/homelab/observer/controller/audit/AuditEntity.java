package io.homelab.observer.controller.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One audit log row (table {@code audit_log}, V004). Written by {@link AuditService} only; never
 * updated.
 */
@Entity
@Table(name = "audit_log")
public class AuditEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(name = "occurred_at", nullable = false)
  public long occurredAt;

  public String username;

  public String address;

  @Column(nullable = false)
  public String action;

  @Column(name = "environment_id")
  public String environmentId;

  public String target;

  /** {@code ok}, {@code failed} or {@code denied}. */
  @Column(nullable = false)
  public String result;

  public String message;
}
