package io.homelab.observer.controller.environment;

/** One managed agent with its last status snapshot (table {@code environments}, V003). */
public class EnvironmentEntity {

  public static final String UP = "up";
  public static final String DOWN = "down";
  public static final String UNPAIRED = "unpaired";

  public String id;

  public String name;

  /** {@code http(s)://host:port}, no path. */
  public String url;

  public String group;

  /** Comma-separated; tags are checked to contain no comma. */
  public String tags;

  /** SHA-256 hex of the agent's certificate pinned at pairing; null over plain HTTP. */
  public String tlsFingerprint;

  /** The agent's id from its ping (V030): the sixth line of every request signed for it. */
  public String agentId;

  public long createdAt;

  /** {@link #UP}, {@link #DOWN} or {@link #UNPAIRED}. */
  public String status;

  public String statusMessage;

  public Long lastSeen;

  public Long lastChecked;

  public String dockerVersion;

  public String agentVersion;

  public String hostname;

  public Integer containersRunning;

  public Integer containersTotal;

  public Integer images;

  public Integer cpus;

  public Long memoryBytes;

  /**
   * Metrics URL when not derived from {@link #url} (V010); null = {@code
   * http://<host>:9100/metrics}.
   */
  public String metricsUrl;
}
