package io.homelab.observer.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * Settings under {@code homelab.dashboard.*} (environment: {@code HOMELAB_DASHBOARD_*}); see
 * SPEC.md "Configuration".
 */
@ConfigMapping(prefix = "homelab.dashboard")
public interface DashboardConfig {

  /** State directory; {@code ./data/dashboard} from a checkout, {@code /data} in images. */
  @WithDefault("./data/dashboard")
  Path dataDir();
}
