package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.IOException;
import java.util.List;

/**
 * {@code node_uname_info}, read from {@code /proc/sys/kernel} instead of the uname system call so
 * that it works under a host root without native code (the fields are the same kernel strings).
 *
 * <pre>
 * # HELP node_uname_info Labeled system information as provided by the uname system call.
 * # TYPE node_uname_info gauge
 * </pre>
 */
public final class UnameCollector implements Collector {

  private final HostPaths paths;

  public UnameCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "uname";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    String sysname = ProcText.read(paths.proc("sys/kernel/ostype")).trim();
    return List.of(
        MetricFamily.gauge(
                "node_uname_info",
                "Labeled system information as provided by the uname system call.")
            .add(
                1,
                "sysname",
                sysname,
                "release",
                ProcText.attr(paths.proc("sys/kernel/osrelease")).orElse(""),
                "version",
                ProcText.attr(paths.proc("sys/kernel/version")).orElse(""),
                "machine",
                machine(System.getProperty("os.arch", "")),
                "nodename",
                ProcText.attr(paths.proc("sys/kernel/hostname")).orElse(""),
                "domainname",
                ProcText.attr(paths.proc("sys/kernel/domainname")).orElse(""))
            .build());
  }

  // The JVM names architectures its own way; uname(2) reports the kernel's names.
  static String machine(String osArch) {
    return switch (osArch) {
      case "amd64", "x86_64" -> "x86_64";
      case "x86", "i386" -> "i686";
      case "arm" -> "armv7l";
      default -> osArch;
    };
  }
}
