package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AccessRules.OnResource;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Scorer permissions as MLflow 3.17's auth app keys them: a grant on the pattern {@code
 * <experiment_id>/<quote(scorer_name, safe='')>} (Python's URL quoting, so {@code *} is {@code %2A}
 * and a {@code /} in a name cannot split the pattern). A scorer without a grant of its own has its
 * experiment's permission, as a run does (MLflow falls back to the default permission instead).
 */
final class ScorerGrants {

  private ScorerGrants() {}

  /** MLflow's {@code _scorer_pattern}. */
  static String pattern(String experimentId, String name) {
    return experimentId + "/" + quote(name);
  }

  /** The experiment id a pattern starts with, when numeric. */
  static Optional<String> experimentOf(String pattern) {
    int slash = pattern.indexOf('/');
    String id = slash < 0 ? pattern : pattern.substring(0, slash);
    return !id.isEmpty() && id.length() < 19 && id.chars().allMatch(Character::isDigit)
        ? Optional.of(id)
        : Optional.empty();
  }

  /**
   * The decision on a scorer route; {@code effective} is the user's permission on a resource.
   * Missing fields are let through: the handler answers 400.
   */
  static boolean permitted(
      OnResource rule,
      CanonicalRequest fields,
      ResourceLookup lookup,
      BiFunction<Resource, String, Permission> effective) {
    switch (rule.target()) {
      case NEW_SCORER -> {
        Optional<String> experiment = fields.first("experiment_id");
        Optional<String> name = fields.first("name");
        if (experiment.isEmpty() || name.isEmpty()) {
          return true;
        }
        // MLflow: UPDATE on the experiment, and no DENY on the scorer being versioned.
        return effective.apply(Resource.EXPERIMENT, experiment.get()).allows(Action.UPDATE)
            && effective.apply(Resource.SCORER, pattern(experiment.get(), name.get()))
                != Permission.DENY;
      }
      case SCORER -> {
        Optional<String> experiment = fields.first("experiment_id");
        Optional<String> name = fields.first("name");
        if (experiment.isEmpty() || name.isEmpty()) {
          return true;
        }
        return effective
            .apply(Resource.SCORER, pattern(experiment.get(), name.get()))
            .allows(rule.action());
      }
      case SCORER_CONFIGS -> {
        List<String> experiments = lookup.experimentsOfScorerConfigs(fields.all("scorer_ids"));
        return experiments.stream()
            .allMatch(e -> effective.apply(Resource.EXPERIMENT, e).allows(Action.READ));
      }
      default -> throw new IllegalArgumentException("not a scorer target: " + rule.target());
    }
  }

  /** Python's {@code urllib.parse.quote(s, safe='')}: all but unreserved bytes percent-encoded. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '.'
          || c == '-'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
