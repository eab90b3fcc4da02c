package io.homelab.observer.controller.monitor;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One service monitor with its last result and uptime counters (table {@code monitors}, V020). */
@Entity
@Table(name = "monitors")
public class MonitorEntity extends PanacheEntityBase {

  @Id public String id;

  @Column(nullable = false, unique = true)
  public String name;

  /** {@code http}, {@code tcp} or {@code ping}. */
  @Column(nullable = false)
  public String type;

  /** URL for http, {@code host:port} for tcp, host for ping. */
  @Column(nullable = false)
  public String target;

  @Column(name = "interval_seconds", nullable = false)
  public int intervalSeconds;

  @Column(name = "timeout_seconds", nullable = false)
  public int timeoutSeconds;

  /** Exact HTTP status wanted; null = any 2xx or 3xx. */
  @Column(name = "expected_status")
  public Integer expectedStatus;

  /** Text the HTTP body must contain; null = not checked. */
  public String keyword;

  @Column(nullable = false)
  public boolean enabled;

  @Column(name = "created_at", nullable = false)
  public long createdAt;

  /** {@code up}, {@code down} or {@code pending} (not checked yet). */
  @Column(nullable = false)
  public String status;

  public String message;

  @Column(name = "last_checked")
  public Long lastChecked;

  @Column(name = "latency_ms")
  public Long latencyMs;

  @Column(name = "cert_expires_at")
  public Long certExpiresAt;

  @Column(name = "checks_total", nullable = false)
  public long checksTotal;

  @Column(name = "checks_up", nullable = false)
  public long checksUp;
}
