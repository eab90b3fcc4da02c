package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Connection tracking table size and limit from {@code /proc/sys/net/netfilter}; absent when the
 * nf_conntrack module is not loaded (no data, as node_exporter).
 *
 * <pre>
 * # HELP node_nf_conntrack_entries Number of currently allocated flow entries for connection tracking.
 * # TYPE node_nf_conntrack_entries gauge
 * </pre>
 */
public final class ConntrackCollector implements Collector {

  private final HostPaths paths;

  public ConntrackCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "conntrack";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Optional<Double> count = ProcText.number(paths.proc("sys/net/netfilter/nf_conntrack_count"));
    Optional<Double> max = ProcText.number(paths.proc("sys/net/netfilter/nf_conntrack_max"));
    if (count.isEmpty() || max.isEmpty()) {
      throw new NoDataException("conntrack is not loaded");
    }
    List<MetricFamily> out = new ArrayList<>();
    out.add(
        MetricFamily.single(
            "node_nf_conntrack_entries",
            "Number of currently allocated flow entries for connection tracking.",
            MetricType.GAUGE,
            count.get()));
    out.add(
        MetricFamily.single(
            "node_nf_conntrack_entries_limit",
            "Maximum size of connection tracking table.",
            MetricType.GAUGE,
            max.get()));
    return out;
  }
}
