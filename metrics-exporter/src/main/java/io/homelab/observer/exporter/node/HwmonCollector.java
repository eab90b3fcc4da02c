package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Hardware sensors from {@code /sys/class/hwmon} (temperatures, voltages, fans, power, current),
 * named and labelled as node_exporter's hwmon collector ({@code chip}, {@code sensor}).
 *
 * <pre>
 * # HELP node_hwmon_temp_celsius Hardware monitor for temperature (input)
 * # TYPE node_hwmon_temp_celsius gauge
 * node_hwmon_temp_celsius{chip="platform_coretemp_0",sensor="temp1"} 55
 * </pre>
 */
public final class HwmonCollector implements Collector {

  private static final Set<String> SENSOR_TYPES =
      Set.of(
          "vrm",
          "beep_enable",
          "update_interval",
          "in",
          "cpu",
          "fan",
          "pwm",
          "temp",
          "curr",
          "power",
          "energy",
          "humidity",
          "intrusion");
  // hwmon_linux.go: "^(?P<type>[^0-9]+)(?P<id>[0-9]*)?(_(?P<property>.+))?$"
  private static final Pattern SENSOR_FILE = Pattern.compile("^([^0-9]+)([0-9]*)?(_(.+))?$");
  private static final Pattern INVALID = Pattern.compile("[^a-z0-9:_]");

  private final HostPaths paths;

