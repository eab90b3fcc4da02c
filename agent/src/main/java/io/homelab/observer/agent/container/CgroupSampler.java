package io.homelab.observer.agent.container;

import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The "cheap stats path" for container lists: CPU and memory read straight from each container's
 * cgroup every few seconds, instead of one {@code docker stats} call per container (which costs a
 * second or more each, as Docker waits for two samples).
 *
 * <p>Supports cgroup v1 (cgroupfs and systemd drivers) and v2. CPU % is like {@code docker stats}:
 * 100 = one full core over the last interval.
 */
@Singleton
public class CgroupSampler {

  static final long INTERVAL_SECONDS = 5;
  private static final Pattern ID = Pattern.compile("(?:docker-)?([0-9a-f]{64})(?:\\.scope)?");

  /** Latest figures of one container. */
  public record Usage(Double cpuPercent, Long memoryBytes) {}

  private record Sample(long cpuNanos, long atNanos) {}

  private final Path cgroupRoot;
  private final Map<String, Sample> previous = new ConcurrentHashMap<>();
  private final Map<String, Usage> latest = new ConcurrentHashMap<>();
  private ScheduledExecutorService timer;

  public CgroupSampler(AgentConfig config) {
    this.cgroupRoot = config.hostRoot().resolve("sys/fs/cgroup");
  }

  void start(@Observes StartupEvent e) {
    timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("cgroup-sampler"));
    timer.scheduleWithFixedDelay(this::sampleQuietly, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent e) {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** Figures for a full container id, if its cgroup was seen. */
  public Optional<Usage> usage(String containerId) {
    return Optional.ofNullable(latest.get(containerId));
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (RuntimeException ex) {
      Log.debugf("cgroup sampling failed: %s", ex.getMessage());
    }
  }

  /** One pass over every container cgroup; package-private for tests. */
  void sample() {
    Map<String, Path[]> dirs = containerDirs();
    long now = System.nanoTime();
    Map<String, Usage> fresh = new HashMap<>();
    dirs.forEach(
        (id, d) -> {
          Long cpu = cpuNanos(d[0]);
          Long mem = memoryBytes(d[1]);
          Double pct = null;
          if (cpu != null) {
            Sample before = previous.put(id, new Sample(cpu, now));
            if (before != null && now > before.atNanos()) {
              pct = Math.max(0, (cpu - before.cpuNanos()) * 100.0 / (now - before.atNanos()));
            }
          }
          fresh.put(id, new Usage(pct, mem));
        });
    previous.keySet().retainAll(dirs.keySet());
    latest.keySet().retainAll(fresh.keySet());
    latest.putAll(fresh);
  }

  /** id -> {cpu dir, memory dir}. */
  private Map<String, Path[]> containerDirs() {
    Map<String, Path[]> out = new HashMap<>();
    if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
      for (Path parent :
          List.of(cgroupRoot.resolve("system.slice"), cgroupRoot.resolve("docker"))) {
        list(parent, (id, d) -> out.put(id, new Path[] {d, d}));
      }
    } else {
      for (String sub : List.of("docker", "system.slice")) {
        Path cpuParent = cgroupRoot.resolve("cpuacct").resolve(sub);
        Path memParent = cgroupRoot.resolve("memory").resolve(sub);
        list(cpuParent, (id, d) -> out.put(id, new Path[] {d, memParent.resolve(d.getFileName())}));
      }
    }
    return out;
  }

  private static void list(Path parent, java.util.function.BiConsumer<String, Path> sink) {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> s = Files.list(parent)) {
      s.forEach(
          d -> {
            var m = ID.matcher(d.getFileName().toString());
            if (m.matches()) {
              sink.accept(m.group(1), d);
            }
          });
    } catch (IOException e) {
      // The directory vanished between the check and the listing: nothing to sample.
    }
  }

  private static Long cpuNanos(Path dir) {
    Optional<String> v1 = read(dir.resolve("cpuacct.usage"));
    if (v1.isPresent()) {
      return Long.parseLong(v1.get().strip());
    }
    return read(dir.resolve("cpu.stat"))
        .flatMap(s -> field(s, "usage_usec"))
        .map(us -> us * 1000)
        .orElse(null);
  }

  private static Long memoryBytes(Path dir) {
    // As the Docker CLI: usage minus inactive page cache, which the kernel reclaims first.
    Optional<String> v1 = read(dir.resolve("memory.usage_in_bytes"));
    if (v1.isPresent()) {
      long usage = Long.parseLong(v1.get().strip());
      long inactive =
          read(dir.resolve("memory.stat")).flatMap(s -> field(s, "total_inactive_file")).orElse(0L);
      return Math.max(0, usage - inactive);
    }
    Optional<String> v2 = read(dir.resolve("memory.current"));
    if (v2.isPresent()) {
      long usage = Long.parseLong(v2.get().strip());
      long inactive =
          read(dir.resolve("memory.stat")).flatMap(s -> field(s, "inactive_file")).orElse(0L);
      return Math.max(0, usage - inactive);
    }
    return null;
  }

  private static Optional<Long> field(String text, String key) {
    for (String line : text.split("\n")) {
      if (line.startsWith(key + " ")) {
        return Optional.of(Long.parseLong(line.substring(key.length() + 1).strip()));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
