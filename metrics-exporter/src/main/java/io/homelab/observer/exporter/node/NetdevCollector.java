package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-interface traffic counters from {@code /proc/net/dev}, with node_exporter's legacy names
 * ({@code receive_errs}, {@code transmit_colls}, ...), plus {@code receive_nohandler} from sysfs
 * (node_exporter reads it over netlink).
 *
 * <pre>
 * # HELP node_network_receive_bytes_total Network device statistic receive_bytes.
 * # TYPE node_network_receive_bytes_total counter
 * node_network_receive_bytes_total{device="eth0"} 6.73713048e+08
 * </pre>
 */
public final class NetdevCollector implements Collector {

  // Column order of /proc/net/dev (net/core/net-procfs.c).
  private static final String[] KEYS = {
    "receive_bytes",
    "receive_packets",
    "receive_errs",
    "receive_drop",
    "receive_fifo",
    "receive_frame",
    "receive_compressed",
    "receive_multicast",
    "transmit_bytes",
    "transmit_packets",
    "transmit_errs",
    "transmit_drop",
    "transmit_fifo",
    "transmit_colls",
    "transmit_carrier",
    "transmit_compressed"
  };

  private final HostPaths paths;
  private final NodeOptions options;

  public NetdevCollector(HostPaths paths, NodeOptions options) {
    this.paths = paths;
    this.options = options;
  }

  @Override
  public String name() {
    return "netdev";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("net/dev")), options, this::nohandler);
  }

  private Optional<Double> nohandler(String device) {
    return ProcText.number(paths.sys("class/net/" + device + "/statistics/rx_nohandler"));
  }

  interface Extra {
    Optional<Double> nohandler(String device);
  }

  static List<MetricFamily> parse(String netdev, NodeOptions options, Extra extra) {
    Map<String, MetricFamily.Builder> families = new LinkedHashMap<>();
    for (String key : KEYS) {
      families.put(key, family(key));
    }
    MetricFamily.Builder nohandler = family("receive_nohandler");
    for (String line : netdev.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String dev = line.substring(0, colon).trim();
      if (dev.contains("|") || NodeOptions.matches(options.netdevDeviceExclude(), dev)) {
        continue;
      }
      String[] f = ProcText.fields(line.substring(colon + 1));
      for (int i = 0; i < KEYS.length && i < f.length; i++) {
        families.get(KEYS[i]).add(Double.parseDouble(f[i]), "device", dev);
      }
      extra.nohandler(dev).ifPresent(v -> nohandler.add(v, "device", dev));
    }
    List<MetricFamily> out = new ArrayList<>();
    families.values().forEach(b -> out.add(b.build()));
    out.add(nohandler.build());
    return out;
  }

  private static MetricFamily.Builder family(String key) {
    return MetricFamily.counter(
        "node_network_" + key + "_total", "Network device statistic " + key + ".");
  }
}
