package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.tsdb.MetricsStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * {@link MetricsQuery} over the controller's store: the bean alerts, the summary and the API use.
 */
@ApplicationScoped
public class StoreQuery implements MetricsQuery {

  private final PromqlEngine engine;

  public StoreQuery(MetricsStore store) {
    this.engine = new PromqlEngine((m, minT, maxT) -> store.engine().select(m, minT, maxT));
  }

  @Override
  public List<Sample> instant(String promql, Instant at) {
    return engine.instant(promql, at);
  }

  public PromqlEngine engine() {
    return engine;
  }
}
