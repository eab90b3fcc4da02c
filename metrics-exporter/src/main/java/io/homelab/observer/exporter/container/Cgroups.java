package io.homelab.observer.exporter.container;

import io.homelab.observer.exporter.host.HostFiles;
import io.homelab.observer.exporter.host.HostPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a process's cgroup (v1 or v2) the way cAdvisor's libcontainer handler does: CPU from
 * cpuacct / cpu.stat, memory usage and working set (usage minus inactive file pages), block I/O
 * from blkio throttle files / io.stat.
 */
public final class Cgroups {

  static final Pattern WS = Pattern.compile("\\s+");

  private final HostPaths paths;
  private final Path root;
  private final boolean unified;
  private final Map<String, Path> v1Mounts = new HashMap<>();
  // A container's init process never changes cgroup, so /proc/PID/cgroup is read once per process.
  private final Map<Long, Location> located = new ConcurrentHashMap<>();

  /** A process's cgroup path (cAdvisor's id) and the directories its stats are read from. */
  private record Location(String path, Path cpuacct, Path memory, Path blkio) {}

  public Cgroups(HostPaths paths) {
    this.paths = paths;
    this.root = paths.sys("fs/cgroup");
    this.unified = Files.exists(root.resolve("cgroup.controllers"));
    if (!unified) {
      // Controllers may be co-mounted ("cpu,cpuacct"); map each name to its hierarchy directory.
      try (Stream<Path> s = Files.list(root)) {
        s.filter(Files::isDirectory)
            .forEach(
                d -> {
                  for (String c : d.getFileName().toString().split(",")) {
                    v1Mounts.putIfAbsent(c, d);
                  }
                });
      } catch (IOException e) {
        // No cgroup file system visible: every read below reports "no stats".
      }
    }
  }

  /** True on a cgroup v2 (unified) host. */
  public boolean unified() {
    return unified;
  }

