package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.scrape.Collector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The node collectors by node_exporter name, all enabled by default (as in node_exporter, where
 * each collector registers itself with {@code defaultEnabled}).
 */
public final class NodeCollectors {

  private static final Map<String, BiFunction<HostPaths, NodeOptions, Collector>> ALL =
      new LinkedHashMap<>();

  static {
    ALL.put("arp", (p, o) -> new ArpCollector(p));
    ALL.put("conntrack", (p, o) -> new ConntrackCollector(p));
    ALL.put("cpu", (p, o) -> new CpuCollector(p));
    ALL.put("diskstats", DiskstatsCollector::new);
    ALL.put("entropy", (p, o) -> new EntropyCollector(p));
    ALL.put("filefd", (p, o) -> new FilefdCollector(p));
    ALL.put("filesystem", FilesystemCollector::new);
    ALL.put("hwmon", (p, o) -> new HwmonCollector(p));
    ALL.put("loadavg", (p, o) -> new LoadavgCollector(p));
    ALL.put("meminfo", (p, o) -> new MeminfoCollector(p));
    ALL.put("netclass", NetclassCollector::new);
    ALL.put("netdev", NetdevCollector::new);
    ALL.put("netstat", NetstatCollector::new);
    ALL.put("os", (p, o) -> new OsReleaseCollector(p));
    ALL.put("pressure", (p, o) -> new PressureCollector(p));
    ALL.put("stat", (p, o) -> new StatCollector(p));
    ALL.put("thermal_zone", (p, o) -> new ThermalZoneCollector(p));
    ALL.put("time", (p, o) -> new TimeCollector(p));
    ALL.put("uname", (p, o) -> new UnameCollector(p));
    ALL.put("vmstat", VmstatCollector::new);
  }

  private NodeCollectors() {}

  /** Names of every node collector. */
  public static Set<String> names() {
    return ALL.keySet();
  }

  /**
   * The enabled node collectors.
   *
   * @throws IllegalArgumentException when {@code disabled} names a collector that does not exist,
   *     so a typo in the configuration is reported instead of silently ignored
   */
  public static List<Collector> create(HostPaths paths, NodeOptions options, Set<String> disabled) {
    List<Collector> out = new ArrayList<>();
    ALL.forEach(
        (name, factory) -> {
          if (!disabled.contains(name)) {
            out.add(factory.apply(paths, options));
          }
        });
    return out;
  }
}
