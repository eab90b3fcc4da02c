package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AccessRules.Target;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The experiments a trace request touches (MLflow 3 tracing): a trace belongs to its experiment, so
 * every trace route is decided on experiment permissions.
 */
final class TraceTargets {

  private TraceTargets() {}

  /** ALLOW: nothing to check, the handler answers (400 or 404); DENY: refuse; CHECK: check ids. */
  enum Verdict {
    ALLOW,
    DENY,
    CHECK
  }

  record Resolution(Verdict verdict, List<String> experiments) {}

  private static final Resolution ALLOW = new Resolution(Verdict.ALLOW, List.of());
  private static final Resolution DENY = new Resolution(Verdict.DENY, List.of());

  static Resolution resolve(
      Target target, CanonicalRequest fields, Optional<String> pathId, ResourceLookup lookup) {
    switch (target) {
      case TRACE -> {
        Optional<String> trace =
            pathId.or(() -> fields.first("trace_id")).or(() -> fields.first("request_id"));
        if (trace.isEmpty()) {
          return ALLOW; // the handler answers 400 for the missing field
        }
        // An unknown trace: the handler answers 404, which tells no more than a 403.
        return lookup.experimentOfTrace(trace.get()).map(TraceTargets::check).orElse(ALLOW);
      }
      case TRACE_IDS -> {
        List<String> ids = new ArrayList<>();
        for (String trace : fields.all("trace_ids")) {
          lookup.experimentOfTrace(trace).ifPresent(ids::add);
        }
        return new Resolution(Verdict.CHECK, ids);
      }
      case TRACE_LOCATIONS -> {
        return checkAll(fields.at("locations", "mlflow_experiment", "experiment_id"));
      }
      case NEW_TRACE -> {
        List<String> ids =
            fields.at(
                "trace", "trace_info", "trace_location", "mlflow_experiment", "experiment_id");
        if (ids.isEmpty()) {
          // MLflow 2's StartTrace names the experiment at the top level.
          ids = fields.all("experiment_id");
        }
        return ids.isEmpty() ? ALLOW : checkAll(ids);
      }
      case EXPERIMENT_HEADER -> {
        return pathId.map(id -> checkAll(List.of(id))).orElse(ALLOW);
      }
      default -> throw new IllegalArgumentException(target.name());
    }
  }

  private static Resolution check(String experimentId) {
    return new Resolution(Verdict.CHECK, List.of(experimentId));
  }

  /**
   * Ids read from nested fields or a header bypass the canonical request's check: one not in the
   * canonical decimal form ("01") must not be checked as one experiment and served as another.
   */
  private static Resolution checkAll(List<String> ids) {
    if (!ids.stream().allMatch(id -> id.matches("0|[1-9][0-9]{0,17}"))) {
      return DENY;
    }
    return new Resolution(Verdict.CHECK, ids);
  }
}
