package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.List;

/**
 * Allocated and maximum file handles from {@code /proc/sys/fs/file-nr}.
 *
 * <pre>
 * # HELP node_filefd_allocated File descriptor statistics: allocated.
 * # TYPE node_filefd_allocated gauge
 * </pre>
 */
public final class FilefdCollector implements Collector {

  private final HostPaths paths;

  public FilefdCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "filefd";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    return parse(ProcText.read(paths.proc("sys/fs/file-nr")));
  }

  static List<MetricFamily> parse(String fileNr) throws IOException {
    String[] f = ProcText.fields(fileNr);
    if (f.length != 3) {
      throw new IOException("unexpected number of fields in file-nr: " + fileNr.trim());
    }
    // As node_exporter's filefd: the second field is skipped as it is always zero since Linux 2.6.
    return List.of(
        MetricFamily.single(
            "node_filefd_allocated",
            "File descriptor statistics: allocated.",
            MetricType.GAUGE,
            Double.parseDouble(f[0])),
        MetricFamily.single(
            "node_filefd_maximum",
            "File descriptor statistics: maximum.",
            MetricType.GAUGE,
            Double.parseDouble(f[2])));
  }
}
