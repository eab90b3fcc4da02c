package io.homelab.observer.exporter.host;

import java.nio.file.Path;

/**
 * Where the host's {@code /proc}, {@code /sys} and {@code /} are seen, as node_exporter's {@code
 * --path.procfs}, {@code --path.sysfs} and {@code --path.rootfs} ({@code paths.go}).
 *
 * <p>In a container the agent gets the host mounted at {@code /host} ({@code
 * homelab.agent.host-root}), so it reads {@code /host/proc/meminfo} and reports mount points
 * without the {@code /host} prefix.
 */
public record HostPaths(Path procfs, Path sysfs, Path rootfs) {

  /** The running host itself. */
  public static final HostPaths DEFAULT = of(Path.of("/"));

  /** Everything under one root: {@code <root>/proc}, {@code <root>/sys}, {@code <root>}. */
  public static HostPaths of(Path root) {
    Path r = root.toAbsolutePath().normalize();
    return new HostPaths(r.resolve("proc"), r.resolve("sys"), r);
  }

  /** A file under procfs, e.g. {@code proc("meminfo")}. */
  public Path proc(String name) {
    return procfs.resolve(name);
  }

  /** A file under sysfs, e.g. {@code sys("class/hwmon")}. */
  public Path sys(String name) {
    return sysfs.resolve(name);
  }

  /** A path of the host file system, e.g. a mount point, seen from here. */
  public Path rootfs(String hostPath) {
    String rel = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
    return rel.isEmpty() ? rootfs : rootfs.resolve(rel);
  }

  /**
   * A mount point as the host names it: strips the rootfs prefix as node_exporter's {@code
   * rootfsStripPrefix} does.
   */
  public String stripRootfs(String mountPoint) {
    String root = rootfs.toString();
    if (root.equals("/")) {
      return mountPoint;
    }
    if (mountPoint.startsWith(root)) {
      String stripped = mountPoint.substring(root.length());
      return stripped.isEmpty() ? "/" : stripped;
    }
    return mountPoint;
  }
}
