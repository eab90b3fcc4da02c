package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One silence matcher as Alertmanager writes it: {@code name}, {@code value}, {@code isRegex},
 * {@code isEqual} (false = the label must not match). Regexes are anchored, as in Alertmanager.
 */
@RegisterForReflection
public record Matcher(String name, String value, boolean isRegex, Boolean isEqual) {

  public Matcher {
    isEqual = isEqual == null || isEqual;
  }

  /** Compiles the regex once; throws IllegalArgumentException for a bad one. */
  Pattern pattern() {
    return Pattern.compile("^(?:" + value + ")$");
  }

  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    boolean hit = isRegex ? pattern().matcher(actual).matches() : actual.equals(value);
    return hit == isEqual;
  }
}
