package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Block device I/O counters from {@code /proc/diskstats}, with udev properties for {@code
 * node_disk_info}, as node_exporter's diskstats collector (partitions excluded by default).
 *
 * <pre>
 * # HELP node_disk_read_bytes_total The total number of bytes read successfully.
 * # TYPE node_disk_read_bytes_total counter
 * node_disk_read_bytes_total{device="vda"} 1.657230336e+09
 * </pre>
 */
public final class DiskstatsCollector implements Collector {

  static final String INFO = "node_disk_info";

  // Kernel sectors are always 512 bytes in /proc/diskstats, whatever the device's sector size.
  private static final double SECTOR = 512.0;
  private static final double MS = 0.001;

  /** One /proc/diskstats column: family, HELP, scale (0 = raw). */
  private record Column(String name, String help, double scale, boolean counter) {}

  private static final Column[] COLUMNS = {
    new Column(
        "node_disk_reads_completed_total",
        "The total number of reads completed successfully.",
        1,
        true),
    new Column("node_disk_reads_merged_total", "The total number of reads merged.", 1, true),
    new Column(
        "node_disk_read_bytes_total", "The total number of bytes read successfully.", SECTOR, true),
    new Column(
        "node_disk_read_time_seconds_total",
        "The total number of seconds spent by all reads.",
        MS,
        true),
    new Column(
        "node_disk_writes_completed_total",
        "The total number of writes completed successfully.",
        1,
        true),
    new Column("node_disk_writes_merged_total", "The number of writes merged.", 1, true),
    new Column(
        "node_disk_written_bytes_total",
        "The total number of bytes written successfully.",
        SECTOR,
        true),
    new Column(
        "node_disk_write_time_seconds_total",
        "This is the total number of seconds spent by all writes.",
        MS,
        true),
    new Column("node_disk_io_now", "The number of I/Os currently in progress.", 1, false),
    new Column("node_disk_io_time_seconds_total", "Total seconds spent doing I/Os.", MS, true),
    new Column(
        "node_disk_io_time_weighted_seconds_total",
        "The weighted # of seconds spent doing I/Os.",
        MS,
        true),
    new Column(
        "node_disk_discards_completed_total",
        "The total number of discards completed successfully.",
        1,
        true),
    new Column("node_disk_discards_merged_total", "The total number of discards merged.", 1, true),
    new Column(
        "node_disk_discarded_sectors_total",
        "The total number of sectors discarded successfully.",
        1,
        true),
    new Column(
        "node_disk_discard_time_seconds_total",
        "This is the total number of seconds spent by all discards.",
        MS,
        true),
    new Column(
        "node_disk_flush_requests_total",
        "The total number of flush requests completed successfully",
        1,
        true),
    new Column(
        "node_disk_flush_requests_time_seconds_total",
        "This is the total number of seconds spent by all flush requests.",
        MS,
        true),
  };

  private final HostPaths paths;
  private final NodeOptions options;

  public DiskstatsCollector(HostPaths paths, NodeOptions options) {
    this.paths = paths;
    this.options = options;
  }

  @Override
  public String name() {
    return "diskstats";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("diskstats")), paths.rootfs("run/udev/data"), options);
  }

  static List<MetricFamily> parse(String diskstats, Path udevData, NodeOptions options) {
    MetricFamily.Builder info = MetricFamily.gauge(INFO, "Info of /sys/block/<block_device>.");
    List<MetricFamily.Builder> cols = new ArrayList<>();
    for (Column c : COLUMNS) {
      cols.add(
          c.counter()
              ? MetricFamily.counter(c.name(), c.help())
              : MetricFamily.gauge(c.name(), c.help()));
    }
    for (String line : diskstats.split("\n")) {
      String[] f = ProcText.fields(line);
      if (f.length < 4) {
        continue;
      }
      String dev = f[2];
      if (NodeOptions.matches(options.diskstatsDeviceExclude(), dev)) {
        continue;
      }
      Map<String, String> udev = udev(udevData.resolve("b" + f[0] + ":" + f[1]));
      info.add(
          1,
          "device",
          dev,
          "major",
          f[0],
          "minor",
          f[1],
          "path",
          udev.getOrDefault("ID_PATH", ""),
          "wwn",
          udev.getOrDefault("ID_WWN", ""),
          "model",
          udev.getOrDefault("ID_MODEL", ""),
          "serial",
          udev.getOrDefault("ID_SERIAL_SHORT", ""),
          "revision",
          udev.getOrDefault("ID_REVISION", ""));
      for (int i = 0; i < COLUMNS.length && i + 3 < f.length; i++) {
        double v = Double.parseDouble(f[i + 3]) * COLUMNS[i].scale();
        cols.get(i).add(v, "device", dev);
      }
    }
    List<MetricFamily> out = new ArrayList<>();
    out.add(info.build());
    cols.forEach(b -> out.add(b.build()));
    return out;
  }

  // udev database lines look like "E:ID_MODEL=Samsung_SSD"; only E: properties matter here.
  private static Map<String, String> udev(Path file) {
    Map<String, String> props = new HashMap<>();
    if (!Files.isReadable(file)) {
      return props;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith("E:")) {
          int eq = line.indexOf('=');
          if (eq > 2) {
            props.put(line.substring(2, eq), line.substring(eq + 1));
          }
        }
      }
    } catch (IOException e) {
      // Missing udev data only empties the info labels, as in node_exporter.
    }
    return props;
  }
}
