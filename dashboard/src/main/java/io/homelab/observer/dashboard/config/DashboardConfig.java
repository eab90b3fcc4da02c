package io.homelab.observer.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings under {@code homelab.dashboard.*} (environment: {@code HOMELAB_DASHBOARD_*}); see
 * SPEC.md "Configuration" and docs/dashboard.md.
 */
@ConfigMapping(prefix = "homelab.dashboard")
public interface DashboardConfig {

  /** State directory; {@code ./data/dashboard} from a checkout, {@code /data} in images. */
  @WithDefault("./data/dashboard")
  Path dataDir();

  /** Path of {@code dashboard.yml}; absent = {@code <data-dir>/dashboard.yml}. */
  Optional<Path> config();

  /** The controller's base URL (accounts, environments, containers, metrics, alerts). */
  @WithDefault("http://localhost:9000")
  URI controllerUrl();

  /** The tracking server's base URL (experiments, runs, models, logs). */
  @WithDefault("http://localhost:5000")
  URI trackingUrl();

  /** The dashboard's own account on the tracking server (HTTP Basic); absent = anonymous. */
  Optional<String> trackingUsername();

  /** Password of {@link #trackingUsername()}; never rendered or logged. */
  Optional<String> trackingPassword();

  /**
   * Deadline of one call to the controller or tracking server; a slower upstream becomes an inline
   * error in the widget that needed it, never a stalled page.
   */
  @WithDefault("5s")
  Duration upstreamTimeout();

  /**
   * Deadline of a state-changing call (stop, restart, deploy, ...): a container stop alone may take
   * Docker's 10 s grace period, and the controller allows its agents 60 s.
   */
  @WithDefault("70s")
  Duration actionTimeout();

  /** Idle time after which a signed-in session ends (it never outlives the controller token). */
  @WithDefault("12h")
  Duration sessionIdleTimeout();

  /**
   * Send the session cookie with {@code Secure} even without TLS seen at the dashboard (it is
   * always set when the request came over HTTPS or with {@code X-Forwarded-Proto: https}).
   */
  @WithDefault("false")
  boolean secureCookie();
}
