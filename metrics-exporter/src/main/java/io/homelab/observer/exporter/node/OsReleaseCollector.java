package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code node_os_info} and {@code node_os_version} from {@code /etc/os-release} (falling back to
 * {@code /usr/lib/os-release}) of the host root.
 *
 * <pre>
 * # HELP node_os_version Metric containing the major.minor part of the OS version.
 * # TYPE node_os_version gauge
 * node_os_version{id="debian",id_like="",name="Debian GNU/Linux"} 12
 * </pre>
 */
public final class OsReleaseCollector implements Collector {

  private static final Pattern VERSION = Pattern.compile("^[0-9]+\\.?[0-9]*");
  private static final String[] INFO_LABELS = {
    "build_id",
    "id",
    "id_like",
    "image_id",
    "image_version",
    "name",
    "pretty_name",
    "variant",
    "variant_id",
    "version",
    "version_codename",
    "version_id"
  };

  private final HostPaths paths;

  public OsReleaseCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "os";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    String text;
    try {
      text = ProcText.read(paths.rootfs("etc/os-release"));
    } catch (NoDataException e) {
      text = ProcText.read(paths.rootfs("usr/lib/os-release"));
    }
    return parse(text);
  }

  static List<MetricFamily> parse(String text) {
    Map<String, String> kv = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq <= 0) {
        continue;
      }
      String v = line.substring(eq + 1).trim();
      if (v.length() >= 2
          && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
        v = v.substring(1, v.length() - 1);
      }
      kv.put(line.substring(0, eq).trim().toLowerCase(), v);
    }
    List<String> labels = new ArrayList<>();
    for (String l : INFO_LABELS) {
      labels.add(l);
      labels.add(kv.getOrDefault(l, ""));
    }
    List<MetricFamily> out = new ArrayList<>();
    out.add(
        MetricFamily.gauge(
                "node_os_info",
                "A metric with a constant '1' value labeled by build_id, id, id_like, image_id,"
                    + " image_version, name, pretty_name, variant, variant_id, version,"
                    + " version_codename, version_id.")
            .add(1, labels.toArray(String[]::new))
            .build());
    Matcher m = VERSION.matcher(kv.getOrDefault("version_id", ""));
    if (m.find()) {
      out.add(
          MetricFamily.gauge(
                  "node_os_version", "Metric containing the major.minor part of the OS version.")
              .add(
                  Double.parseDouble(m.group()),
                  "id",
                  kv.getOrDefault("id", ""),
                  "id_like",
                  kv.getOrDefault("id_like", ""),
                  "name",
                  kv.getOrDefault("name", ""))
              .build());
    }
    return out;
  }
}
