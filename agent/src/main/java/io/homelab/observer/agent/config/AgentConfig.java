package io.homelab.observer.agent.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings under {@code homelab.agent.*} (environment: {@code HOMELAB_AGENT_*}); see SPEC.md
 * "Configuration".
 */
@ConfigMapping(prefix = "homelab.agent")
public interface AgentConfig {

  /** State directory; {@code ./data/agent} from a checkout, {@code /data} in images. */
  @WithDefault("./data/agent")
  Path dataDir();

  /**
   * Base64 SPKI of the controller's Ed25519 key; when set it is pinned at start and pairing is off.
   * Absent = pairing mode (a one-time code is printed at start).
   */
  Optional<String> controllerPublicKey();

  /** Docker endpoint the agent drives; only the agent's own API reaches it, never a passthrough. */
  @WithDefault("unix:///var/run/docker.sock")
  String dockerHost();

  /** Docker client timeouts and limits. */
  Docker docker();

  /** HTTPS on 9001. */
  Tls tls();

  /**
   * Host paths (absolute) under which deploys may bind-mount; empty = no bind mounts at all, only
   * named volumes. {@code /}, {@code /etc}, {@code /proc}, {@code /sys} and the Docker socket are
   * refused even when listed.
   */
  Optional<List<String>> allowedBindRoots();

  /**
   * Named volumes a deploy may mount although the agent did not create them (volumes made through
   * the agent's volume API carry its label and are always allowed); never the volumes of the
   * agent's own container.
   */
  Optional<List<String>> allowedVolumes();

  /**
   * Capabilities a deploy may add with {@code capAdd}. The default is a subset of Docker's own
   * default set, so adding them back after an image dropped them never grants more than a plain
   * {@code docker run}. Anything else (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ...) is refused.
   */
  @WithDefault(
      "CHOWN,DAC_OVERRIDE,FOWNER,FSETID,KILL,SETGID,SETUID,SETPCAP,NET_BIND_SERVICE,NET_RAW,SYS_CHROOT,AUDIT_WRITE,SETFCAP")
  List<String> allowedCapabilities();

  /** Pairing attempts. */
  Pairing pairing();

  /** Docker client settings. */
  interface Docker {
    /** How long to wait for the Docker socket to accept a connection before answering 502. */
    @WithDefault("3s")
    Duration connectTimeout();

    /** How long one Docker call may take before the agent answers 504 (image pulls excepted). */
    @WithDefault("30s")
    Duration responseTimeout();

    /** How long an image pull may take before the agent answers 504. */
    @WithDefault("10m")
    Duration pullTimeout();
  }

  /** TLS on the API port. */
  interface Tls {
    /** Serve 9001 over HTTPS ({@code false} locally, {@code true} in the deploy files). */
    @WithDefault("false")
    boolean enabled();

    /**
     * PEM certificate of the operator's own; with {@link #keyFile()} it replaces the self-signed
     * certificate the agent otherwise generates in its data dir.
     */
    Optional<Path> certFile();

    /** PEM private key matching {@link #certFile()}. */
    Optional<Path> keyFile();
  }

  /** One-time pairing code. */
  interface Pairing {
    /**
     * Failed {@code POST /api/pair} attempts allowed per {@link #window()}, for all callers
     * together.
     */
    @WithDefault("5")
    int maxAttempts();

    /** Window of {@link #maxAttempts()}. */
    @WithDefault("1m")
    Duration window();

    /**
     * Forget the pinned controller key at start and print a new pairing code (the CLI flag for
     * re-pairing: {@code -Dhomelab.agent.pairing.reset=true} or {@code
     * HOMELAB_AGENT_PAIRING_RESET=true} for one start). Ignored when {@code controller-public-key}
     * is set.
     */
    @WithDefault("false")
    boolean reset();
  }

  /**
   * Root under which the host's {@code /proc}, {@code /sys} and {@code /} are read; {@code /host}
   * in a container.
   */
  @WithDefault("/")
  Path hostRoot();

  /** nvidia-smi binary for GPU metrics; absent binary or GPU = no GPU series. */
  @WithDefault("nvidia-smi")
  String nvidiaSmi();

  /**
   * Base URL of the tracking server that receives container logs ({@code http://observer:5000});
   * the agent POSTs batches to {@code <logs-url>/api/2.0/homelab/logs}. Absent or empty = no log
   * shipping.
   */
  Optional<String> logsUrl();

  /** Bearer token sent with every log batch (an ingest token of the tracking server). */
  Optional<String> logsToken();

  /**
   * Log shipping details, under {@code homelab.agent.logs.*} (see docs/agent.md "Log shipping").
   */
  Logs logs();

  /** How container logs are followed, batched, buffered and sent. */
  interface Logs {
    /**
     * {@code all}: every running container except those labelled {@code homelab.logs=false}; {@code
     * opt-in}: only containers labelled {@code homelab.logs=true}.
     */
    @WithDefault("all")
    String mode();

    /** A batch is sent when it holds this many lines... */
    @WithDefault("1000")
    int batchSize();

    /** ...or about this many bytes of JSON... */
    @WithDefault("1M")
    MemorySize batchBytes();

    /** ...or when its first line is this old. */
    @WithDefault("2s")
    Duration flushInterval();

    /**
     * Disk space for batches not yet accepted (server down); past it the oldest batch is dropped
     * and counted in {@code homelab_agent_logs_dropped_total{reason="buffer_full"}}.
     */
    @WithDefault("256M")
    MemorySize bufferMaxBytes();

    /** Time-out of one POST (connect and answer). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Longest pause between retries; pauses double from 1 s up to it while sending fails. */
    @WithDefault("60s")
    Duration maxBackoff();

    /** The {@code host} of every entry; the machine's host name when absent. */
    Optional<String> host();
  }

  /** Metrics collectors served on 9100 (see docs/metrics.md). */
  Collectors collectors();

  /**
   * node_exporter's {@code --no-collector.*} and per-collector flags, under {@code
   * homelab.agent.collectors.*}.
   */
  interface Collectors {
    /**
     * Collectors switched off by name ({@code cpu}, {@code meminfo}, {@code filesystem}, ...,
     * {@code container}, {@code gpu}); every collector is on by default. Unknown names stop the
     * start.
     */
    Optional<List<String>> disabled();

    /**
     * {@code --collector.filesystem.mount-points-exclude}; node_exporter's upstream default when
     * absent.
     */
    Optional<String> mountPointsExclude();

    /** {@code --collector.filesystem.fs-types-exclude}; node_exporter's default when absent. */
    Optional<String> fsTypesExclude();

    /** {@code --collector.diskstats.device-exclude}; node_exporter's default when absent. */
    Optional<String> diskstatsDeviceExclude();

    /** {@code --collector.netdev.device-exclude}; none excluded when absent. */
    Optional<String> netdevDeviceExclude();

    /** How long one Docker listing or one nvidia-smi call may take before its collector fails. */
    @WithDefault("5s")
    Duration timeout();
  }
}
