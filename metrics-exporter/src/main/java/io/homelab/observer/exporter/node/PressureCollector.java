package io.homelab.observer.exporter.node;

import io.homelab.observer.exporter.host.HostPaths;
import io.homelab.observer.exporter.model.MetricFamily;
import io.homelab.observer.exporter.model.MetricType;
import io.homelab.observer.exporter.scrape.Collector;
import io.homelab.observer.exporter.scrape.NoDataException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pressure stall information from {@code /proc/pressure/{cpu,io,memory,irq}} (kernel 4.20+), as
 * node_exporter's pressure collector; totals are microseconds in the kernel, seconds here.
 *
 * <pre>
 * # HELP node_pressure_cpu_waiting_seconds_total Total time in seconds that processes have waited for CPU time
 * # TYPE node_pressure_cpu_waiting_seconds_total counter
 * </pre>
 */
public final class PressureCollector implements Collector {

  private final HostPaths paths;

  public PressureCollector(HostPaths paths) {
    this.paths = paths;
  }

  @Override
  public String name() {
    return "pressure";
  }

  @Override
  public List<MetricFamily> collect() throws IOException {
    Optional<String> cpu = ProcText.attr(paths.proc("pressure/cpu"));
    if (cpu.isEmpty()) {
      throw new NoDataException("pressure stall information is not available (no /proc/pressure)");
    }
    List<MetricFamily> out = new ArrayList<>();
    // node_exporter 1.5 reports only "some" for cpu (the kernel's cpu "full" line came later).
    total(cpu.get(), "some")
        .ifPresent(
            v ->
                out.add(
                    counter(
                        "node_pressure_cpu_waiting_seconds_total",
                        "Total time in seconds that processes have waited for CPU time",
                        v)));
    Optional<String> io = ProcText.attr(paths.proc("pressure/io"));
    if (io.isPresent()) {
      total(io.get(), "some")
          .ifPresent(
              v ->
                  out.add(
                      counter(
                          "node_pressure_io_waiting_seconds_total",
                          "Total time in seconds that processes have waited due to IO congestion",
                          v)));
      total(io.get(), "full")
          .ifPresent(
              v ->
                  out.add(
                      counter(
                          "node_pressure_io_stalled_seconds_total",
                          "Total time in seconds no process could make progress due to IO"
                              + " congestion",
                          v)));
    }
    Optional<String> mem = ProcText.attr(paths.proc("pressure/memory"));
    if (mem.isPresent()) {
      total(mem.get(), "some")
          .ifPresent(
              v ->
                  out.add(
                      counter(
                          "node_pressure_memory_waiting_seconds_total",
                          "Total time in seconds that processes have waited for memory",
                          v)));
      total(mem.get(), "full")
          .ifPresent(
              v ->
                  out.add(
                      counter(
                          "node_pressure_memory_stalled_seconds_total",
                          "Total time in seconds no process could make progress due to memory"
                              + " congestion",
                          v)));
    }
    // /proc/pressure/irq (kernel 6.1+, CONFIG_IRQ_TIME_ACCOUNTING); newer node_exporter reads it.
    ProcText.attr(paths.proc("pressure/irq"))
        .flatMap(irq -> total(irq, "full"))
        .ifPresent(
            v ->
                out.add(
                    counter(
                        "node_pressure_irq_stalled_seconds_total",
                        "Total time in seconds no process could make progress due to IRQ"
                            + " congestion",
                        v)));
    return out;
  }

  /** The total= of the "some" or "full" line, in seconds. */
  static Optional<Double> total(String text, String kind) {
    for (String line : text.split("\n")) {
      if (!line.startsWith(kind + " ")) {
        continue;
      }
      for (String f : ProcText.fields(line)) {
        if (f.startsWith("total=")) {
          return Optional.of(Double.parseDouble(f.substring(6)) / 1e6);
        }
      }
    }
    return Optional.empty();
  }

  private static MetricFamily counter(String name, String help, double v) {
    return MetricFamily.single(name, help, MetricType.COUNTER, v);
  }
}
