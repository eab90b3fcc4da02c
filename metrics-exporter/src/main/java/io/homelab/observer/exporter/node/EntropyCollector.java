package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kernel entropy pool from {@code /proc/sys/kernel/random}.
 *
 * <pre>
 * # HELP node_entropy_available_bits Bits of available entropy.
 * # TYPE node_entropy_available_bits gauge
 * </pre>
 */
public final class EntropyCollector implements Collector {

  private final HostPaths paths;

  public EntropyCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "entropy";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    List<MetricFamily> out = new ArrayList<>();
    out.add(
        MetricFamily.single(
            "node_entropy_available_bits",
            "Bits of available entropy.",
            MetricType.GAUGE,
            Double.parseDouble(
                ProcText.read(paths.proc("sys/kernel/random/entropy_avail")).trim())));
    ProcText.number(paths.proc("sys/kernel/random/poolsize"))
        .ifPresent(
            v ->
                out.add(
                    MetricFamily.single(
                        "node_entropy_pool_size_bits",
                        "Bits of entropy pool.",
                        MetricType.GAUGE,
                        v)));
    return out;
  }
}
