package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.List;

/**
 * Load averages from {@code /proc/loadavg}.
 *
 * <pre>
 * # HELP node_load1 1m load average.
 * # TYPE node_load1 gauge
 * node_load1 0.21
 * </pre>
 */
public final class LoadavgCollector implements Collector {

  static final String LOAD1 = "node_load1";
  static final String LOAD1_HELP = "1m load average.";
  static final String LOAD5 = "node_load5";
  static final String LOAD5_HELP = "5m load average.";
  static final String LOAD15 = "node_load15";
  static final String LOAD15_HELP = "15m load average.";

  private final HostPaths paths;

  public LoadavgCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "loadavg";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("loadavg")));
  }

  /** Pure and package-private: tests feed it fixture text. */
  static List<MetricFamily> parse(String loadavg) throws IOException {
    String[] f = ProcText.fields(loadavg);
    if (f.length < 3) {
      throw new IOException("unexpected content in /proc/loadavg: " + loadavg);
    }
    return List.of(
        MetricFamily.single(LOAD1, LOAD1_HELP, MetricType.GAUGE, Double.parseDouble(f[0])),
        MetricFamily.single(LOAD5, LOAD5_HELP, MetricType.GAUGE, Double.parseDouble(f[1])),
        MetricFamily.single(LOAD15, LOAD15_HELP, MetricType.GAUGE, Double.parseDouble(f[2])));
  }
}
