package io.homelab.observer.exporter.container;

import io.homelab.observer.exporter.host.HostFiles;
import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-container metrics with cAdvisor's names and {@code id}/{@code image}/{@code name} labels,
 * plus Docker state for every container, stopped ones included.
 *
 * <pre>
 * # HELP container_cpu_usage_seconds_total Cumulative cpu time consumed in seconds.
 * # TYPE container_cpu_usage_seconds_total counter
 * container_cpu_usage_seconds_total{cpu="total",id="/docker/6cc8…",image="busybox",name="web"} 0.03
 * # HELP container_state Container state as reported by Docker (1 for the current state).
 * # TYPE container_state gauge
 * container_state{id="/docker/6cc8…",image="busybox",name="web",state="running"} 1
 * </pre>
 *
 * <p>cAdvisor has no state metrics (it only sees live cgroups); {@code container_state}, {@code
 * container_restart_count} and {@code container_health_status} are ours, named in cAdvisor's {@code
 * container_} namespace with the same labels so they join with its series.
 */
public final class ContainerCollector implements Collector {

  static final String[] STATES = {
    "created", "running", "paused", "restarting", "removing", "exited", "dead"
  };
  static final String[] HEALTH = {"starting", "healthy", "unhealthy"};
  // cAdvisor's isIgnoredDevice: loopback and host-side bridge/veth interfaces.
  private static final String[] IGNORED_NET_PREFIXES = {"lo", "veth", "docker"};

  private final HostPaths paths;
  private final ContainerInventory inventory;
  private final Cgroups cgroups;
  private final Clock clock;
  // Keeps a stopped container's id label equal to the cgroup path it had while running.
  private final Map<String, String> lastCgroup = new ConcurrentHashMap<>();
  private final Map<String, String> deviceNames = new ConcurrentHashMap<>();

  public ContainerCollector(HostPaths paths, ContainerInventory inventory) {
    this(paths, inventory, Clock.systemUTC());
  }

  ContainerCollector(HostPaths paths, ContainerInventory inventory, Clock clock) {
    this.paths = paths;
    this.inventory = inventory;
    this.cgroups = new Cgroups(paths);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "container";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    List<ContainerInfo> containers = inventory.containers();
    double now = clock.millis() / 1000.0;

    var cpuUsage =
        MetricFamily.counter(
            "container_cpu_usage_seconds_total", "Cumulative cpu time consumed in seconds.");
    var cpuUser =
        MetricFamily.counter(
            "container_cpu_user_seconds_total", "Cumulative user cpu time consumed in seconds.");
    var cpuSystem =
        MetricFamily.counter(
            "container_cpu_system_seconds_total",
            "Cumulative system cpu time consumed in seconds.");
    var memUsage =
        MetricFamily.gauge(
            "container_memory_usage_bytes",
            "Current memory usage in bytes, including all memory regardless of when it was"
                + " accessed");
    var memWs =
        MetricFamily.gauge("container_memory_working_set_bytes", "Current working set in bytes.");
    var memRss = MetricFamily.gauge("container_memory_rss", "Size of RSS in bytes.");
    var memCache =
        MetricFamily.gauge("container_memory_cache", "Number of bytes of page cache memory.");
    var rxBytes =
        MetricFamily.counter(
            "container_network_receive_bytes_total", "Cumulative count of bytes received");
    var txBytes =
        MetricFamily.counter(
            "container_network_transmit_bytes_total", "Cumulative count of bytes transmitted");
    var rxPackets =
        MetricFamily.counter(
            "container_network_receive_packets_total", "Cumulative count of packets received");
    var txPackets =
        MetricFamily.counter(
            "container_network_transmit_packets_total", "Cumulative count of packets transmitted");
    var fsReads =
        MetricFamily.counter("container_fs_reads_bytes_total", "Cumulative count of bytes read");
    var fsWrites =
        MetricFamily.counter(
            "container_fs_writes_bytes_total", "Cumulative count of bytes written");
    var blkio =
        MetricFamily.counter("container_blkio_device_usage_total", "Blkio Device bytes usage");
    var startTime =
        MetricFamily.gauge(
            "container_start_time_seconds",
            "Start time of the container since unix epoch in seconds.");
    var lastSeen =
        MetricFamily.gauge("container_last_seen", "Last time a container was seen by the exporter");
    var state =
        MetricFamily.gauge(
            "container_state", "Container state as reported by Docker (1 for the current state).");
    var restarts =
        MetricFamily.gauge(
            "container_restart_count", "Number of times Docker restarted the container.");
    var health =
        MetricFamily.gauge(
            "container_health_status",
            "Container health check status (1 for the current status); absent without a health"
                + " check.");

    for (ContainerInfo c : containers) {
      Optional<CgroupStats> stats =
          c.state().equals("running") || c.state().equals("paused")
              ? cgroups.forPid(c.pid())
              : Optional.empty();
      stats.ifPresent(s -> lastCgroup.put(c.id(), s.path()));
      String id = lastCgroup.getOrDefault(c.id(), "/docker/" + c.id());
      String[] base = {"id", id, "image", c.image(), "name", c.name()};

      lastSeen.add(now, base);
      for (String s : STATES) {
        state.add(s.equals(c.state()) ? 1 : 0, with(base, "state", s));
      }
      restarts.add(c.restartCount(), base);
      if (!c.health().isEmpty()) {
        for (String h : HEALTH) {
          health.add(h.equals(c.health()) ? 1 : 0, with(base, "health", h));
        }
      }
      if (c.startedAt() != null && c.startedAt().getEpochSecond() > 0) {
        startTime.add(c.startedAt().getEpochSecond() + c.startedAt().getNano() / 1e9, base);
      }
      if (stats.isEmpty()) {
        continue;
      }
      CgroupStats s = stats.get();
      cpuUsage.add(s.cpuUsageSeconds(), with(base, "cpu", "total"));
      cpuUser.add(s.cpuUserSeconds(), base);
      cpuSystem.add(s.cpuSystemSeconds(), base);
      memUsage.add(s.memoryUsageBytes(), base);
      memWs.add(s.memoryWorkingSetBytes(), base);
      memRss.add(s.memoryRssBytes(), base);
      memCache.add(s.memoryCacheBytes(), base);
      for (CgroupStats.BlkioEntry e : s.io()) {
        String dev = deviceName(e.major(), e.minor());
        blkio.add(
            e.bytes(),
            with(
                base,
                "device",
                dev,
                "major",
                Integer.toString(e.major()),
                "minor",
                Integer.toString(e.minor()),
                "operation",
                e.operation()));
        (e.operation().equals("Read") ? fsReads : fsWrites)
            .add(e.bytes(), with(base, "device", dev));
      }
      readNetDev(c.pid(), base, rxBytes, txBytes, rxPackets, txPackets);
    }
    // Forget removed containers so a host with short-lived containers does not grow this map.
    lastCgroup.keySet().retainAll(containers.stream().map(ContainerInfo::id).toList());
    cgroups.retain(containers.stream().map(ContainerInfo::pid).toList());
    List<MetricFamily> out = new ArrayList<>();
    for (var b :
        List.of(
            cpuUsage, cpuUser, cpuSystem, memUsage, memWs, memRss, memCache, rxBytes, txBytes,
            rxPackets, txPackets, fsReads, fsWrites, blkio, startTime, lastSeen, state, restarts,
            health)) {
      out.add(b.build());
    }
    return out;
  }

