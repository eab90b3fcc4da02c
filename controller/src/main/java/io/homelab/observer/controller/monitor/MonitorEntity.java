package io.homelab.observer.controller.monitor;

/** One service monitor with its last result and uptime counters (table {@code monitors}, V020). */
public class MonitorEntity {

  public String id;

  public String name;

  /** {@code http}, {@code tcp} or {@code ping}. */
  public String type;

  /** URL for http, {@code host:port} for tcp, host for ping. */
  public String target;

  public int intervalSeconds;

  public int timeoutSeconds;

  /** Exact HTTP status wanted; null = any 2xx or 3xx. */
  public Integer expectedStatus;

  /** Text the HTTP body must contain; null = not checked. */
  public String keyword;

  public boolean enabled;

  public long createdAt;

  /** {@code up}, {@code down} or {@code pending} (not checked yet). */
  public String status;

  public String message;

  public Long lastChecked;

  public Long latencyMs;

  public Long certExpiresAt;

  public long checksTotal;

  public long checksUp;
}
