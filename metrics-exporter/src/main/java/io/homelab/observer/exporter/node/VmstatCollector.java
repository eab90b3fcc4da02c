package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Paging and OOM counters from {@code /proc/vmstat}, filtered by node_exporter's default {@code
 * --collector.vmstat.fields} (pgpg*, pswp*, pg*fault, oom_kill).
 *
 * <pre>
 * # HELP node_vmstat_pgfault /proc/vmstat information field pgfault.
 * # TYPE node_vmstat_pgfault untyped
 * </pre>
 */
public final class VmstatCollector implements Collector {

  private final HostPaths paths;
  private final NodeOptions options;

  public VmstatCollector(HostPaths paths, NodeOptions options) {
    this.paths = paths;
    this.options = options;
  }

  @Override
  public String name() {
    return "vmstat";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("vmstat")), options);
  }

  static List<MetricFamily> parse(String vmstat, NodeOptions options) {
    List<MetricFamily> out = new ArrayList<>();
    for (String line : vmstat.split("\n")) {
      // Most of vmstat's ~170 lines are filtered out: test the name before splitting the line.
      int space = line.indexOf(' ');
      if (space <= 0
          || !NodeOptions.matchesCached(options.vmstatFields(), line.substring(0, space))) {
        continue;
      }
      String[] f = ProcText.fields(line);
      if (f.length != 2) {
        continue;
      }
      out.add(
          MetricFamily.single(
              "node_vmstat_" + f[0],
              "/proc/vmstat information field " + f[0] + ".",
              MetricType.UNTYPED,
              Double.parseDouble(f[1])));
    }
    return out;
  }
}
