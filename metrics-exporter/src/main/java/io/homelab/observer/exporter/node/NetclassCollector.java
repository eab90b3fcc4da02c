package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Interface properties from {@code /sys/class/net/<iface>}, as node_exporter's netclass collector
 * (link state, MTU, speed; 1860's "Network Saturation" divides by {@code
 * node_network_speed_bytes}).
 *
 * <pre>
 * # HELP node_network_up Value is 1 if operstate is 'up', 0 otherwise.
 * # TYPE node_network_up gauge
 * node_network_up{device="eth0"} 1
 * </pre>
 */
public final class NetclassCollector implements Collector {

  /** sysfs attribute -> metric suffix, counter or gauge, in node_exporter's order. */
  private record Prop(String file, String name, boolean counter) {}

  private static final Prop[] PROPS = {
    new Prop("addr_assign_type", "address_assign_type", false),
    new Prop("carrier", "carrier", false),
    new Prop("carrier_changes", "carrier_changes_total", true),
    new Prop("carrier_up_count", "carrier_up_changes_total", true),
    new Prop("carrier_down_count", "carrier_down_changes_total", true),
    new Prop("dev_id", "device_id", false),
    new Prop("dormant", "dormant", false),
    new Prop("flags", "flags", false),
    new Prop("ifindex", "iface_id", false),
    new Prop("iflink", "iface_link", false),
    new Prop("link_mode", "iface_link_mode", false),
    new Prop("mtu", "mtu_bytes", false),
    new Prop("name_assign_type", "name_assign_type", false),
    new Prop("netdev_group", "net_dev_group", false),
    new Prop("tx_queue_len", "transmit_queue_length", false),
    new Prop("type", "protocol_type", false),
  };

  private final HostPaths paths;
  private final NodeOptions options;

  public NetclassCollector(HostPaths paths, NodeOptions options) {
    this.paths = paths;
    this.options = options;
  }

  @Override
  public String name() {
    return "netclass";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Path dir = paths.sys("class/net");
    if (!Files.isDirectory(dir)) {
      throw new NoDataException("no " + dir);
    }
    MetricFamily.Builder up =
        MetricFamily.gauge("node_network_up", "Value is 1 if operstate is 'up', 0 otherwise.");
    MetricFamily.Builder info =
        MetricFamily.gauge(
            "node_network_info",
            "Non-numeric data from /sys/class/net/<iface>, value is always 1.");
    Map<String, MetricFamily.Builder> props = new LinkedHashMap<>();
    for (Prop p : PROPS) {
      props.put(p.name(), family(p.name(), p.counter()));
    }
    MetricFamily.Builder speed = family("speed_bytes", false);
    List<Path> devices;
    try (Stream<Path> s = Files.list(dir)) {
      devices = s.sorted().toList();
    }
    for (Path d : devices) {
      String dev = d.getFileName().toString();
      if (NodeOptions.matches(options.netclassIgnoredDevices(), dev) || !Files.isDirectory(d)) {
        continue;
      }
      String operstate = ProcText.attr(d.resolve("operstate")).orElse("");
      up.add(operstate.equals("up") ? 1 : 0, "device", dev);
      info.add(
          1,
          "device",
          dev,
          "address",
          ProcText.attr(d.resolve("address")).orElse(""),
          "broadcast",
          ProcText.attr(d.resolve("broadcast")).orElse(""),
          "duplex",
          ProcText.attr(d.resolve("duplex")).orElse(""),
          "operstate",
          operstate,
          "ifalias",
          ProcText.attr(d.resolve("ifalias")).orElse(""));
      for (Prop p : PROPS) {
        value(d.resolve(p.file())).ifPresent(v -> props.get(p.name()).add(v, "device", dev));
      }
      // Mbit/s -> bytes/s as node_exporter (speed * 1000 * 1000 / 8); -1 (unknown) is kept.
      value(d.resolve("speed"))
          .ifPresent(v -> speed.add((long) (v * 1000 * 1000 / 8), "device", dev));
    }
    List<MetricFamily> out = new ArrayList<>();
    out.add(up.build());
    out.add(info.build());
    props.values().forEach(b -> out.add(b.build()));
    out.add(speed.build());
    return out;
  }

  // sysfs numbers are decimal except flags ("0x1003"); unreadable attributes (EINVAL on a down
  // link's carrier or speed) are skipped, as procfs/sysfs does for node_exporter.
  private static Optional<Double> value(Path p) {
    return ProcText.attr(p)
        .flatMap(
            s -> {
              try {
                if (s.startsWith("0x")) {
                  return Optional.of((double) Long.parseLong(s.substring(2), 16));
                }
                return Optional.of(Double.parseDouble(s));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  private static MetricFamily.Builder family(String name, boolean counter) {
    String full = "node_network_" + name;
    String help = "Network device property: " + name;
    return counter ? MetricFamily.counter(full, help) : MetricFamily.gauge(full, help);
  }
}
