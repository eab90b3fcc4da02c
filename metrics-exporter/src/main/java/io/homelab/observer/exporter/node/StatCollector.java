package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel counters and boot time from {@code /proc/stat}, as node_exporter's stat collector.
 *
 * <pre>
 * # HELP node_boot_time_seconds Node boot time, in unixtime.
 * # TYPE node_boot_time_seconds gauge
 * node_boot_time_seconds 1.79560718e+09
 * </pre>
 */
public final class StatCollector implements Collector {

  static final String INTR = "node_intr_total";
  static final String CTXT = "node_context_switches_total";
  static final String FORKS = "node_forks_total";
  static final String BOOT_TIME = "node_boot_time_seconds";
  static final String PROCS_RUNNING = "node_procs_running";
  static final String PROCS_BLOCKED = "node_procs_blocked";

  private final HostPaths paths;

  public StatCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "stat";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("stat")));
  }

  static List<MetricFamily> parse(String stat) {
    List<MetricFamily> out = new ArrayList<>();
    for (String line : stat.split("\n")) {
      String[] f = ProcText.fields(line);
      if (f.length < 2) {
        continue;
      }
      double v = Double.parseDouble(f[1]);
      switch (f[0]) {
        case "intr" ->
            out.add(
                MetricFamily.single(
                    INTR, "Total number of interrupts serviced.", MetricType.COUNTER, v));
        case "ctxt" ->
            out.add(
                MetricFamily.single(
                    CTXT, "Total number of context switches.", MetricType.COUNTER, v));
        case "processes" ->
            out.add(MetricFamily.single(FORKS, "Total number of forks.", MetricType.COUNTER, v));
        case "btime" ->
            out.add(
                MetricFamily.single(
                    BOOT_TIME, "Node boot time, in unixtime.", MetricType.GAUGE, v));
        case "procs_running" ->
            out.add(
                MetricFamily.single(
                    PROCS_RUNNING, "Number of processes in runnable state.", MetricType.GAUGE, v));
        case "procs_blocked" ->
            out.add(
                MetricFamily.single(
                    PROCS_BLOCKED,
                    "Number of processes blocked waiting for I/O to complete.",
                    MetricType.GAUGE,
                    v));
        default -> {}
      }
    }
    return out;
  }
}
