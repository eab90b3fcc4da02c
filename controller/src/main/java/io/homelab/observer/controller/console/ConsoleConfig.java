package io.homelab.observer.controller.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code homelab.controller.console.*}: limits of the container console. */
@ConfigMapping(prefix = "homelab.controller.console")
public interface ConsoleConfig {

  /** A console with no input and no output for this long is closed. */
  @WithDefault("15m")
  Duration idleTimeout();

  /** Consoles open at once across all users; further ones are refused until one closes. */
  @WithDefault("20")
  int maxSessions();
}
