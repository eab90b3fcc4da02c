package io.homelab.observer.tracking.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings under {@code homelab.tracking.*} (environment: {@code HOMELAB_TRACKING_*}); see SPEC.md "Configuration". */
@ConfigMapping(prefix = "homelab.tracking")
public interface TrackingConfig {

  /** State directory; {@code ./data/tracking} from a checkout, {@code /data} in images. */
  @WithDefault("./data/tracking")
  Path dataDir();

  /**
   * JDBC URL of the tracking store: absent = {@code jdbc:sqlite:<data-dir>/mlflow.db}; a {@code
   * jdbc:postgresql://...} URL selects PostgreSQL. A runtime setting, so both drivers are packaged.
   */
  Optional<String> databaseUrl();

  /** Database user (PostgreSQL); may also be given inside the URL. */
  Optional<String> databaseUser();

  /** Database password (PostgreSQL); never logged. */
  Optional<String> databasePassword();

  /** Connections kept open for PostgreSQL (SQLite uses one writer plus this many readers). */
  @WithDefault("8")
  int databasePoolSize();

  /** Artifact directory behind the {@code mlflow-artifacts} proxy; absent = {@code <data-dir>/artifacts}. */
  Optional<Path> artifactRoot();
}
