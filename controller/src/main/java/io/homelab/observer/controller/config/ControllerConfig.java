package io.homelab.observer.controller.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Settings under {@code homelab.controller.*} (environment: {@code HOMELAB_CONTROLLER_*}); see SPEC.md "Configuration". */
@ConfigMapping(prefix = "homelab.controller")
public interface ControllerConfig {

  /** State directory; {@code ./data/controller} from a checkout, {@code /data} in images. */
  @WithDefault("./data/controller")
  Path dataDir();
}
