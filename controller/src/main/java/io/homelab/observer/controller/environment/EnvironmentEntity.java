package io.homelab.observer.controller.environment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One managed agent with its last status snapshot (table {@code environments}, V003). */
@Entity
@Table(name = "environments")
public class EnvironmentEntity extends PanacheEntityBase {

  public static final String UP = "up";
  public static final String DOWN = "down";
  public static final String UNPAIRED = "unpaired";

  @Id public String id;

  @Column(nullable = false, unique = true)
  public String name;

  /** {@code http(s)://host:port}, no path. */
  @Column(nullable = false, unique = true)
  public String url;

  @Column(name = "group_name")
  public String group;

  /** Comma-separated; tags are checked to contain no comma. */
  public String tags;

  /** SHA-256 hex of the agent's certificate pinned at pairing; null over plain HTTP. */
  @Column(name = "tls_fingerprint")
  public String tlsFingerprint;

  /** The agent's id from its ping (V030): the sixth line of every request signed for it. */
  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "created_at", nullable = false)
  public long createdAt;

  /** {@link #UP}, {@link #DOWN} or {@link #UNPAIRED}. */
  @Column(nullable = false)
  public String status;

  @Column(name = "status_message")
  public String statusMessage;

  @Column(name = "last_seen")
  public Long lastSeen;

  @Column(name = "last_checked")
  public Long lastChecked;

  @Column(name = "docker_version")
  public String dockerVersion;

  @Column(name = "agent_version")
  public String agentVersion;

  public String hostname;

  @Column(name = "containers_running")
  public Integer containersRunning;

  @Column(name = "containers_total")
  public Integer containersTotal;

  public Integer images;

  public Integer cpus;

  @Column(name = "memory_bytes")
  public Long memoryBytes;

  /**
   * Metrics URL when not derived from {@link #url} (V010); null = {@code
   * http://<host>:9100/metrics}.
   */
  @Column(name = "metrics_url")
  public String metricsUrl;
}
