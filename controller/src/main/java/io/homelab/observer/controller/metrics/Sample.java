package io.homelab.observer.controller.metrics;

import java.util.SortedMap;

/**
 * One sample as the rest of the controller sees it: the series' labels (with {@code __name__}), the
 * time in unix milliseconds and the value. The contract between the metrics store and its users
 * (alerts, monitors, remote write), so that none of them depends on how the store is built.
 */
public record Sample(SortedMap<String, String> labels, long timestampMillis, double value) {}
