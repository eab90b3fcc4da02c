package io.homelab.observer.tracking.trace;

/**
 * A span row of the {@code spans} table; {@code inputs} and {@code outputs} are the span's inputs
 * and outputs as JSON text, for the previews of a trace created from its spans.
 */
record StoredSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String type,
    String status,
    long startNanos,
    Long endNanos,
    String content,
    String inputs,
    String outputs) {

  boolean root() {
    return parentSpanId == null;
  }
}