  // The container's network namespace is visible through /proc/PID/net/dev of its init process.
  private void readNetDev(
      long pid,
      String[] base,
      MetricFamily.Builder rxBytes,
      MetricFamily.Builder txBytes,
      MetricFamily.Builder rxPackets,
      MetricFamily.Builder txPackets) {
    String text;
    try {
      text = HostFiles.read(paths.proc(pid + "/net/dev"));
    } catch (IOException e) {
      return;
    }
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String dev = line.substring(0, colon).trim();
      if (dev.contains("|") || ignoredInterface(dev)) {
        continue;
      }
      String[] f = Cgroups.WS.split(line.substring(colon + 1).trim());
      if (f.length < 10) {
        continue;
      }
      String[] labels = with(base, "interface", dev);
      rxBytes.add(Double.parseDouble(f[0]), labels);
      rxPackets.add(Double.parseDouble(f[1]), labels.clone());
      txBytes.add(Double.parseDouble(f[8]), labels.clone());
      txPackets.add(Double.parseDouble(f[9]), labels.clone());
    }
  }

  private static boolean ignoredInterface(String dev) {
    for (String p : IGNORED_NET_PREFIXES) {
      if (dev.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  // cAdvisor labels block devices by their /dev name; /sys/dev/block/M:m/uevent has DEVNAME.
  private String deviceName(int major, int minor) {
    return deviceNames.computeIfAbsent(
        major + ":" + minor,
        k -> {
          try {
            for (String line :
                HostFiles.read(paths.sys("dev/block/" + k + "/uevent")).split("\n")) {
              if (line.startsWith("DEVNAME=")) {
                return "/dev/" + line.substring("DEVNAME=".length());
              }
            }
          } catch (IOException e) {
            // Fall through to the numeric name.
          }
          return k;
        });
  }

  private static String[] with(String[] base, String... more) {
    String[] out = new String[base.length + more.length];
    System.arraycopy(base, 0, out, 0, base.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }
}
