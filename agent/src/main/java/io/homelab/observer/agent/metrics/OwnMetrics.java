package io.homelab.observer.agent.metrics;

import io.homelab.observer.exporter.model.MetricFamily;
import java.util.List;

/**
 * A feature's own metrics, served on {@code /q/metrics} (9100) next to the JVM and HTTP ones, so
 * features add series without the metrics package knowing them.
 */
public interface OwnMetrics {

  /** The current values; never throws. */
  List<MetricFamily> collect();
}
