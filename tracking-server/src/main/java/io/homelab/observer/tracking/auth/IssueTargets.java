package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AccessRules.Rule;
import io.homelab.observer.tracking.auth.AccessRules.Target;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import java.util.Optional;

/**
 * Issue permissions as MLflow 3.17's auth app decides them: issues are experiment-scoped. Create
 * needs UPDATE and search READ on the {@code experiment_id} sent (none sent: refused, so a search
 * cannot list every experiment's issues); get needs READ and update UPDATE on the issue's
 * experiment (an unknown issue is refused, as MLflow's validator answers False for it).
 */
final class IssueTargets {

  private IssueTargets() {}

  /** The rule of an {@code issues...} operation; empty for an unknown route. */
  static Optional<Rule> rule(String method, String operation) {
    if (operation.equals("issues") && method.equals("POST")) {
      return Optional.of(new AccessRules.OnResource(Action.UPDATE, Target.ISSUE_SCOPE));
    }
    if (operation.equals("issues/search") && method.equals("POST")) {
      return Optional.of(new AccessRules.OnResource(Action.READ, Target.ISSUE_SCOPE));
    }
    if (issueId(operation).isPresent()) {
      return switch (method) {
        case "GET", "HEAD" -> Optional.of(new AccessRules.OnResource(Action.READ, Target.ISSUE));
        case "PATCH" -> Optional.of(new AccessRules.OnResource(Action.UPDATE, Target.ISSUE));
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** The issue id of {@code issues/{id}}. */
  static Optional<String> issueId(String operation) {
    if (!operation.startsWith("issues/")) {
      return Optional.empty();
    }
    String id = operation.substring("issues/".length());
    return id.isEmpty() || id.contains("/") || id.equals("search")
        ? Optional.empty()
        : Optional.of(id);
  }

  /** Whether a target is an issue target. */
  static boolean handles(Target target) {
    return target == Target.ISSUE || target == Target.ISSUE_SCOPE;
  }

  /** The experiment whose permission decides; empty means refuse. */
  static Optional<String> experiment(
      Target target, CanonicalRequest fields, Optional<String> pathId, ResourceLookup lookup) {
    if (target == Target.ISSUE) {
      return pathId.flatMap(lookup::experimentOfIssue);
    }
    return fields.first("experiment_id").filter(id -> !id.isEmpty());
  }
}
