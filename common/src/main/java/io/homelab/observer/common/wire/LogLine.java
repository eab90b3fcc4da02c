package io.homelab.observer.common.wire;

/**
 * One container log line; in a follow stream each SSE {@code data:} is one of these.
 *
 * @param stream stdout or stderr
 * @param timestamp Docker's RFC 3339 timestamp when asked with {@code timestamps=true}, else null
 */
public record LogLine(String stream, String timestamp, String message) {}
