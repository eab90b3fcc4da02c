package io.homelab.observer.controller.metrics.tsdb;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a selector: {@code =}, {@code !=}, {@code =~} or {@code !~}. Regular
 * expressions are anchored at both ends as in Prometheus; a missing label matches as the empty
 * string.
 */
public record LabelMatcher(Type type, String name, String value, Pattern pattern) {

  /** The four matcher kinds. */
  public enum Type {
    EQ("="),
    NEQ("!="),
    RE("=~"),
    NRE("!~");

    public final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }
  }

  /**
   * @throws IllegalArgumentException when a regular expression does not compile
   */
  public static LabelMatcher of(Type type, String name, String value) {
    Pattern p = null;
    if (type == Type.RE || type == Type.NRE) {
      try {
        p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression " + value + ": " + e.getDescription());
      }
    }
    return new LabelMatcher(type, name, value, p);
  }

  public boolean matches(String actual) {
    String v = actual == null ? "" : actual;
    return switch (type) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> pattern.matcher(v).matches();
      case NRE -> !pattern.matcher(v).matches();
    };
  }

  public boolean matches(Map<String, String> labels) {
    return matches(labels.get(name));
  }

  /** True when this matcher also matches the empty string (so it cannot narrow a search alone). */
  public boolean matchesEmpty() {
    return matches("");
  }

  @Override
  public String toString() {
    return name + type.symbol + '"' + value + '"';
  }
}
