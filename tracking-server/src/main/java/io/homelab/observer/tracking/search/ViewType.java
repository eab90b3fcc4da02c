package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.error.MlflowException;
import java.util.List;
import java.util.Locale;

/** MLflow's ViewType enum (by name or by number, as protobuf JSON allows). */
public enum ViewType {
  ACTIVE_ONLY(List.of("active")),
  DELETED_ONLY(List.of("deleted")),
  ALL(List.of("active", "deleted"));

  private final List<String> stages;

  ViewType(List<String> stages) {
    this.stages = stages;
  }

  /** The lifecycle stages this view selects. */
  public List<String> stages() {
    return stages;
  }

  /** Parses a view type; null means ACTIVE_ONLY. */
  public static ViewType parse(String value) {
    if (value == null || value.isEmpty()) {
      return ACTIVE_ONLY;
    }
    switch (value.toUpperCase(Locale.ROOT)) {
      case "ACTIVE_ONLY", "1":
        return ACTIVE_ONLY;
      case "DELETED_ONLY", "2":
        return DELETED_ONLY;
      case "ALL", "3":
        return ALL;
      default:
        throw MlflowException.invalid("Invalid view type '" + value + "'.");
    }
  }
}
