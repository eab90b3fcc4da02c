package io.homelab.observer.tracking.search;

import java.util.List;

/**
 * One comparison of a search filter: {@code <type>.<key> <op> <value>}.
 *
 * @param type metric, parameter, tag, attribute or dataset (aliases already resolved)
 * @param key the key after the type prefix, quotes removed
 * @param op upper-case comparator: = != &gt; &gt;= &lt; &lt;= LIKE ILIKE IN "NOT IN" "IS NULL" "IS
 *     NOT NULL"
 * @param value a String, a Double (numeric literal), a List of String (IN), or null (IS NULL)
 */
public record Clause(String type, String key, String op, Object value) {

  public static final String METRIC = "metric";
  public static final String PARAM = "parameter";
  public static final String TAG = "tag";
  public static final String ATTRIBUTE = "attribute";
  public static final String DATASET = "dataset";

  public Clause {
    if (value instanceof List<?> list) {
      value = List.copyOf(list);
    }
  }

  /** The value as a string (for string comparisons). */
  public String text() {
    return (String) value;
  }

  /** The value as a list (for IN / NOT IN). */
  @SuppressWarnings("unchecked")
  public List<String> list() {
    return (List<String>) value;
  }
}
