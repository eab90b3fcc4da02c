package io.homelab.observer.tracking.tracemetrics;

import java.util.Map;

/**
 * One trace, span or assessment as the metrics see it: its time (ms, for buckets), the values of
 * the dimensions it can be grouped by (null: unknown), and the metric's value (null: none).
 */
record Sample(long timeMs, Map<String, String> dimensions, Double value) {}
