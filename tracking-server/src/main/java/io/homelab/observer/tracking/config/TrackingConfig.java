package io.homelab.observer.tracking.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Settings under {@code homelab.tracking.*} (environment: {@code HOMELAB_TRACKING_*}); see SPEC.md
 * "Configuration".
 */
@ConfigMapping(prefix = "homelab.tracking")
public interface TrackingConfig {

  /** State directory; {@code ./data/tracking} from a checkout, {@code /data} in images. */
  @WithDefault("./data/tracking")
  Path dataDir();

  /** HTTP Basic auth compatible with {@code mlflow server --app-name basic-auth}. */
  Auth auth();

  /** Settings under {@code homelab.tracking.auth.*}. */
  interface Auth {

    /** Basic auth on every route but {@code /health}; {@code false} only for a trusted LAN. */
    @WithDefault("true")
    boolean enabled();

    /** First admin, created when the user table is empty. */
    @WithDefault("admin")
    String adminUsername();

    /**
     * First admin's password; absent = generated, printed once and written to {@code
     * <data-dir>/initial-admin-password} (mode 0600). There is no built-in default.
     */
    Optional<String> adminPassword();

    /**
     * Permission of a user on an experiment or registered model without an explicit grant (MLflow's
     * default_permission).
     */
    @WithDefault("READ")
    String defaultPermission();

    /**
     * Failed logins allowed per client address and user name within {@link #failedLoginWindow()}.
     */
    @WithDefault("10")
    int maxFailedLogins();

    /** Failed logins allowed per client address, whatever the user name (password spraying). */
    @WithDefault("50")
    int maxFailedLoginsPerAddress();

    /** Window over which failed logins are counted; a blocked client waits until it passes. */
    @WithDefault("5m")
    Duration failedLoginWindow();

    /**
     * How long a verified user name + password pair is remembered (keyed by an HMAC, never the
     * password), so the slow password hash runs once per client and period, not once per request.
     */
    @WithDefault("5m")
    Duration credentialCacheTtl();

    /** PBKDF2-HMAC-SHA256 iterations for new password hashes (OWASP 2023: 600,000). */
    @WithDefault("600000")
    int passwordHashIterations();
  }

  /**
   * JDBC URL of the tracking store: absent = {@code jdbc:sqlite:<data-dir>/mlflow.db}; a {@code
   * jdbc:postgresql://...} URL selects PostgreSQL. A runtime setting, so both drivers are packaged.
   */
  Optional<String> databaseUrl();

  /** Database user (PostgreSQL); may also be given inside the URL. */
  Optional<String> databaseUser();

  /** Database password (PostgreSQL); never logged. */
  Optional<String> databasePassword();

  /**
   * SQLite {@code synchronous} mode of the WAL store: {@code NORMAL} (default) syncs the WAL only
   * at checkpoints, so a power cut or OS crash may lose the last acknowledged writes (never
   * corrupts, and a crash of the server process alone loses nothing); {@code FULL} syncs every
   * commit (one fsync per group of requests), so nothing acknowledged is lost, at some cost in
   * throughput.
   */
  @WithDefault("NORMAL")
  String sqliteSynchronous();

  /** Connections kept open for PostgreSQL (SQLite uses one writer plus this many readers). */
  @WithDefault("8")
  int databasePoolSize();

  /**
   * Artifact directory behind the {@code mlflow-artifacts} proxy; absent = {@code
   * <data-dir>/artifacts}.
   */
  Optional<Path> artifactRoot();

  /**
   * The static build of MLflow's web UI (an installed mlflow package's {@code
   * mlflow/server/js/build} folder), served at {@code /} as MLflow's server does; absent = no UI.
   */
  Optional<Path> uiDir();

  /** MLflow's {@code /graphql} (docs/tracking.md). */
  Graphql graphql();

  /** Settings under {@code homelab.tracking.graphql.*}: MLflow's per-query limits. */
  interface Graphql {

    /** Root fields one query may select (MLflow's MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS). */
    @WithDefault("10")
    int maxRootFields();

    /** Aliases on one level of a query (MLflow's MLFLOW_SERVER_GRAPHQL_MAX_ALIASES). */
    @WithDefault("10")
    int maxAliases();
  }

  /** Central logs (docs/logs.md). */
  Logs logs();

  /** Settings under {@code homelab.tracking.logs.*}. */
  interface Logs {

    /** How long log entries are kept, unless their service has its own retention. */
    @WithDefault("30d")
    Duration retention();

    /**
     * Retention per service, e.g. {@code homelab.tracking.logs.service-retention.nginx=7d}; a
     * service not named here keeps {@link #retention()}.
     */
    Map<String, Duration> serviceRetention();

    /**
     * Cap on the stored log text (messages plus a fixed overhead per entry); the oldest entries go
     * first when it is exceeded.
     */
    @WithDefault("10G")
    MemorySize maxSize();

    /** How often retention and the size cap are applied. */
    @WithDefault("5m")
    Duration retentionInterval();

    /** Syslog listener port, UDP and TCP (RFC 3164 and RFC 5424); absent = no listener. */
    OptionalInt syslogPort();

    /** Address the syslog listener binds. */
    @WithDefault("0.0.0.0")
    String syslogHost();
  }
}
