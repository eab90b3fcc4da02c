package io.homelab.observer.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.metrics.promql.PromqlEngine;
import io.homelab.observer.controller.metrics.promql.Value;
import io.homelab.observer.controller.metrics.tsdb.StaleMarker;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A range query slides each series' window from step to step over one read of the samples; an
 * instant query searches afresh. Both must give the same answer, to the bit, at every step: over
 * data in blocks and in the head, with jitter, gaps, counter resets, NaNs and staleness markers,
 * for every range function, offsets, subqueries (whose inner steps move backwards) and steps
 * shorter and longer than the sample interval.
 */
class RangeQueryConsistencyTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long END = T0 + 4 * 3_600_000L;

  @TempDir static Path dir;

  private static PromqlEngine promql;

  @BeforeAll
  static void fill() {
    AtomicLong now = new AtomicLong(T0);
    TsdbEngine store = new TsdbEngine(TsdbEngineTest.settings(dir, Duration.ofHours(1)), now::get);
    Random r = new Random(11);
    double[] values = new double[12];
    for (long t = T0; t <= END; t += 15_000) {
      List<Sample> batch = new ArrayList<>();
      for (int k = 0; k < values.length; k++) {
        if (r.nextInt(100) == 0) {
          continue; // a missed scrape
        }
        boolean counter = k % 2 == 0;
        if (counter) {
          values[k] = r.nextInt(400) == 0 ? r.nextDouble() : values[k] + r.nextDouble() * 20;
        } else {
          values[k] = r.nextInt(60) == 0 ? Double.NaN : r.nextGaussian() * 50;
        }
        double v = r.nextInt(120) == 0 ? StaleMarker.VALUE : values[k];
        boolean gap = k == 3 && t > T0 + 3_600_000L && t < T0 + 4_200_000L;
        if (!gap) {
          TreeMap<String, String> l = new TreeMap<>();
          l.put("__name__", counter ? "c_total" : "g");
          l.put("instance", "h" + (k % 3));
          l.put("k", Integer.toString(k));
          batch.add(new Sample(l, t + r.nextInt(30), v));
        }
      }
      now.set(t);
      store.append(batch);
    }
    promql = new PromqlEngine((m, a, b) -> store.select(m, a, b));
  }

  @Test
  void everyStepOfARangeQueryIsTheInstantQueryAtThatTime() {
    List<String> queries = new ArrayList<>();
    for (String f :
        List.of(
            "rate",
            "increase",
            "delta",
            "irate",
            "idelta",
            "deriv",
            "changes",
            "resets",
            "avg_over_time",
            "sum_over_time",
            "min_over_time",
            "max_over_time",
            "count_over_time",
            "last_over_time",
            "present_over_time",
            "stddev_over_time",
            "stdvar_over_time")) {
      queries.add(f + "(c_total[5m])");
      queries.add(f + "(g[45s] offset 2m)");
    }
    queries.addAll(
        List.of(
            "quantile_over_time(0.75, g[10m])",
            "predict_linear(c_total[10m], 3600)",
            "absent_over_time(g{k=\"3\"}[1m])",
            "sum by (instance) (rate(c_total[2m]))",
            "rate(c_total[5m]) / on(instance, k) group_left c_total",
            "max_over_time(rate(c_total[1m])[10m:30s])",
            "g",
            "c_total offset 10m",
            "timestamp(g)"));
    for (long[] w :
        new long[][] {
          {T0, END, 60_000},
          {END - 3_000_000 + 1_234, END + 600_000, 7_000},
          {T0 + 90_000, END, 3_600_000}
        }) {
      for (String q : queries) {
        Value.Matrix range = promql.range(q, w[0], w[1], w[2]);
        Map<String, Map<Long, Long>> got = new TreeMap<>();
        for (Value.Series s : range.series()) {
          Map<Long, Long> points = new TreeMap<>();
          for (int i = 0; i < s.times().length; i++) {
            points.put(s.times()[i], Double.doubleToRawLongBits(s.values()[i]));
          }
          got.put(s.labels().toString(), points);
        }
        Map<String, Map<Long, Long>> want = new TreeMap<>();
        for (long t = w[0]; t <= w[1]; t += w[2]) {
          Value v = promql.instantValue(q, t);
          for (Value.Point p : ((Value.Vector) v).points()) {
            want.computeIfAbsent(p.labels().toString(), x -> new TreeMap<>())
                .put(t, Double.doubleToRawLongBits(p.value()));
          }
        }
        assertThat(got).as("%s from %d step %d", q, w[0], w[2]).isEqualTo(want);
        assertThat(want).as("%s answers something", q).isNotEmpty();
      }
    }
  }
}
