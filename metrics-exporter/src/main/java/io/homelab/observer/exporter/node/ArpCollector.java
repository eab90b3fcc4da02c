package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ARP table entries per device from {@code /proc/net/arp}.
 *
 * <pre>
 * # HELP node_arp_entries ARP entries by device
 * # TYPE node_arp_entries gauge
 * node_arp_entries{device="eth0"} 1
 * </pre>
 */
public final class ArpCollector implements Collector {

  private final HostPaths paths;

  public ArpCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "arp";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("net/arp")));
  }

  static List<MetricFamily> parse(String arp) {
    Map<String, Integer> counts = new TreeMap<>();
    String[] lines = arp.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] f = ProcText.fields(lines[i]);
      if (f.length >= 6) {
        counts.merge(f[5], 1, Integer::sum);
      }
    }
    MetricFamily.Builder b = MetricFamily.gauge("node_arp_entries", "ARP entries by device");
    counts.forEach((dev, n) -> b.add(n, "device", dev));
    return List.of(b.build());
  }
}
