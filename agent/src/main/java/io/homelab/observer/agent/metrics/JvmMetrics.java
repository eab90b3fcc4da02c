package io.homelab.observer.agent.metrics;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.UnixOperatingSystemMXBean;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's own JVM and process metrics for {@code GET /q/metrics} on 9100, read from the JVM's
 * MXBeans at each request.
 *
 * <p>The names are Micrometer's (what the other services' {@code /q/metrics} show), plus {@code
 * process_resident_memory_bytes} as node_exporter reports it for itself. The agent does not carry
 * Micrometer: its registry, binders and meters cost ~5 MiB of resident memory (docs/benchmarks.md)
 * on a process that has to stay small on every VM, for these few numbers.
 */
final class JvmMetrics {

  private JvmMetrics() {}

  static List<MetricFamily> collect() {
    List<MetricFamily> out = new ArrayList<>();
    memory(out);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    out.add(
        gauge(
            "jvm_threads_live_threads",
            "The current number of live threads including both daemon and non-daemon threads",
            threads.getThreadCount()));
    out.add(
        gauge(
            "jvm_threads_daemon_threads",
            "The current number of live daemon threads",
            threads.getDaemonThreadCount()));
    out.add(
        gauge(
            "jvm_threads_peak_threads",
            "The peak live thread count since the Java virtual machine started or peak was reset",
            threads.getPeakThreadCount()));
    ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    out.add(
        gauge(
            "jvm_classes_loaded_classes",
            "The number of classes that are currently loaded in the Java virtual machine",
            classes.getLoadedClassCount()));
    out.add(
        MetricFamily.single(
            "jvm_classes_unloaded_classes_total",
            "The number of classes unloaded in the Java virtual machine",
            MetricType.COUNTER,
            classes.getUnloadedClassCount()));
    gc(out);
    process(out);
    return out;
  }

  private static void memory(List<MetricFamily> out) {
    MetricFamily.Builder used =
        MetricFamily.gauge("jvm_memory_used_bytes", "The amount of used memory");
    MetricFamily.Builder committed =
        MetricFamily.gauge(
            "jvm_memory_committed_bytes",
            "The amount of memory in bytes that is committed for the Java virtual machine to use");
    MetricFamily.Builder max =
        MetricFamily.gauge(
            "jvm_memory_max_bytes",
            "The maximum amount of memory in bytes that can be used for memory management");
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage = pool.getUsage();
      if (usage == null) {
        continue;
      }
      String area = pool.getType() == MemoryType.HEAP ? "heap" : "nonheap";
      used.add(usage.getUsed(), "area", area, "id", pool.getName());
      committed.add(usage.getCommitted(), "area", area, "id", pool.getName());
      max.add(usage.getMax(), "area", area, "id", pool.getName());
    }
    out.add(used.build());
    out.add(committed.build());
    out.add(max.build());
  }

  private static void gc(List<MetricFamily> out) {
    // Micrometer's jvm_gc_pause_seconds needs GC notifications and a listener; the collectors' own
    // totals are what the MXBeans give at no cost, as two counters.
    MetricFamily.Builder count =
        MetricFamily.counter(
            "jvm_gc_collections_total",
            "Number of collections by this collector since the JVM started");
    MetricFamily.Builder sum =
        MetricFamily.counter(
            "jvm_gc_collection_seconds_total",
            "Time spent in this collector since the JVM started, in seconds");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      count.add(Math.max(0, gc.getCollectionCount()), "gc", gc.getName());
      sum.add(Math.max(0, gc.getCollectionTime()) / 1000.0, "gc", gc.getName());
    }
    out.add(count.build());
    out.add(sum.build());
  }

  private static void process(List<MetricFamily> out) {
    RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    out.add(
        gauge(
            "process_start_time_seconds",
            "Start time of the process since unix epoch.",
            runtime.getStartTime() / 1000.0));
    out.add(
        gauge(
            "process_uptime_seconds",
            "The uptime of the Java virtual machine",
            runtime.getUptime() / 1000.0));
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    out.add(
        gauge(
            "system_cpu_count",
            "The number of processors available to the Java virtual machine",
            os.getAvailableProcessors()));
    double load = os.getSystemLoadAverage();
    if (load >= 0) {
      out.add(
          gauge(
              "system_load_average_1m",
              "The sum of the number of runnable entities queued to available processors and the number of runnable entities running on the available processors averaged over a period of time",
              load));
    }
    if (os instanceof OperatingSystemMXBean sun) {
      double cpu = sun.getProcessCpuLoad();
      if (cpu >= 0) {
        out.add(
            gauge(
                "process_cpu_usage",
                "The \"recent cpu usage\" for the Java Virtual Machine process",
                cpu));
      }
      out.add(
          MetricFamily.single(
              "process_cpu_seconds_total",
              "Total user and system CPU time spent in seconds.",
              MetricType.COUNTER,
              sun.getProcessCpuTime() / 1e9));
    }
    if (os instanceof UnixOperatingSystemMXBean unix) {
      out.add(
          gauge(
              "process_files_open_files",
              "The open file descriptor count",
              unix.getOpenFileDescriptorCount()));
      out.add(
          gauge(
              "process_files_max_files",
              "The maximum file descriptor count",
              unix.getMaxFileDescriptorCount()));
    }
    long rss = residentBytes();
    if (rss >= 0) {
      out.add(gauge("process_resident_memory_bytes", "Resident memory size in bytes.", rss));
    }
  }

  /** VmRSS of this process, or -1 where there is no {@code /proc/self/status}. */
  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring(6).trim();
          return Long.parseLong(kb.substring(0, kb.indexOf(' '))) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an unexpected format: the series is left out.
    }
    return -1;
  }

  private static MetricFamily gauge(String name, String help, double value) {
    return MetricFamily.single(name, help, MetricType.GAUGE, value);
  }
}
