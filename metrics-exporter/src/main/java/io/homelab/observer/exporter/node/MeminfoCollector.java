package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every field of {@code /proc/meminfo}, named as node_exporter's meminfo collector names it: kB
 * fields become {@code node_memory_<Field>_bytes}, {@code Active(anon)} becomes {@code Active_anon}
 * and unit-less fields (HugePages_*) keep their name.
 *
 * <pre>
 * # HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.
 * # TYPE node_memory_MemAvailable_bytes gauge
 * node_memory_MemAvailable_bytes 2.4514777088e+10
 * </pre>
 */
public final class MeminfoCollector implements Collector {

  private static final Pattern PARENS = Pattern.compile("\\((.*)\\)");

  private final HostPaths paths;

  public MeminfoCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "meminfo";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("meminfo")));
  }

  static List<MetricFamily> parse(String meminfo) throws IOException {
    List<MetricFamily> out = new ArrayList<>();
    for (String line : meminfo.split("\n")) {
      String[] f = ProcText.fields(line);
      if (f.length < 2 || f[0].isEmpty()) {
        continue;
      }
      double v;
      try {
        v = Double.parseDouble(f[1]);
      } catch (NumberFormatException e) {
        throw new IOException("invalid value in meminfo: " + line, e);
      }
      String key = f[0].endsWith(":") ? f[0].substring(0, f[0].length() - 1) : f[0];
      // As meminfo_linux.go: "Active(anon)" -> "Active_anon".
      if (key.indexOf('(') >= 0) {
        key = PARENS.matcher(key).replaceAll("_$1");
      }
      if (f.length == 3 && f[2].equals("kB")) {
        v *= 1024;
        key += "_bytes";
      }
      out.add(
          MetricFamily.single(
              "node_memory_" + key, "Memory information field " + key + ".", MetricType.GAUGE, v));
    }
    return out;
  }
}
