package io.homelab.observer.tracking.logs.store;

import java.util.List;

/**
 * A log query as SQL: an optional SQLite FTS5 {@code MATCH} expression that drives the scan, and a
 * condition on {@code log_entries e} with its arguments.
 */
record SqlPlan(String match, String where, List<Object> args) {

  SqlPlan {
    args = List.copyOf(args);
  }

  boolean hasMatch() {
    return match != null;
  }
}