  public HwmonCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "hwmon";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Path dir = paths.sys("class/hwmon");
    if (!Files.isDirectory(dir)) {
      throw new NoDataException("no " + dir);
    }
    List<MetricFamily> out = new ArrayList<>();
    List<Path> chips;
    try (Stream<Path> s = Files.list(dir)) {
      chips = s.sorted().toList();
    }
    for (Path chip : chips) {
      updateChip(chip, out);
    }
    return out;
  }

  private void updateChip(Path dir, List<MetricFamily> out) throws IOException {
    String chip = chipName(dir);
    Map<String, Map<String, String>> data = new TreeMap<>();
    sensorData(dir, data);
    if (Files.isDirectory(dir.resolve("device"))) {
      sensorData(dir.resolve("device"), data);
    }
    ProcText.attr(dir.resolve("name"))
        .map(HwmonCollector::clean)
        .filter(s -> !s.isEmpty())
        .ifPresent(
            human ->
                out.add(
                    MetricFamily.gauge(
                            "node_hwmon_chip_names",
                            "Annotation metric for human-readable chip names")
                        .add(1, "chip", chip, "chip_name", human)
                        .build()));
    for (Map.Entry<String, Map<String, String>> e : data.entrySet()) {
      String sensor = e.getKey();
      Map<String, String> props = e.getValue();
      Matcher m = SENSOR_FILE.matcher(sensor);
      String type = m.matches() ? m.group(1) : sensor;
      String[] labels = {"chip", chip, "sensor", sensor};
      if (props.containsKey("label")) {
        out.add(
            MetricFamily.gauge("node_hwmon_sensor_label", "Label for given chip and sensor")
                .add(1, "chip", chip, "sensor", sensor, "label", props.get("label"))
                .build());
      }
      String prefix = "node_hwmon_" + type;
      for (Map.Entry<String, String> p : props.entrySet()) {
        String element = p.getKey();
        if (element.equals("label")) {
          continue;
        }
        String name = prefix;
        if (element.equals("input")) {
          if (props.containsKey("")) {
            name += "_input";
          }
        } else if (!element.isEmpty()) {
          name += "_" + clean(element);
        }
        Double v = ProcText.parse(p.getValue()).orElse(null);
        if (v == null) {
          continue;
        }
        String el = element;
        MetricFamily f;
        if (el.equals("fault") || el.equals("alarm")) {
          f = gauge(name, "Hardware sensor " + el + " status (" + type + ")", v, labels);
        } else if (el.equals("beep")) {
          f = gauge(name + "_enabled", "Hardware monitor sensor has beeping enabled", v, labels);
        } else if (type.equals("in") || type.equals("cpu")) {
          f =
              gauge(
                  name + "_volts", "Hardware monitor for voltage (" + el + ")", v * 0.001, labels);
        } else if (type.equals("temp") && !el.equals("type")) {
          if (el.isEmpty()) {
            el = "input";
          }
          f =
              gauge(
                  name + "_celsius",
                  "Hardware monitor for temperature (" + el + ")",
                  v * 0.001,
                  labels);
        } else if (type.equals("curr")) {
          f = gauge(name + "_amps", "Hardware monitor for current (" + el + ")", v * 0.001, labels);
        } else if (type.equals("energy")) {
          f =
              MetricFamily.counter(
                      name + "_joule_total", "Hardware monitor for joules used so far (" + el + ")")
                  .add(v / 1e6, labels)
                  .build();
        } else if (type.equals("power") && el.equals("accuracy")) {
          f = gauge(name, "Hardware monitor power meter accuracy, as a ratio", v / 1e6, labels);
        } else if (type.equals("power")
            && (el.equals("average_interval")
                || el.equals("average_interval_min")
                || el.equals("average_interval_max"))) {
          f =
              gauge(
                  name + "_seconds",
                  "Hardware monitor power usage update interval (" + el + ")",
                  v * 0.001,
                  labels);
        } else if (type.equals("power")) {
          f =
              gauge(
                  name + "_watt",
                  "Hardware monitor for power usage in watts (" + el + ")",
                  v / 1e6,
                  labels);
        } else if (type.equals("fan")
            && (el.equals("input")
                || el.equals("min")
                || el.equals("max")
                || el.equals("target"))) {
          f =
              gauge(
                  name + "_rpm",
                  "Hardware monitor for fan revolutions per minute (" + el + ")",
                  v,
                  labels);
        } else {
          f = gauge(name, "Hardware monitor " + type + " element " + el, v, labels);
        }
        out.add(f);
      }
    }
  }

  private static MetricFamily gauge(String name, String help, double v, String[] labels) {
    return MetricFamily.gauge(name, help).add(v, labels.clone()).build();
  }

  private static void sensorData(Path dir, Map<String, Map<String, String>> data)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    for (Path f : files) {
      String file = f.getFileName().toString();
      Matcher m = SENSOR_FILE.matcher(file);
      if (!m.matches() || !SENSOR_TYPES.contains(m.group(1)) || Files.isDirectory(f)) {
        continue;
      }
      String sensor = m.group(1) + m.group(2);
      String prop = m.group(4) == null ? "" : m.group(4);
      ProcText.attr(f)
          .ifPresent(v -> data.computeIfAbsent(sensor, k -> new TreeMap<>()).put(prop, v));
    }
  }

  // hwmonName: prefer "<bus>_<device>" from the device symlink, then the name file, then hwmonN.
  private static String chipName(Path dir) throws IOException {
    Path device = dir.resolve("device");
    if (Files.exists(device)) {
      Path real = device.toRealPath();
      String devName = clean(real.getFileName().toString());
      String devType =
          real.getParent() == null ? "" : clean(real.getParent().getFileName().toString());
      if (!devType.isEmpty() && !devName.isEmpty()) {
        return devType + "_" + devName;
      }
      if (!devName.isEmpty()) {
        return devName;
      }
    }
    String name = ProcText.attr(dir.resolve("name")).map(HwmonCollector::clean).orElse("");
    if (!name.isEmpty()) {
      return name;
    }
    return clean(dir.toRealPath().getFileName().toString());
  }

  static String clean(String name) {
    String lower = INVALID.matcher(name.toLowerCase()).replaceAll("_");
    int start = 0;
    int end = lower.length();
    while (start < end && lower.charAt(start) == '_') {
      start++;
    }
    while (end > start && lower.charAt(end - 1) == '_') {
      end--;
    }
    return lower.substring(start, end);
  }
}
