package io.homelab.observer.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings under {@code homelab.controller.*} (environment: {@code HOMELAB_CONTROLLER_*}); see
 * SPEC.md "Configuration".
 */
@ConfigMapping(prefix = "homelab.controller")
public interface ControllerConfig {

  /**
   * State directory (database, key pair, first password); {@code ./data/controller} from a
   * checkout, {@code /data} in images.
   */
  @WithDefault("./data/controller")
  Path dataDir();

  /**
   * Password of the first {@code admin} account, used only when no user exists yet; absent =
   * generated and printed once.
   */
  Optional<String> adminPassword();

  /** Accounts, tokens and login throttling. */
  Auth auth();

  /** How the controller talks to agents. */
  Agents agents();

  /** How often every target is scraped into the metrics store. */
  @WithDefault("15s")
  Duration scrapeInterval();

  /** Scrape targets and time-outs. */
  Scrape scrape();

  /** How long the metrics store keeps samples. */
  Retention retention();

  /** The metrics store's files and memory. */
  Tsdb tsdb();

  /** Scrape targets and time-outs. */
  interface Scrape {
    /** Per-target time-out; a slower target is marked down for that scrape. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Port of an agent's metrics on its environment's host ({@code http://<host>:<port>/metrics});
     * an environment's {@code metricsUrl} overrides it.
     */
    @WithDefault("9100")
    int agentPort();

    /** Extra targets, comma-separated metrics URLs (job {@code static}). */
    Optional<java.util.List<String>> targets();
  }

  /** How long the metrics store keeps samples. */
  interface Retention {
    /** Raw samples are kept this long, then rolled up. */
    @WithDefault("15d")
    Duration raw();

    /** Step of the min/max/avg roll-ups. */
    @WithDefault("5m")
    Duration rollupResolution();

    /** Roll-ups are kept this long. */
    @WithDefault("365d")
    Duration rollup();
  }

  /** The metrics store's files and memory. */
  interface Tsdb {
    /** The in-memory head is written to a block file when it spans this long. */
    @WithDefault("2h")
    Duration blockDuration();

    /** Memory budget of the head's chunks; the head is cut early when it is reached. */
    @WithDefault("134217728")
    long headMaxBytes();

    /** The WAL is forced to disk this often (what a power cut may lose; kill -9 loses nothing). */
    @WithDefault("10s")
    Duration flushInterval();
  }

  // --- issue 13 part 2: monitors, alerts, notifiers, remote write ---

  /** Service monitors ({@code /api/monitors}). */
  Monitors monitors();

  /** Alert rules, their evaluation and history. */
  Alerts alerts();

  /** Delivery of alert notifications. */
  Notify notifications();

  /** Optional forwarding of every stored sample to a remote-write receiver. */
  RemoteWrite remoteWrite();

  /** Service monitors. */
  interface Monitors {
    /** Threads running checks; a check holds one until its own time-out. */
    @WithDefault("4")
    int parallelism();

    /** Shortest interval a monitor may ask for. */
    @WithDefault("5s")
    Duration minInterval();
  }

  /** Alert rules, their evaluation and history. */
  interface Alerts {
    /** How often every rule is evaluated. */
    @WithDefault("15s")
    Duration evaluationInterval();

    /** How often {@code <data-dir>/alerts.yml} is checked for changes. */
    @WithDefault("10s")
    Duration reloadInterval();

    /**
     * Whether the built-in rules (host down, disk, memory, containers, GPU, temperature, monitors)
     * apply.
     */
    @WithDefault("true")
    boolean builtinRules();

    /** How long alert history entries are kept. */
    @WithDefault("30d")
    Duration historyRetention();
  }

  /** Delivery of alert notifications. */
  interface Notify {
    /** Attempts per notification and notifier before it is given up (and logged). */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the first retry; doubled for each further one. */
    @WithDefault("2s")
    Duration initialBackoff();

    /** Longest wait between two retries. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** HTTP and SMTP time-out of one delivery attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** Re-send a still-firing alert after this long. */
    @WithDefault("4h")
    Duration repeatInterval();
  }

  /** Optional forwarding of every stored sample to a remote-write receiver. */
  interface RemoteWrite {
    /** Receiver, e.g. {@code http://prometheus:9090/api/v1/write}; absent = remote write off. */
    Optional<java.net.URI> url();

    /** Bearer token sent to the receiver; never logged. */
    Optional<String> bearerToken();

    /** Basic-auth user (with {@link #password()}). */
    Optional<String> username();

    /** Basic-auth password; never logged. */
    Optional<String> password();

    /** Samples per request. */
    @WithDefault("2000")
    int batchSize();

    /** Longest time a sample waits in memory before its batch is written to the queue. */
    @WithDefault("5s")
    Duration flushInterval();

    /**
     * Bound of the on-disk queue in {@code <data-dir>/remote-write}; the oldest batches are dropped
     * beyond it.
     */
    @WithDefault("256M")
    io.quarkus.runtime.configuration.MemorySize maxQueueSize();

    /** Time-out of one request. */
    @WithDefault("30s")
    Duration timeout();

    /** Longest wait between two retries of a failing receiver. */
    @WithDefault("1m")
    Duration maxBackoff();
  }

  /** Accounts, tokens and login throttling. */
  interface Auth {
    /** Lifetime of a bearer token from {@code POST /api/auth/login}. */
    @WithDefault("12h")
    Duration sessionTtl();

    /**
     * Longest lifetime an API token may ask for; {@code POST /api/tokens} without expiry gets this.
     */
    @WithDefault("8760h")
    Duration apiTokenMaxTtl();

    /**
     * Failed logins for one username within {@link #loginWindow()} before further attempts are
     * refused (429).
     */
    @WithDefault("5")
    int maxFailuresPerUser();

    /**
     * Failed logins from one client address within {@link #loginWindow()} before further attempts
     * are refused.
     */
    @WithDefault("20")
    int maxFailuresPerAddress();

    /** Sliding window for the login failure counters. */
    @WithDefault("15m")
    Duration loginWindow();
  }

  /** How the controller talks to agents. */
  interface Agents {
    /**
     * Per-agent answer time-out: an agent slower than this becomes an error entry, never a stalled
     * answer.
     */
    @WithDefault("5s")
    Duration timeout();

    /**
     * Deadline of one container action, inspect, stats or log read on one agent. Longer than {@link
     * #timeout()}: a stop waits up to Docker's 10 s grace period before the kill.
     */
    @WithDefault("60s")
    Duration actionTimeout();

    /** Deadline of an image pull, a deploy (which may pull) and a prune. */
    @WithDefault("10m")
    Duration pullTimeout();

    /** TCP connect time-out towards an agent. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How often every environment's status (up/down/unpaired, Docker version, counts) is refreshed.
     */
    @WithDefault("30s")
    Duration statusInterval();

    /** Threads for parallel agent calls; one slow agent holds one thread until its time-out. */
    @WithDefault("32")
    int parallelism();

    /**
     * Log follows, pulls, deploys and prunes running at once for all users together; one more is
     * refused with 429 rather than queued, so they never take every thread.
     */
    @WithDefault("64")
    int maxLongCalls();

    /** As {@link #maxLongCalls()} for one user (or one API token's user). */
    @WithDefault("8")
    int maxLongCallsPerUser();
  }
}
