package io.homelab.observer.agent.logship;

import io.homelab.observer.exporter.model.MetricFamily;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Log shipping metrics, served with the agent's own metrics on {@code /q/metrics} (9100).
 *
 * <pre>
 * # HELP homelab_agent_logs_shipped_total Log lines accepted by the tracking server.
 * # TYPE homelab_agent_logs_shipped_total counter
 * homelab_agent_logs_shipped_total 1200.0
 * # HELP homelab_agent_logs_dropped_total Log lines given up, by reason.
 * # TYPE homelab_agent_logs_dropped_total counter
 * homelab_agent_logs_dropped_total{reason="buffer_full"} 0.0
 * homelab_agent_logs_dropped_total{reason="rejected"} 0.0
 * </pre>
 */
final class ShipCounters {

  final LongAdder read = new LongAdder();
  final LongAdder shipped = new LongAdder();
  final LongAdder droppedBufferFull = new LongAdder();
  final LongAdder droppedRejected = new LongAdder();
  final LongAdder sendErrors = new LongAdder();

  List<MetricFamily> collect(
      LongSupplier bufferBytes, IntSupplier bufferBatches, IntSupplier followed) {
    return List.of(
        MetricFamily.counter(
                "homelab_agent_logs_read_total", "Log lines read from containers and buffered.")
            .add(read.sum())
            .build(),
        MetricFamily.counter(
                "homelab_agent_logs_shipped_total", "Log lines accepted by the tracking server.")
            .add(shipped.sum())
            .build(),
        MetricFamily.counter("homelab_agent_logs_dropped_total", "Log lines given up, by reason.")
            .add(droppedBufferFull.sum(), "reason", "buffer_full")
            .add(droppedRejected.sum(), "reason", "rejected")
            .build(),
        MetricFamily.counter(
                "homelab_agent_logs_send_errors_total",
                "Failed attempts to send a log batch (each is retried).")
            .add(sendErrors.sum())
            .build(),
        MetricFamily.gauge(
                "homelab_agent_logs_buffer_bytes", "Bytes of log batches waiting on disk.")
            .add(bufferBytes.getAsLong())
            .build(),
        MetricFamily.gauge("homelab_agent_logs_buffer_batches", "Log batches waiting on disk.")
            .add(bufferBatches.getAsInt())
            .build(),
        MetricFamily.gauge(
                "homelab_agent_logs_followed_containers", "Containers whose logs are followed.")
            .add(followed.getAsInt())
            .build());
  }
}
