package io.homelab.observer.exporter.gpu;

import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.scrape.Collector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * GPU metrics with nvidia_gpu_exporter's names, from one {@code nvidia-smi --query-gpu=...
 * --format=csv,noheader,nounits} call per scrape.
 *
 * <pre>
 * # HELP nvidia_smi_memory_used_bytes memory.used [MiB]
 * # TYPE nvidia_smi_memory_used_bytes gauge
 * nvidia_smi_memory_used_bytes{name="NVIDIA GeForce RTX 3090",uuid="6f2a8c1e-…"} 1.073741824e+09
 * </pre>
 *
 * <p>SPEC.md: a host without a GPU or without the binary has no GPU series and no error (one debug
 * line). This is the project's one documented exception to node_exporter's "no external commands".
 */
public final class NvidiaSmiCollector implements Collector {

  /** One queried field: nvidia-smi name, unit as nvidia-smi prints it in the header, scale. */
  record Field(String query, String unit) {}

  // Fields every driver since the 4xx series knows; identity first (see parse()).
  static final List<Field> FIELDS =
      List.of(
          new Field("uuid", ""),
          new Field("name", ""),
          new Field("index", ""),
          new Field("pci.bus_id", ""),
          new Field("driver_version", ""),
          new Field("vbios_version", ""),
          new Field("memory.total", "MiB"),
          new Field("memory.used", "MiB"),
          new Field("memory.free", "MiB"),
          new Field("utilization.gpu", "%"),
          new Field("utilization.memory", "%"),
          new Field("temperature.gpu", ""),
          new Field("power.draw", "W"),
          new Field("power.limit", "W"),
          new Field("enforced.power.limit", "W"),
          new Field("fan.speed", "%"),
          new Field("clocks.current.graphics", "MHz"),
          new Field("clocks.current.sm", "MHz"),
          new Field("clocks.current.memory", "MHz"),
          new Field("clocks.current.video", "MHz"),
          new Field("encoder.stats.sessionCount", ""),
          new Field("pstate", ""));

  /** Fields present in every nvidia-smi since the 3xx drivers, for drivers that reject FIELDS. */
  static final List<Field> BASIC_FIELDS =
      FIELDS.stream()
          .filter(
              f ->
                  !Set.of(
                          "enforced.power.limit",
                          "clocks.current.video",
                          "encoder.stats.sessionCount")
                      .contains(f.query()))
          .toList();

  // nvidia-smi's message for an unknown --query-gpu field.
  static final String INVALID_FIELD = "is not a valid field to query";

  private static final int IDENTITY_FIELDS = 6;
  private static final Logger LOG = Logger.getLogger(NvidiaSmiCollector.class);

  /** A missing binary is looked for again after this long (a driver installed later). */
  static final Duration RECHECK = Duration.ofMinutes(1);

  private final String binary;
  private final Duration timeout;
  private final AtomicBoolean absenceLogged = new AtomicBoolean();
  // Spawning a process that fails to exec still forks; on a GPU-less host that would cost every
  // scrape a fork, so absence of the binary is remembered for RECHECK.
  private volatile long absentUntilNanos;
  private volatile List<Field> fields = FIELDS;

  public NvidiaSmiCollector(String binary, Duration timeout) {
    this.binary = binary;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "gpu";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    if (absentUntilNanos != 0 && System.nanoTime() - absentUntilNanos < 0) {
      return List.of();
    }
    Optional<Path> exe = resolve(binary);
    if (exe.isEmpty()) {
      absentUntilNanos = System.nanoTime() + RECHECK.toNanos();
      noGpu(binary + " not found");
      return List.of();
    }
    absentUntilNanos = 0;
    String output = run(exe.get(), fields);
    if (output != null && output.contains(INVALID_FIELD) && fields != BASIC_FIELDS) {
      // An older driver rejects the whole query for one field it does not know; fall back to the
      // fields every driver has, once, and say so (a GPU host silently losing its series would be
      // worse than a warning).
      LOG.warnf("nvidia-smi rejected the query (%s); using the basic field set", firstLine(output));
      fields = BASIC_FIELDS;
      output = run(exe.get(), fields);
    }
    return output == null ? List.of() : parse(output, fields);
  }

