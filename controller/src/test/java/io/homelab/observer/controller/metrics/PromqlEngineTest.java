package io.homelab.observer.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.homelab.observer.controller.metrics.promql.PromqlEngine;
import io.homelab.observer.controller.metrics.promql.Value;
import io.homelab.observer.controller.metrics.tsdb.TsdbEngine;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PromQL over a store filled with known series; expected values worked out by hand from
 * Prometheus's documented semantics (extrapolated rate, matching, grouping).
 */
class PromqlEngineTest {

  private static final long T0 = 1_700_000_000_000L;
  private static PromqlEngine promql;

  @BeforeAll
  static void fill() throws Exception {
    AtomicLong now = new AtomicLong(T0);
    TsdbEngine store =
        new TsdbEngine(
            TsdbEngineTest.settings(
                Files.createTempDirectory("promql"), java.time.Duration.ofHours(2)),
            now::get);
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      long t = T0 + i * 15_000L;
      for (String cpu : List.of("0", "1")) {
        batch.add(
            s(
                t,
                i * 15.0 * (cpu.equals("0") ? 1 : 2),
                "node_cpu_seconds_total",
                "cpu",
                cpu,
                "mode",
                "idle",
                "instance",
                "h1"));
        batch.add(
            s(t, i * 1.0, "node_cpu_seconds_total", "cpu", cpu, "mode", "user", "instance", "h1"));
      }
      batch.add(s(t, 4e9, "node_memory_MemTotal_bytes", "instance", "h1"));
      batch.add(s(t, 1e9, "node_memory_MemAvailable_bytes", "instance", "h1"));
      batch.add(
          s(t, 50, "node_hwmon_temp_celsius", "chip", "c0", "sensor", "temp1", "instance", "h1"));
      batch.add(
          s(
              t,
              1,
              "node_hwmon_chip_names",
              "chip",
              "c0",
              "chip_name",
              "coretemp",
              "instance",
              "h1"));
      for (String[] b :
          new String[][] {{"0.1", "10"}, {"0.5", "60"}, {"1", "90"}, {"+Inf", "100"}}) {
        batch.add(s(t, Double.parseDouble(b[1]), "req_bucket", "le", b[0], "instance", "h1"));
      }
    }
    store.append(batch);
    promql = new PromqlEngine((m, a, b) -> store.select(m, a, b));
  }

  private static Sample s(long t, double v, String name, String... kv) {
    TreeMap<String, String> l = new TreeMap<>();
    l.put("__name__", name);
    for (int k = 0; k < kv.length; k += 2) {
      l.put(kv[k], kv[k + 1]);
    }
    return new Sample(l, t, v);
  }

  private static final Instant AT = Instant.ofEpochMilli(T0 + 600_000);

  private static Map<String, Double> q(String expr) {
    return promql.instant(expr, AT).stream()
        .collect(Collectors.toMap(x -> x.labels().toString(), Sample::value));
  }

  @Test
  void rateExtrapolatesLikePrometheus() {
    // Samples every 15 s cover the whole 5m window: rate = slope exactly.
    Map<String, Double> r = q("rate(node_cpu_seconds_total{mode=\"idle\"}[5m])");
    assertThat(r)
        .containsEntry("{cpu=0, instance=h1, mode=idle}", 1.0)
        .containsEntry("{cpu=1, instance=h1, mode=idle}", 2.0);
    assertThat(
            q("increase(node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}[1m])")
                .values()
                .iterator()
                .next())
        .isCloseTo(4.0, within(1e-9));
    assertThat(q("irate(node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}[1m])").values())
        .containsExactly(2.0);
    assertThat(
            q("deriv(node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}[2m])")
                .values()
                .iterator()
                .next())
        .isCloseTo(2.0, within(1e-9));
  }

  @Test
  void the1860GaugesEvaluate() {
    assertThat(q("100 * (1 - avg(rate(node_cpu_seconds_total{mode=\"idle\"}[5m])))").values())
        .containsExactly(-50.0);
    assertThat(q("count(count(node_cpu_seconds_total) by (cpu))").values()).containsExactly(2.0);
    assertThat(
            q("clamp_min((1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100, 0)")
                .values())
        .containsExactly(75.0);
    assertThat(
            q("scalar(node_memory_MemTotal_bytes) / count(count(node_cpu_seconds_total) by (cpu))")
                .values())
        .containsExactly(2e9);
    Map<String, Double> temp =
        q("node_hwmon_temp_celsius * on(chip) group_left(chip_name) node_hwmon_chip_names");
    assertThat(temp).containsOnlyKeys("{chip=c0, chip_name=coretemp, instance=h1, sensor=temp1}");
    assertThat(q("(node_memory_MemTotal_bytes > bool 0)").values()).containsExactly(1.0);
    assertThat(q("node_memory_MemTotal_bytes > 5e9")).isEmpty();
  }

  @Test
  void aggregationsFunctionsAndSetOperators() {
    assertThat(q("sum by (mode) (node_cpu_seconds_total)"))
        .containsEntry("{mode=idle}", 40 * 15.0 * 3)
        .containsEntry("{mode=user}", 80.0);
    assertThat(q("topk(1, node_cpu_seconds_total)"))
        .containsOnlyKeys("{__name__=node_cpu_seconds_total, cpu=1, instance=h1, mode=idle}");
    assertThat(q("count without (cpu) (node_cpu_seconds_total)"))
        .containsEntry("{instance=h1, mode=idle}", 2.0);
    assertThat(q("histogram_quantile(0.5, req_bucket)").values())
        .containsExactly(0.1 + 0.4 * (40.0 / 50));
    assertThat(q("label_replace(node_hwmon_chip_names, \"x\", \"$1-y\", \"chip\", \"c(.*)\")"))
        .containsOnlyKeys(
            "{__name__=node_hwmon_chip_names, chip=c0, chip_name=coretemp, instance=h1, x=0-y}");
    assertThat(
            q(
                "node_cpu_seconds_total{cpu=\"0\"} and on(mode) node_cpu_seconds_total{mode=\"user\",cpu=\"1\"}"))
        .hasSize(1);
    assertThat(q("max_over_time(node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}[1m])").values())
        .containsExactly(40.0);
    assertThat(
            q("quantile_over_time(0.5, node_cpu_seconds_total{cpu=\"0\",mode=\"user\"}[1m])")
                .values())
        .containsExactly(38.0);
    assertThat(
            q("max_over_time(rate(node_cpu_seconds_total{cpu=\"1\",mode=\"idle\"}[1m])[5m:1m])")
                .values())
        .containsExactly(2.0);
    assertThat(q("node_memory_MemTotal_bytes offset 10m")).hasSize(1);
    assertThat(q("node_memory_MemTotal_bytes offset 11m")).isEmpty();
    assertThat(q("time()").values()).containsExactly(AT.toEpochMilli() / 1000.0);
    assertThat(q("2 ^ 3 ^ 2").values()).containsExactly(512.0);
    assertThat(q("-2 ^ 2").values()).containsExactly(-4.0);
  }

  @Test
  void rangeQueryStepsAndStaleness() {
    Value.Matrix m = promql.range("node_memory_MemTotal_bytes", T0, T0 + 900_000, 60_000);
    // Data ends at T0+600s; the 5-minute look-back keeps it until T0+900s.
    assertThat(m.series()).hasSize(1);
    assertThat(m.series().get(0).times()).hasSize(16);
  }

  @Test
  void badQueriesAreBadData() {
    for (String bad :
        List.of(
            "sum(",
            "rate(x)",
            "x[5m] + 1",
            "1 > 2",
            "foo{a=~\"(\"}",
            "nosuchfn(x)",
            "{}",
            "x[5m:1m",
            "")) {
      assertThatThrownBy(() -> promql.instant(bad, AT))
          .as(bad)
          .isInstanceOfSatisfying(
              QueryException.class, e -> assertThat(e.errorType()).isEqualTo("bad_data"));
    }
  }
}
