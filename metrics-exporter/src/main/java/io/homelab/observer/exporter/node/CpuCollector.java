package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-CPU time by mode from {@code /proc/stat}, as node_exporter's cpu collector.
 *
 * <pre>
 * # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
 * # TYPE node_cpu_seconds_total counter
 * node_cpu_seconds_total{cpu="0",mode="idle"} 466.98
 * </pre>
 */
public final class CpuCollector implements Collector {

  static final String SECONDS = "node_cpu_seconds_total";
  static final String SECONDS_HELP = "Seconds the CPUs spent in each mode.";
  static final String GUEST = "node_cpu_guest_seconds_total";
  static final String GUEST_HELP = "Seconds the CPUs spent in guests (VMs) for each mode.";

  // USER_HZ is 100 on every Linux architecture node_exporter supports (procfs hard-codes it too).
  private static final double USER_HZ = 100.0;
  private static final String[] MODES = {
    "user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"
  };

  private final HostPaths paths;
  // The kernel's idle and iowait counters can step backwards on some kernels (NO_HZ accounting);
  // node_exporter keeps the previous value then, so rate() does not see a counter reset.
  private final Map<String, Double> last = new ConcurrentHashMap<>();

  public CpuCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("stat")), last);
  }

  /** Pure apart from the monotonic guard map; tests pass an empty map. */
  static List<MetricFamily> parse(String stat, Map<String, Double> last) {
    MetricFamily.Builder seconds = MetricFamily.counter(SECONDS, SECONDS_HELP);
    MetricFamily.Builder guest = MetricFamily.counter(GUEST, GUEST_HELP);
    for (String line : stat.split("\n")) {
      if (!line.startsWith("cpu") || line.startsWith("cpu ")) {
        continue;
      }
      String[] f = ProcText.fields(line);
      String cpu = f[0].substring(3);
      for (int i = 0; i < MODES.length && i + 1 < f.length; i++) {
        double v = Double.parseDouble(f[i + 1]) / USER_HZ;
        if (i == 3 || i == 4) {
          String key = cpu + "/" + MODES[i];
          Double prev = last.get(key);
          if (prev != null && v < prev) {
            v = prev;
          } else {
            last.put(key, v);
          }
        }
        seconds.add(v, "cpu", cpu, "mode", MODES[i]);
      }
      if (f.length > 10) {
        guest.add(Double.parseDouble(f[9]) / USER_HZ, "cpu", cpu, "mode", "user");
        guest.add(Double.parseDouble(f[10]) / USER_HZ, "cpu", cpu, "mode", "nice");
      }
    }
    return List.of(seconds.build(), guest.build());
  }
}
