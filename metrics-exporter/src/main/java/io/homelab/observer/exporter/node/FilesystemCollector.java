package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.host.StatFs;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Size, free, available, inodes and read-only state of every mounted filesystem, from {@code
 * /proc/1/mounts} and {@code statfs(2)}, with node_exporter's mount point and fs type exclusions.
 *
 * <pre>
 * # HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
 * # TYPE node_filesystem_avail_bytes gauge
 * node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 8.322238464e+10
 * </pre>
 */
public final class FilesystemCollector implements Collector {

  static final String SIZE = "node_filesystem_size_bytes";
  static final String FREE = "node_filesystem_free_bytes";
  static final String AVAIL = "node_filesystem_avail_bytes";
  static final String FILES = "node_filesystem_files";
  static final String FILES_FREE = "node_filesystem_files_free";
  static final String READONLY = "node_filesystem_readonly";
  static final String DEVICE_ERROR = "node_filesystem_device_error";

  private static final Logger LOG = Logger.getLogger(FilesystemCollector.class);

  /** A mount line: device, mount point (host view), type, options. */
  record Mount(String device, String mountPoint, String fsType, String options) {}

  /** Reads one mount's statistics; swapped out by tests. */
  interface StatSource {
    StatFs.Result stat(java.nio.file.Path path) throws IOException;
  }

  private final HostPaths paths;
  private final NodeOptions options;
  private final StatSource stat;
  // As node_exporter's stuckMounts: a statfs that outlived the mount timeout marks the mount
  // point stuck, and it is reported as a device error until that call returns.
  private final Set<String> stuck = ConcurrentHashMap.newKeySet();
  private final ExecutorService statExecutor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "homelab-statfs");
            t.setDaemon(true);
            return t;
          });

  public FilesystemCollector(HostPaths paths, NodeOptions options) {
    this(paths, options, StatFs::of);
  }

  FilesystemCollector(HostPaths paths, NodeOptions options, StatSource stat) {
    this.paths = paths;
    this.options = options;
    this.stat = stat;
  }

  @Override
  public String name() {
    return "filesystem";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    String mounts;
    try {
      mounts = ProcText.read(paths.proc("1/mounts"));
    } catch (NoDataException e) {
      // Fallback to /proc/mounts when /proc/1/mounts is hidden (hidepid), as node_exporter does.
      mounts = ProcText.read(paths.proc("mounts"));
    }
    MetricFamily.Builder size = MetricFamily.gauge(SIZE, "Filesystem size in bytes.");
    MetricFamily.Builder free = MetricFamily.gauge(FREE, "Filesystem free space in bytes.");
    MetricFamily.Builder avail =
        MetricFamily.gauge(AVAIL, "Filesystem space available to non-root users in bytes.");
    MetricFamily.Builder files = MetricFamily.gauge(FILES, "Filesystem total file nodes.");
    MetricFamily.Builder filesFree =
        MetricFamily.gauge(FILES_FREE, "Filesystem total free file nodes.");
    MetricFamily.Builder ro = MetricFamily.gauge(READONLY, "Filesystem read-only status.");
    MetricFamily.Builder err =
        MetricFamily.gauge(
            DEVICE_ERROR,
            "Whether an error occurred while getting statistics for the given device.");
    Set<Mount> seen = new HashSet<>();
    for (Mount m : parseMounts(mounts, paths)) {
      if (NodeOptions.matches(options.mountPointsExclude(), m.mountPoint())
          || NodeOptions.matches(options.fsTypesExclude(), m.fsType())) {
        continue;
      }
      // Expose a mount once even if it is listed several times (node_exporter's "seen" map).
      Mount key = new Mount(m.device(), m.mountPoint(), m.fsType(), "");
      if (!seen.add(key)) {
        continue;
      }
      String[] labels = {"device", m.device(), "fstype", m.fsType(), "mountpoint", m.mountPoint()};
      StatFs.Result r = statWithTimeout(m.mountPoint());
      if (r == null) {
        err.add(1, labels);
        continue;
      }
      err.add(0, labels);
      size.add(r.size(), labels);
      free.add(r.free(), labels);
      avail.add(r.avail(), labels);
      if (!Double.isNaN(r.files())) {
        files.add(r.files(), labels);
        filesFree.add(r.filesFree(), labels);
      }
      boolean readOnly = false;
      for (String o : m.options().split(",")) {
        if (o.equals("ro")) {
          readOnly = true;
          break;
        }
      }
      ro.add(readOnly ? 1 : 0, labels);
    }
    return List.of(
        size.build(),
        free.build(),
        avail.build(),
        files.build(),
        filesFree.build(),
        ro.build(),
        err.build());
  }

  private StatFs.Result statWithTimeout(String mountPoint) {
    if (stuck.contains(mountPoint)) {
      LOG.debugf("mount point %s is in an unresponsive state", mountPoint);
      return null;
    }
    Future<StatFs.Result> f = statExecutor.submit(() -> stat.stat(paths.rootfs(mountPoint)));
    try {
      return f.get(options.mountTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stuck.add(mountPoint);
      LOG.debugf("mount point %s timed out, marked stuck", mountPoint);
      statExecutor.submit(
          () -> {
            try {
              f.get();
            } finally {
              stuck.remove(mountPoint);
            }
            return null;
          });
      return null;
    } catch (ExecutionException e) {
      LOG.debugf("statfs on %s failed: %s", mountPoint, e.getCause());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Parses /proc/1/mounts; octal escapes for space and tab are decoded as fstab(5) says. */
  static List<Mount> parseMounts(String text, HostPaths paths) throws IOException {
    List<Mount> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] p = ProcText.fields(line);
      if (p.length < 4) {
        throw new IOException("malformed mount point information: " + line);
      }
      String mp = p[1].replace("\\040", " ").replace("\\011", "\t");
      out.add(new Mount(p[0], paths.stripRootfs(mp), p[2], p[3]));
    }
    return out;
  }
}
