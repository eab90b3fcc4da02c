package io.homelab.observer.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Settings under {@code homelab.tracking.*} (environment: {@code HOMELAB_TRACKING_*}); see SPEC.md "Configuration". */
@ConfigMapping(prefix = "homelab.tracking")
public interface TrackingConfig {

  /** State directory; {@code ./data/tracking} from a checkout, {@code /data} in images. */
  @WithDefault("./data/tracking")
  Path dataDir();
}
