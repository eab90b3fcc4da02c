package io.homelab.observer.agent.logship;

import static io.homelab.observer.agent.logship.ShipperHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.exporter.model.MetricFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log shipping throughput on the real dockerd (docs/benchmarks.md, "Agent log shipping"), with the
 * default batch settings: (1) a container prints {@code bench.lines} lines as fast as busybox can
 * while the receiver is up: seconds until all are accepted; (2) the same with the receiver down:
 * seconds until all are in the disk buffer, buffer bytes per line, then seconds to drain it once
 * the receiver is back. Not part of the suite (no {@code Test} suffix); run by
 * benchmarks/agent-logship.sh.
 */
class LogShipBenchmark {

  @TempDir Path dir;

  @Test
  void shippingThroughput() throws Exception {
    int lines = Integer.getInteger("bench.lines", 100_000);
    StringBuilder report = new StringBuilder();
    try (ShipperHarness harness = new ShipperHarness();
        LogReceiver receiver = new LogReceiver(ShipperHarness.TOKEN)) {
      receiver.countOnly();
      LogShipper.Settings s = harness.settings(receiver.baseUrl(), dir, false);
      LogShipper.Settings defaults =
          new LogShipper.Settings(
              s.baseUrl(),
              s.token(),
              s.host(),
              s.agentId(),
              false,
              1000,
              1 << 20,
              Duration.ofSeconds(2),
              256L << 20,
              Duration.ofSeconds(10),
              Duration.ofSeconds(2),
              s.dir(),
              s.scope());
      String script = "seq 1 " + lines + " | sed 's/^/bench line number /'";
      try (LogShipper shipper = harness.start(defaults)) {
        long t0 = System.nanoTime();
        harness.run("bench-live", Map.of(), script);
        await(
            120,
            "live lines accepted",
            () -> {
              System.out.printf(
                  "read %d shipped %d received %d errors %d%n",
                  value(shipper, "homelab_agent_logs_read_total"),
                  value(shipper, "homelab_agent_logs_shipped_total"),
                  receiver.received(),
                  value(shipper, "homelab_agent_logs_send_errors_total"));
              return receiver.received() >= lines;
            });
        double live = (System.nanoTime() - t0) / 1e9;
        report.append(
            String.format(
                "live: %d lines accepted in %.2f s = %.0f lines/s (container start included)%n",
                lines, live, lines / live));

        receiver.stop();
        t0 = System.nanoTime();
        harness.run("bench-buffered", Map.of(), script);
        await(
            600,
            "lines buffered",
            () -> value(shipper, "homelab_agent_logs_read_total") >= 2L * lines);
        double buffered = (System.nanoTime() - t0) / 1e9;
        double bytes = value(shipper, "homelab_agent_logs_buffer_bytes");
        report.append(
            String.format(
                "receiver down: %d lines into the disk buffer in %.2f s = %.0f lines/s;"
                    + " %.0f buffer bytes per line (%.1f MB)%n",
                lines, buffered, lines / buffered, bytes / lines, bytes / 1e6));
        t0 = System.nanoTime();
        receiver.start();
        await(600, "buffer drained", () -> receiver.received() >= 2L * lines);
        double drain = (System.nanoTime() - t0) / 1e9;
        report.append(
            String.format(
                "receiver back: buffer drained in %.2f s = %.0f lines/s%n", drain, lines / drain));
        assertThat(receiver.received()).isEqualTo(2L * lines);
      }
    }
    Path out = Path.of("target", "benchmarks", "agent-logship.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
    System.out.print(report);
  }

  private static long value(LogShipper shipper, String name) {
    List<MetricFamily> all = shipper.metrics();
    return all.stream()
        .filter(f -> f.name().equals(name))
        .mapToLong(f -> (long) f.samples().get(0).value())
        .findFirst()
        .orElse(0);
  }
}
