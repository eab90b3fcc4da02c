package io.homelab.observer.controller.metrics.promql;

import io.homelab.observer.controller.metrics.tsdb.LabelMatcher;
import io.homelab.observer.controller.metrics.tsdb.SeriesSamples;
import java.util.List;

/** Where the evaluator reads samples from (the store, or a fixed data set in tests). */
public interface Storage {

  List<SeriesSamples> select(List<LabelMatcher> matchers, long minT, long maxT);
}
