package io.homelab.observer.controller.metrics;

import java.time.Instant;
import java.util.List;

/**
 * PromQL over the controller's store, for code inside the controller (alert rules, the summary, the
 * dashboard API).
 */
public interface MetricsQuery {

  /**
   * Evaluates {@code promql} as an instant query at {@code at}. A vector result comes back as one
   * sample per series, a scalar as one sample with empty labels; every sample carries {@code at} as
   * its time.
   *
   * @throws QueryException when the expression does not parse or cannot be evaluated (Prometheus's
   *     error text)
   */
  List<Sample> instant(String promql, Instant at);
}
