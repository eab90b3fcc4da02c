package io.homelab.observer.agent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Settings under {@code homelab.agent.*} (environment: {@code HOMELAB_AGENT_*}); see SPEC.md "Configuration". */
@ConfigMapping(prefix = "homelab.agent")
public interface AgentConfig {

  /** State directory; {@code ./data/agent} from a checkout, {@code /data} in images. */
  @WithDefault("./data/agent")
  Path dataDir();
}
