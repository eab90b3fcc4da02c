package io.homelab.observer.tracking.search;

/** One parsed order_by entry: {@code metrics.acc DESC} is (metric, acc, false). */
public record OrderBy(String type, String key, boolean ascending) {}
