package io.homelab.observer.controller.config;

import io.homelab.observer.common.runtime.ServiceStartup;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Prepares the data directory and the database schema, failing start-up with one clear line when
 * either is unusable.
 *
 * <p>The migration runs here rather than with {@code quarkus.flyway.migrate-at-start} because
 * SQLite needs the directory to exist first. Beans that need the schema inject this class (a
 * {@code @Singleton} is built on injection, so it runs first).
 */
@Startup(10)
@Singleton
public class StartupChecks extends ServiceStartup {

  public StartupChecks(ControllerConfig config, Flyway flyway) {
    super(config.dataDir(), "homelab.controller.data-dir");
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      throw new ConfigurationException(
          "database in " + dataDir() + " cannot be migrated: " + e.getMessage());
    }
    checkProxyTrust(ConfigProvider.getConfig());
  }

  /**
   * Forwarded client addresses without a list of trusted proxies would let any client name its own
   * address (Quarkus then trusts every peer), and with it dodge or aim the login limits: refused.
   */
  static void checkProxyTrust(Config config) {
    boolean forwarding =
        config
            .getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
            .orElse(false);
    boolean trusted =
        config
            .getOptionalValue("quarkus.http.proxy.trusted-proxies", String.class)
            .filter(v -> !v.isBlank())
            .isPresent();
    if (forwarding && !trusted) {
      throw new ConfigurationException(
          "quarkus.http.proxy.proxy-address-forwarding is on but"
              + " quarkus.http.proxy.trusted-proxies is empty: every client could name its own"
              + " address; set it to the reverse proxy's address or CIDR (HOMELAB_TRUSTED_PROXIES)");
    }
  }
}