  /** Usage of the cgroup holding {@code pid}, or empty when the process or cgroup is gone. */
  public Optional<CgroupStats> forPid(long pid) {
    if (pid <= 0) {
      return Optional.empty();
    }
    Location cached = located.get(pid);
    if (cached != null) {
      try {
        return Optional.of(stats(cached));
      } catch (IOException | RuntimeException e) {
        // The process is gone, or its pid now belongs to a new container: look it up again.
        located.remove(pid);
      }
    }
    try {
      Location fresh = locate(parseProcCgroup(HostFiles.read(paths.proc(pid + "/cgroup"))));
      CgroupStats stats = stats(fresh);
      located.put(pid, fresh);
      return Optional.of(stats);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Forgets the cgroups of processes other than {@code pids} (containers stopped since). */
  public void retain(Collection<Long> pids) {
    located.keySet().retainAll(pids);
  }

  private Location locate(Map<String, String> byController) throws IOException {
    if (unified) {
      String path = byController.get("");
      if (path == null) {
        throw new IOException("no unified cgroup line");
      }
      Path dir = root.resolve(path.startsWith("/") ? path.substring(1) : path);
      return new Location(path, dir, dir, dir);
    }
    String memPath = byController.get("memory");
    return new Location(
        memPath,
        dir("cpuacct", byController.getOrDefault("cpuacct", memPath)),
        dir("memory", memPath),
        dir("blkio", byController.getOrDefault("blkio", memPath)));
  }

  private CgroupStats stats(Location at) throws IOException {
    return unified ? readV2(at) : readV1(at);
  }

  /**
   * /proc/PID/cgroup: "4:memory:/docker/abc" -> {memory=/docker/abc}; v2 line "0::/x" -> {""=/x}.
   */
  static Map<String, String> parseProcCgroup(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      String[] p = line.split(":", 3);
      if (p.length != 3) {
        continue;
      }
      if (p[1].isEmpty()) {
        out.put("", p[2]);
      } else {
        for (String c : p[1].split(",")) {
          out.put(c, p[2]);
        }
      }
    }
    return out;
  }

  private CgroupStats readV1(Location at) throws IOException {
    Path cpuacct = at.cpuacct();
    Path memory = at.memory();
    Path blkio = at.blkio();

    double usage = number(HostFiles.read(cpuacct.resolve("cpuacct.usage"))) / 1e9;
    Map<String, Double> cpuStat =
        keyValues(HostFiles.read(cpuacct.resolve("cpuacct.stat")), "user", "system");
    // cpuacct.stat counts USER_HZ ticks (100 per second).
    double user = cpuStat.getOrDefault("user", 0.0) / 100.0;
    double system = cpuStat.getOrDefault("system", 0.0) / 100.0;

    double memUsage = number(HostFiles.read(memory.resolve("memory.usage_in_bytes")));
    Map<String, Double> memStat =
        keyValues(
            HostFiles.read(memory.resolve("memory.stat")),
            "total_inactive_file",
            "total_rss",
            "rss",
            "total_cache",
            "cache");
    double inactiveFile = memStat.getOrDefault("total_inactive_file", 0.0);
    double rss = memStat.getOrDefault("total_rss", memStat.getOrDefault("rss", 0.0));
    double cache = memStat.getOrDefault("total_cache", memStat.getOrDefault("cache", 0.0));

    List<CgroupStats.BlkioEntry> io = new ArrayList<>();
    String blk =
        readOptional(blkio.resolve("blkio.throttle.io_service_bytes_recursive"))
            .or(() -> readOptional(blkio.resolve("blkio.throttle.io_service_bytes")))
            .orElse("");
    for (String line : blk.split("\n")) {
      String[] f = WS.split(line.trim());
      if (f.length != 3 || !(f[1].equals("Read") || f[1].equals("Write"))) {
        continue;
      }
      String[] mm = f[0].split(":");
      io.add(
          new CgroupStats.BlkioEntry(
              Integer.parseInt(mm[0]), Integer.parseInt(mm[1]), f[1], Double.parseDouble(f[2])));
    }
    return new CgroupStats(
        at.path(),
        usage,
        user,
        system,
        memUsage,
        workingSet(memUsage, inactiveFile),
        rss,
        cache,
        io);
  }

  private CgroupStats readV2(Location at) throws IOException {
    Path dir = at.memory(); // one directory for every controller on v2
    Map<String, Double> cpu =
        keyValues(
            HostFiles.read(dir.resolve("cpu.stat")), "usage_usec", "user_usec", "system_usec");
    double memUsage = number(HostFiles.read(dir.resolve("memory.current")));
    Map<String, Double> mem =
        keyValues(HostFiles.read(dir.resolve("memory.stat")), "inactive_file", "anon", "file");
    List<CgroupStats.BlkioEntry> io = new ArrayList<>();
    // io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0"
    for (String line : readOptional(dir.resolve("io.stat")).orElse("").split("\n")) {
      String[] f = WS.split(line.trim());
      if (f.length < 2 || !f[0].contains(":")) {
        continue;
      }
      String[] mm = f[0].split(":");
      for (int i = 1; i < f.length; i++) {
        String[] kv = f[i].split("=", 2);
        String op = kv[0].equals("rbytes") ? "Read" : kv[0].equals("wbytes") ? "Write" : null;
        if (op != null && kv.length == 2) {
          io.add(
              new CgroupStats.BlkioEntry(
                  Integer.parseInt(mm[0]), Integer.parseInt(mm[1]), op, Double.parseDouble(kv[1])));
        }
      }
    }
    return new CgroupStats(
        at.path(),
        cpu.getOrDefault("usage_usec", 0.0) / 1e6,
        cpu.getOrDefault("user_usec", 0.0) / 1e6,
        cpu.getOrDefault("system_usec", 0.0) / 1e6,
        memUsage,
        workingSet(memUsage, mem.getOrDefault("inactive_file", 0.0)),
        mem.getOrDefault("anon", 0.0),
        mem.getOrDefault("file", 0.0),
        io);
  }

  // cAdvisor: working set = usage - inactive_file, never below zero.
  private static double workingSet(double usage, double inactiveFile) {
    return Math.max(0, usage - inactiveFile);
  }

  private Path dir(String controller, String path) throws IOException {
    Path mount = v1Mounts.get(controller);
    if (mount == null || path == null) {
      throw new IOException("no cgroup v1 hierarchy for " + controller);
    }
    return mount.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /**
   * The wanted keys' values among "name value" lines (memory.stat, cpu.stat, cpuacct.stat); absent
   * or non-numeric keys are left out.
   */
  static Map<String, Double> keyValues(String text, String... wanted) {
    // Scanned by hand, and only the wanted values parsed: memory.stat has ~40 lines per container,
    // is read for every running container on every scrape, and we need three of them.
    Map<String, Double> out = new HashMap<>();
    int len = text.length();
    int pos = 0;
    while (pos < len) {
      int eol = text.indexOf('\n', pos);
      if (eol < 0) {
        eol = len;
      }
      int keyStart = skipSpace(text, pos, eol);
      int keyEnd = skipToken(text, keyStart, eol);
      String key = keyEnd > keyStart ? wantedKey(text, keyStart, keyEnd, wanted) : null;
      if (key != null) {
        int valueStart = skipSpace(text, keyEnd, eol);
        int valueEnd = skipToken(text, valueStart, eol);
        // Exactly two fields, as "name value".
        if (valueEnd > valueStart && valueStart > keyEnd && skipSpace(text, valueEnd, eol) == eol) {
          try {
            out.put(key, Double.parseDouble(text.substring(valueStart, valueEnd)));
          } catch (NumberFormatException e) {
            // Ignore non-numeric lines.
          }
        }
      }
      pos = eol + 1;
    }
    return out;
  }

  private static String wantedKey(String text, int start, int end, String[] wanted) {
    for (String w : wanted) {
      if (w.length() == end - start && text.startsWith(w, start)) {
        return w;
      }
    }
    return null;
  }

  private static int skipSpace(String s, int i, int end) {
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipToken(String s, int i, int end) {
    while (i < end && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static double number(String s) {
    return Double.parseDouble(s.trim());
  }

  private static Optional<String> readOptional(Path p) {
    try {
      return Optional.of(HostFiles.read(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