  /** Output of one query, or null when the host has no usable GPU. */
  private String run(Path exe, List<Field> query) throws IOException {
    Process p;
    try {
      p =
          new ProcessBuilder(
                  exe.toString(),
                  "--query-gpu=" + String.join(",", query.stream().map(Field::query).toList()),
                  "--format=csv,noheader,nounits")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      noGpu("nvidia-smi not available (" + e.getMessage() + ")");
      return null;
    }
    String output;
    try (InputStream in = p.getInputStream()) {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("nvidia-smi did not answer within " + timeout.toMillis() + " ms");
      }
      output = readAll(in);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for nvidia-smi", e);
    }
    if (p.exitValue() != 0) {
      if (output.contains(INVALID_FIELD)) {
        return output;
      }
      // "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver", or
      // "No devices were found": a host without a usable GPU, not a failure of ours.
      noGpu("nvidia-smi exited with " + p.exitValue() + ": " + firstLine(output));
      return null;
    }
    return output;
  }

  /** The binary itself when given as a path, else the first executable match on PATH. */
  static Optional<Path> resolve(String binary) {
    if (binary.contains("/")) {
      Path p = Path.of(binary);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, binary);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private void noGpu(String why) {
    if (absenceLogged.compareAndSet(false, true)) {
      LOG.debugf("no GPU metrics: %s", why);
    }
  }

  // Small output; waitFor first is safe because the pipe buffer (64 KiB) holds it.
  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** Parses the CSV lines; {@code [N/A]} and {@code [Not Supported]} fields are skipped. */
  static List<MetricFamily> parse(String csv) {
    return parse(csv, FIELDS);
  }

  /** Parses lines answering a query of {@code fields} (identity fields first). */
  static List<MetricFamily> parse(String csv, List<Field> fields) {
    Map<String, MetricFamily.Builder> families = new LinkedHashMap<>();
    MetricFamily.Builder info =
        MetricFamily.gauge(
            "nvidia_smi_gpu_info",
            "A metric with a constant '1' value labeled by gpu uuid, name, index, pci_bus_id,"
                + " driver_version and vbios_version.");
    for (String line : csv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] v = line.split(",", -1);
      if (v.length != fields.size()) {
        continue;
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = v[i].trim();
      }
      // nvidia_gpu_exporter labels GPUs by the lower-case uuid without nvidia-smi's "GPU-" prefix.
      String uuid = v[0].toLowerCase(java.util.Locale.ROOT);
      if (uuid.startsWith("gpu-")) {
        uuid = uuid.substring(4);
      }
      String name = v[1];
      info.add(
          1,
          "uuid",
          uuid,
          "name",
          name,
          "index",
          v[2],
          "pci_bus_id",
          v[3],
          "driver_version",
          v[4],
          "vbios_version",
          v[5]);
      for (int i = IDENTITY_FIELDS; i < fields.size(); i++) {
        Field f = fields.get(i);
        Double value = value(f, v[i]);
        if (value == null) {
          continue;
        }
        String metric = metricName(f);
        families
            .computeIfAbsent(
                metric,
                k ->
                    MetricFamily.gauge(
                        k, f.query() + (f.unit().isEmpty() ? "" : " [" + f.unit() + "]")))
            .add(value, "uuid", uuid, "name", name);
      }
    }
    List<MetricFamily> out = new ArrayList<>();
    if (!info.isEmpty()) {
      out.add(info.build());
    }
    families.values().forEach(b -> out.add(b.build()));
    return out;
  }

  /**
   * nvidia_gpu_exporter's naming: "nvidia_smi_" + field with dots as underscores and camelCase as
   * snake_case, then the unit: MiB -> _bytes, % -> _ratio, W -> _watts, MHz -> _clock_hz.
   */
  static String metricName(Field f) {
    String base =
        "nvidia_smi_"
            + f.query().replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase();
    return switch (f.unit()) {
      case "MiB" -> base + "_bytes";
      case "%" -> base + "_ratio";
      case "W" -> base + "_watts";
      case "MHz" -> base + "_clock_hz";
      default -> base;
    };
  }

  static Double value(Field f, String raw) {
    if (raw.isEmpty() || raw.startsWith("[") || raw.equals("N/A")) {
      return null;
    }
    if (f.query().equals("pstate")) {
      // "P0".."P15"; P0 is maximum performance.
      return raw.startsWith("P") ? number(raw.substring(1)) : null;
    }
    Double d = number(raw);
    if (d == null) {
      return null;
    }
    return switch (f.unit()) {
      case "MiB" -> d * 1024 * 1024;
      case "%" -> d / 100.0;
      case "MHz" -> d * 1e6;
      default -> d;
    };
  }

  private static Double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
