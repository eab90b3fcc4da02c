package io.homelab.observer.tracking.trace;

/** A row of {@code trace_info}: times in epoch / duration milliseconds, state by name. */
record TraceRow(
    String traceId,
    String experimentId,
    long timestampMs,
    Long executionTimeMs,
    String state,
    String clientRequestId,
    String requestPreview,
    String responsePreview) {}
