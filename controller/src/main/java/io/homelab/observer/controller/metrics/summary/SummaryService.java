package io.homelab.observer.controller.metrics.summary;

import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.homelab.observer.controller.environment.HostUsage;
import io.homelab.observer.controller.metrics.MetricsQuery;
import io.homelab.observer.controller.metrics.Sample;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summary figures, each one PromQL query over all environments at once (grouped by the {@code
 * environment} label the scraper sets), with the semantics of dashboard 1860's gauges: CPU busy
 * from the idle rate, RAM used from MemAvailable, root file system from avail/size.
 */
@ApplicationScoped
public class SummaryService implements HostUsage {

  static final String CPU =
      "100 * (1 - avg by (environment) (rate(node_cpu_seconds_total{job=\"node\",mode=\"idle\"}[1m])))";
  static final String MEMORY =
      "100 * (1 - node_memory_MemAvailable_bytes{job=\"node\"} / node_memory_MemTotal_bytes{job=\"node\"})";
  static final String SWAP =
      "100 * (1 - node_memory_SwapFree_bytes{job=\"node\"} / (node_memory_SwapTotal_bytes{job=\"node\"} > 0))";
  static final String ROOT_FS =
      "100 * (1 - max by (environment) (node_filesystem_avail_bytes{job=\"node\",mountpoint=\"/\",fstype!=\"rootfs\"})"
          + " / max by (environment) (node_filesystem_size_bytes{job=\"node\",mountpoint=\"/\",fstype!=\"rootfs\"}))";
  static final String RX =
      "sum by (environment) (rate(node_network_receive_bytes_total{job=\"node\",device!=\"lo\"}[1m]))";
  static final String TX =
      "sum by (environment) (rate(node_network_transmit_bytes_total{job=\"node\",device!=\"lo\"}[1m]))";
  static final String LOAD1 = "node_load1{job=\"node\"}";
  static final String TEMP = "max by (environment) (node_hwmon_temp_celsius{job=\"node\"})";
  static final String UPTIME =
      "node_time_seconds{job=\"node\"} - node_boot_time_seconds{job=\"node\"}";

  private final MetricsQuery query;
  private final EnvironmentStore environments;

  public SummaryService(MetricsQuery query, EnvironmentStore environments) {
    this.query = query;
    this.environments = environments;
  }

  public HostSummary.Page summary() {
    Instant now = Instant.now();
    Map<String, Double> cpu = byEnvironment(CPU, now);
    Map<String, Double> mem = byEnvironment(MEMORY, now);
    Map<String, Double> swap = byEnvironment(SWAP, now);
    Map<String, Double> root = byEnvironment(ROOT_FS, now);
    Map<String, Double> rx = byEnvironment(RX, now);
    Map<String, Double> tx = byEnvironment(TX, now);
    Map<String, Double> load = byEnvironment(LOAD1, now);
    Map<String, Double> temp = byEnvironment(TEMP, now);
    Map<String, Double> uptime = byEnvironment(UPTIME, now);
    Map<String, List<HostSummary.Gpu>> gpus = Gpus.byEnvironment(query, now);
    List<HostSummary> items = new ArrayList<>();
    for (EnvironmentEntity e : environments.all()) {
      String n = e.name;
      items.add(
          new HostSummary(
              e.id,
              n,
              cpu.get(n),
              mem.get(n),
              swap.get(n),
              root.get(n),
              rx.get(n),
              tx.get(n),
              load.get(n),
              temp.get(n),
              gpus.getOrDefault(n, List.of()),
              e.containersRunning,
              e.containersTotal,
              uptime.get(n)));
    }
    return new HostSummary.Page(items);
  }

  /** CPU, memory and root file system use per environment name, for the environment list. */
  @Override
  public Map<String, Double[]> usage() {
    Instant now = Instant.now();
    Map<String, Double> cpu = byEnvironment(CPU, now);
    Map<String, Double> mem = byEnvironment(MEMORY, now);
    Map<String, Double> root = byEnvironment(ROOT_FS, now);
    Map<String, Double[]> out = new HashMap<>();
    for (String n : union(cpu, mem, root)) {
      out.put(n, new Double[] {cpu.get(n), mem.get(n), root.get(n)});
    }
    return out;
  }

  private static java.util.Set<String> union(Map<String, ?>... maps) {
    java.util.Set<String> s = new java.util.HashSet<>();
    for (Map<String, ?> m : maps) {
      s.addAll(m.keySet());
    }
    return s;
  }

  Map<String, Double> byEnvironment(String promql, Instant at) {
    Map<String, Double> out = new HashMap<>();
    for (Sample s : query.instant(promql, at)) {
      String env = s.labels().get("environment");
      if (env != null && !Double.isNaN(s.value()) && !Double.isInfinite(s.value())) {
        out.putIfAbsent(env, round(s.value()));
      }
    }
    return out;
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
