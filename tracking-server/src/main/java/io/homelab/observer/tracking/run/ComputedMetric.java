package io.homelab.observer.tracking.run;

/**
 * A metric value computed by the server rather than sent by a client.
 *
 * @param timestamp milliseconds since the epoch
 */
public record ComputedMetric(String key, double value, long timestamp, long step) {}
