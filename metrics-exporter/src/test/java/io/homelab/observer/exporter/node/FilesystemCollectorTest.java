package io.homelab.observer.exporter.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.host.StatFs;
import io.homelab.observer.exporter.model.MetricFamily;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FilesystemCollectorTest {

  @Test
  void parsesMountsWithEscapedSpacesAndStripsTheHostRoot() throws IOException {
    HostPaths paths = HostPaths.of(Path.of("/host"));
    List<FilesystemCollector.Mount> mounts =
        FilesystemCollector.parseMounts(
            "/dev/sda1 /host/srv/my\\040disk ext4 ro,relatime 0 0\n/dev/sda2 /host ext4 rw 0 0\n",
            paths);
    assertThat(mounts)
        .containsExactly(
            new FilesystemCollector.Mount("/dev/sda1", "/srv/my disk", "ext4", "ro,relatime"),
            new FilesystemCollector.Mount("/dev/sda2", "/", "ext4", "rw"));
  }

  @Test
  void statfsOfRootAgreesWithTheJdk() throws IOException {
    // Real statfs(2) through JNA against the JDK's own FileStore figures for the same mount.
    StatFs.Result r = StatFs.of(Path.of("/"));
    FileStore store = Files.getFileStore(Path.of("/"));
    assertThat(StatFs.isNative()).as("libc statfs bound through JNA").isTrue();
    assertThat(r.size()).isEqualTo((double) store.getTotalSpace());
    assertThat(r.files()).isPositive();
    assertThat(r.filesFree()).isPositive().isLessThanOrEqualTo(r.files());
  }

  @Test
  void hungMountIsReportedAsDeviceErrorAfterTheTimeout() throws IOException {
    NodeOptions d = NodeOptions.defaults();
    NodeOptions fast =
        new NodeOptions(
            Pattern.compile("^/(dev|proc|sys)($|/)"),
            d.fsTypesExclude(),
            Duration.ofMillis(200),
            d.diskstatsDeviceExclude(),
            d.netdevDeviceExclude(),
            d.netclassIgnoredDevices(),
            d.netstatFields(),
            d.vmstatFields());
    FilesystemCollector c =
        new FilesystemCollector(
            HostPaths.of(NodeGoldenTest.FIXTURES),
            fast,
            p -> {
              if (p.toString().endsWith("media library")) {
                try {
                  Thread.sleep(5_000); // an NFS server that went away
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return new StatFs.Result(100, 50, 40, 10, 5);
            });
    List<MetricFamily> out = c.collect();
    MetricFamily err =
        out.stream()
            .filter(f -> f.name().equals(FilesystemCollector.DEVICE_ERROR))
            .findFirst()
            .orElseThrow();
    assertThat(err.samples())
        .filteredOn(s -> s.label("mountpoint").equals("/srv/media library"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(1));
    assertThat(err.samples())
        .filteredOn(s -> s.label("mountpoint").equals("/"))
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo(0));
  }
}
