package io.homelab.observer.tracking.logs.mlflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code homelab.tracking.logs.mlflow-view.*}: the MLflow view of the central logs. */
@ConfigMapping(prefix = "homelab.tracking.logs.mlflow-view")
public interface LogRunsConfig {

  /** Whether ingested lines are also counted into MLflow experiments and runs. */
  @WithDefault("true")
  boolean enabled();

  /** How often finished minutes are written as run metrics. */
  @WithDefault("30s")
  Duration flushInterval();
}
