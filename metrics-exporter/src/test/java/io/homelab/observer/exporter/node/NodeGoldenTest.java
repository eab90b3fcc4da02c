package io.homelab.observer.exporter.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.host.StatFs;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.Scraper;
import io.homelab.observer.exporter.text.PrometheusTextWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every node collector with {@code src/test/resources/fixtures} as host root, compared byte for
 * byte with {@code golden/node.prom}, as node_exporter's {@code end-to-end-test.sh}. Regenerate
 * after an intended change with {@code -Dhomelab.golden.update=true} and review the diff.
 */
class NodeGoldenTest {

  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final Path GOLDEN = Path.of("src/test/resources/golden/node.prom");

  private TimeZone saved;

  @BeforeEach
  void utc() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
  }

  @AfterEach
  void restore() {
    TimeZone.setDefault(saved);
  }

  static String render(HostPaths paths) {
    // statfs of the fixture mount points would read this machine's disks; use fixed figures.
    Map<String, StatFs.Result> stats =
        Map.of(
            "/",
                new StatFs.Result(
                    2.70553174016e11, 2.5598226432e11, 8.322238464e10, 16777216, 16335239),
            "/srv/media library", new StatFs.Result(4.0e12, 1.0e12, 1.0e12, 244195328, 243000000),
            "/var/lib/docker",
                new StatFs.Result(
                    2.70553174016e11, 2.5598226432e11, 8.322238464e10, 16777216, 16335239),
            "/run", new StatFs.Result(2097152, 2097152, 2097152, 3085457, 3085000));
    List<Collector> collectors = new ArrayList<>();
    for (Collector c :
        NodeCollectors.create(paths, NodeOptions.defaults(), Set.of("filesystem", "time"))) {
      collectors.add(c);
    }
    collectors.add(
        new FilesystemCollector(
            paths,
            NodeOptions.defaults(),
            p -> {
              String host = "/" + paths.rootfs().relativize(p).toString();
              StatFs.Result r = stats.get(host);
              if (r == null) {
                throw new IOException("statfs " + host + ": no such file");
              }
              return r;
            }));
    collectors.add(
        new TimeCollector(
            paths, Clock.fixed(Instant.ofEpochSecond(1795607759, 900000000), ZoneOffset.UTC)));
    StringBuilder sb = new StringBuilder();
    new PrometheusTextWriter().write(new Scraper(collectors, false).scrape(), sb);
    return sb.toString();
  }

  @Test
  void fixtureHostMatchesGoldenFile() throws IOException {
    String actual = render(HostPaths.of(FIXTURES));
    if (Boolean.getBoolean("homelab.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void everyCollectorSucceedsOnTheFixtures() {
    String out = render(HostPaths.of(FIXTURES));
    assertThat(out)
        .doesNotContain("} 0\nnode_scrape_collector_success")
        .contains(
            "node_scrape_collector_success{collector=\"hwmon\"} 1",
            "node_hwmon_temp_celsius{chip=\"coretemp\",sensor=\"temp1\"} 55",
            "node_filesystem_readonly{device=\"/dev/vdb1\",fstype=\"ext4\",mountpoint=\"/srv/media library\"} 1",
            "node_disk_info{device=\"vda\",major=\"254\",minor=\"0\",model=\"QEMU_HARDDISK\"");
    assertThat(out.lines().filter(l -> l.startsWith("node_scrape_collector_success")))
        .allMatch(l -> l.endsWith(" 1"));
  }
}
