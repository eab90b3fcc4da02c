package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * System time, zone offset and clock sources; 1860's "Uptime" is {@code node_time_seconds -
 * node_boot_time_seconds}.
 *
 * <pre>
 * # HELP node_time_seconds System time in seconds since epoch (1970).
 * # TYPE node_time_seconds gauge
 * </pre>
 */
public final class TimeCollector implements Collector {

  // Looking up a zone's short name walks locale data; it is the same string for every scrape.
  private static final Map<String, String> ZONE_NAMES = new ConcurrentHashMap<>();

  private final HostPaths paths;
  private final Clock clock;

  public TimeCollector(HostPaths paths) {
    this(paths, Clock.systemUTC());
  }

  TimeCollector(HostPaths paths, Clock clock) {
    this.paths = paths;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "time";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Instant now = clock.instant();
    TimeZone tz = TimeZone.getDefault();
    boolean dst = tz.inDaylightTime(java.util.Date.from(now));
    MetricFamily.Builder available =
        MetricFamily.gauge(
            "node_time_clocksource_available_info",
            "Available clocksources read from '/sys/devices/system/clocksource'.");
    MetricFamily.Builder current =
        MetricFamily.gauge(
            "node_time_clocksource_current_info",
            "Current clocksource read from '/sys/devices/system/clocksource'.");
    for (int i = 0; ; i++) {
      Path dir = paths.sys("devices/system/clocksource/clocksource" + i);
      var avail = ProcText.attr(dir.resolve("available_clocksource"));
      if (avail.isEmpty()) {
        break;
      }
      String device = Integer.toString(i);
      for (String cs : ProcText.fields(avail.get())) {
        if (!cs.isEmpty()) {
          available.add(1, "device", device, "clocksource", cs);
        }
      }
      ProcText.attr(dir.resolve("current_clocksource"))
          .ifPresent(cs -> current.add(1, "device", device, "clocksource", cs));
    }
    return List.of(
        MetricFamily.gauge("node_time_seconds", "System time in seconds since epoch (1970).")
            .add(now.getEpochSecond() + now.getNano() / 1e9)
            .build(),
        MetricFamily.gauge("node_time_zone_offset_seconds", "System time zone offset in seconds.")
            .add(
                tz.getOffset(now.toEpochMilli()) / 1000.0,
                "time_zone",
                ZONE_NAMES.computeIfAbsent(
                    tz.getID() + (dst ? "+dst" : ""), k -> tz.getDisplayName(dst, TimeZone.SHORT)))
            .build(),
        available.build(),
        current.build());
  }
}
