package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Thermal zone temperatures and cooling device states from {@code /sys/class/thermal}.
 *
 * <pre>
 * # HELP node_thermal_zone_temp Zone temperature in Celsius
 * # TYPE node_thermal_zone_temp gauge
 * node_thermal_zone_temp{type="x86_pkg_temp",zone="0"} 48
 * </pre>
 */
public final class ThermalZoneCollector implements Collector {

  private final HostPaths paths;

  public ThermalZoneCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "thermal_zone";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Path dir = paths.sys("class/thermal");
    if (!Files.isDirectory(dir)) {
      throw new NoDataException("no " + dir);
    }
    MetricFamily.Builder temp =
        MetricFamily.gauge("node_thermal_zone_temp", "Zone temperature in Celsius");
    MetricFamily.Builder cur =
        MetricFamily.gauge(
            "node_cooling_device_cur_state", "Current throttle state of the cooling device");
    MetricFamily.Builder max =
        MetricFamily.gauge(
            "node_cooling_device_max_state", "Maximum throttle state of the cooling device");
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.sorted().toList();
    }
    for (Path p : entries) {
      String n = p.getFileName().toString();
      String type = ProcText.attr(p.resolve("type")).orElse("");
      if (n.startsWith("thermal_zone")) {
        String zone = n.substring("thermal_zone".length());
        // A zone whose sensor cannot be read (EIO/ENODATA) is skipped, as procfs's sysfs does.
        ProcText.number(p.resolve("temp"))
            .ifPresent(v -> temp.add(v / 1000.0, "zone", zone, "type", type));
      } else if (n.startsWith("cooling_device")) {
        String name = n.substring("cooling_device".length());
        var c = ProcText.number(p.resolve("cur_state"));
        var m = ProcText.number(p.resolve("max_state"));
        if (c.isPresent() && m.isPresent()) {
          cur.add(c.get(), "name", name, "type", type);
          max.add(m.get(), "name", name, "type", type);
        }
      }
    }
    return List.of(temp.build(), cur.build(), max.build());
  }
}
