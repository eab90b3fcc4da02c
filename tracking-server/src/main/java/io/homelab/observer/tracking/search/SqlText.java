package io.homelab.observer.tracking.search;

import io.homelab.observer.tracking.store.Database.Dialect;
import java.util.List;

/**
 * Comparison SQL shared by the search translators. Values are always bound ({@code ?}); only column
 * names chosen from fixed tables and fixed operators are written into the text.
 */
public final class SqlText {

  private SqlText() {}

  /**
   * A string comparison {@code column op ?} with MLflow's case rules: LIKE is case-sensitive
   * (SQLite's LIKE is not, so SQLite uses GLOB with the pattern translated), ILIKE is
   * case-insensitive.
   */
  public static String stringComparison(
      Dialect dialect, String column, String op, String value, List<Object> args) {
    switch (op) {
      case "=", "!=" -> {
        args.add(value);
        return column + " " + op + " ?";
      }
      case "LIKE" -> {
        if (dialect == Dialect.SQLITE) {
          args.add(likeToGlob(value));
          return column + " GLOB ?";
        }
        args.add(value);
        return column + " LIKE ?";
      }
      case "ILIKE" -> {
        args.add(value);
        return dialect == Dialect.SQLITE
            ? "LOWER(" + column + ") LIKE LOWER(?)"
            : column + " ILIKE ?";
      }
      default -> throw new IllegalArgumentException(op);
    }
  }

  /** {@code column IN (?, ?, ...)} or NOT IN. */
  public static String inList(String column, String op, List<String> values, List<Object> args) {
    if (values.isEmpty()) {
      return op.equals("IN") ? "1 = 0" : "1 = 1";
    }
    args.addAll(values);
    return column
        + (op.equals("IN") ? " IN (" : " NOT IN (")
        + "?, ".repeat(values.size() - 1)
        + "?)";
  }

  /** Translates a SQL LIKE pattern to a SQLite GLOB pattern (case-sensitive). */
  static String likeToGlob(String like) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      switch (c) {
        case '%' -> b.append('*');
        case '_' -> b.append('?');
        case '*' -> b.append("[*]");
        case '?' -> b.append("[?]");
        case '[' -> b.append("[[]");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
