package io.homelab.observer.tracking.trace;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database.Dialect;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MLflow's trace search grammar (SearchTraceUtils) translated to SQL with bound values only:
 * attributes ({@code trace.}/{@code attributes.} or bare: request_id, timestamp[_ms],
 * execution_time[_ms], end_time[_ms], status, client_request_id, name, run_id), {@code tags.} and
 * {@code metadata.}/{@code request_metadata.} keys, joined by AND; order_by on those, then
 * timestamp DESC and request id; {@code trace.text LIKE} over the spans' JSON. Span, feedback,
 * expectation and issue filters are refused (planned).
 */
final class TraceSearch {

  static final String METADATA = "metadata";
  static final String TRACE_NAME_TAG = "mlflow.traceName";
  static final String SOURCE_RUN_METADATA = "mlflow.sourceRun";

  private static final Map<String, String> ATTRIBUTE_ALIASES =
      Map.of(
          "timestamp", "timestamp_ms",
          "execution_time", "execution_time_ms",
          "end_time", "end_time_ms",
          "state", "status");
  private static final Set<String> NUMERIC =
      Set.of("timestamp_ms", "execution_time_ms", "end_time_ms");
  private static final Set<String> STRING_ATTRIBUTES =
      Set.of("request_id", "status", "client_request_id", "name", "run_id", "text");
  private static final Set<String> PLANNED = Set.of("span", "feedback", "expectation", "issue");

  /** A query: SQL text and its bound values. */
  record Query(String sql, List<Object> args) {}

  private TraceSearch() {}

  /** {@code [type, key]} of a trace filter identifier. */
  static String[] identifier(String ident) {
    int dot = ident.indexOf('.');
    if (dot < 0) {
      return new String[] {Clause.ATTRIBUTE, attribute(unquote(ident))};
    }
    String prefix = unquote(ident.substring(0, dot)).toLowerCase(Locale.ROOT);
    String key = unquote(ident.substring(dot + 1));
    return switch (prefix) {
      case "attribute", "attributes", "trace" -> new String[] {Clause.ATTRIBUTE, attribute(key)};
      case "tag", "tags" -> new String[] {Clause.TAG, key};
      case "metadata", "request_metadata" -> new String[] {METADATA, key};
      default -> {
        if (PLANNED.contains(prefix)) {
          throw MlflowException.invalid(
              "Searching traces by '" + prefix + ".' is not supported by this server yet.");
        }
        throw MlflowException.invalid(
            "Invalid entity type '"
                + prefix
                + "'. Valid values are ['tag', 'attribute', 'request_metadata', 'span',"
                + " 'feedback', 'expectation', 'issue']");
      }
    };
  }

  private static String attribute(String key) {
    String k = ATTRIBUTE_ALIASES.getOrDefault(key, key);
    if (!NUMERIC.contains(k) && !STRING_ATTRIBUTES.contains(k)) {
      throw MlflowException.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are '['client_request_id', 'end_time', 'end_time_ms',"
              + " 'execution_time', 'execution_time_ms', 'name', 'request_id', 'run_id',"
              + " 'status', 'text', 'timestamp', 'timestamp_ms']'");
    }
    return k;
  }

  private static String unquote(String s) {
    if (s.length() >= 2) {
      char a = s.charAt(0);
      char b = s.charAt(s.length() - 1);
      if (a == b && (a == '`' || a == '"' || a == '\'')) {
        return s.substring(1, s.length() - 1);
      }
    }
    return s;
  }

  /** The page query: {@code limit} rows from {@code offset}. */
  static Query build(
      Dialect dialect,
      List<String> experimentIds,
      String filter,
      List<String> orderBy,
      int offset,
      int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(prefixed(TraceStore.COLUMNS))
            .append(" FROM trace_info t WHERE t.experiment_id IN (")
            .append(Jdbc.placeholders(experimentIds.size()))
            .append(")");
    experimentIds.forEach(id -> args.add(Long.parseLong(id)));
    for (Clause c : FilterParser.parse(filter, TraceSearch::identifier)) {
      sql.append(" AND ").append(condition(dialect, c, args));
    }
    sql.append(" ORDER BY ").append(order(orderBy, args));
    sql.append(" LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return new Query(sql.toString(), args);
  }

  /**
   * The count of traces in the experiments matching every one of {@code filters} (each in the
   * search grammar; null or blank entries match all).
   */
  static Query count(Dialect dialect, List<String> experimentIds, List<String> filters) {
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT COUNT(*) FROM trace_info t WHERE t.experiment_id IN (")
            .append(Jdbc.placeholders(experimentIds.size()))
            .append(")");
    experimentIds.forEach(id -> args.add(Long.parseLong(id)));
    for (String filter : filters) {
      for (Clause c : FilterParser.parse(filter, TraceSearch::identifier)) {
        sql.append(" AND ").append(condition(dialect, c, args));
      }
    }
    return new Query(sql.toString(), args);
  }

  private static String prefixed(String columns) {
    return "t." + columns.replace(", ", ", t.");
  }

  private static String condition(Dialect dialect, Clause c, List<Object> args) {
    String op = c.op();
    if (c.type().equals(Clause.TAG) || c.type().equals(METADATA)) {
      String table = c.type().equals(Clause.TAG) ? TraceStore.TAGS : TraceStore.METADATA;
      return keyValue(dialect, table, c.key(), op, c.value(), args);
    }
    String key = c.key();
    if (NUMERIC.contains(key)) {
      if (!(c.value() instanceof Double d)
          || !Set.of("=", "!=", ">", ">=", "<", "<=").contains(op)) {
        throw MlflowException.invalid(
            "Invalid comparison for numeric attribute '"
                + key
                + "': expected a number and one of"
                + " =, !=, >, >=, <, <=.");
      }
      String column =
          switch (key) {
            case "timestamp_ms" -> "t.timestamp_ms";
            case "execution_time_ms" -> "t.execution_time_ms";
            default -> "(t.timestamp_ms + t.execution_time_ms)";
          };
      args.add(d == Math.rint(d) ? (Object) d.longValue() : d);
      return column + " " + op + " ?";
    }
    if (c.value() instanceof Double || op.startsWith("IS")) {
      throw MlflowException.invalid(
          "Invalid comparison for attribute '" + key + "': expected a quoted string.");
    }
    return switch (key) {
      case "name" -> keyValue(dialect, TraceStore.TAGS, TRACE_NAME_TAG, op, c.value(), args);
      case "run_id" -> runId(dialect, op, c, args);
      case "text" -> {
        // Full text: any span of the trace whose stored JSON (names, inputs, outputs,
        // attributes) matches, as MLflow's trace.text.
        if (!op.equals("LIKE") && !op.equals("ILIKE")) {
          throw MlflowException.invalid("trace.text only supports LIKE and ILIKE.");
        }
        yield "EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.request_id AND "
            + SqlText.stringComparison(dialect, "s.content", op, c.text(), args)
            + ")";
      }
      default -> string(dialect, "t." + key, op, c, args);
    };
  }

  /** A trace is a run's when its metadata names the run or it was linked to it. */
  private static String runId(Dialect dialect, String op, Clause c, List<Object> args) {
    String meta = keyValue(dialect, TraceStore.METADATA, SOURCE_RUN_METADATA, op, c.value(), args);
    String linked =
        "EXISTS (SELECT 1 FROM trace_run_links l WHERE l.trace_id = t.request_id AND "
            + string(dialect, "l.run_id", op, c, args)
            + ")";
    return "(" + meta + " OR " + linked + ")";
  }

  private static String string(
      Dialect dialect, String column, String op, Clause c, List<Object> args) {
    if (op.equals("IN") || op.equals("NOT IN")) {
      return SqlText.inList(column, op, c.list(), args);
    }
    if (!Set.of("=", "!=", "LIKE", "ILIKE").contains(op)) {
      throw MlflowException.invalid(
          "Invalid comparator '" + op + "' for a string; use =, !=, LIKE, ILIKE, IN or NOT IN.");
    }
    return SqlText.stringComparison(dialect, column, op, c.text(), args);
  }

  private static String keyValue(
      Dialect dialect, String table, String key, String op, Object value, List<Object> args) {
    String exists =
        "EXISTS (SELECT 1 FROM " + table + " k WHERE k.request_id = t.request_id AND k.key = ?";
    args.add(key);
    return switch (op) {
      case "IS NULL" -> "NOT " + exists + ")";
      case "IS NOT NULL" -> exists + ")";
      default -> {
        if (!(value instanceof String text) || !Set.of("=", "!=", "LIKE", "ILIKE").contains(op)) {
          throw MlflowException.invalid(
              "Invalid comparison for tag or metadata '"
                  + key
                  + "': use =, !=, LIKE, ILIKE with a quoted string, IS NULL or IS NOT NULL.");
        }
        yield exists + " AND " + SqlText.stringComparison(dialect, "k.value", op, text, args) + ")";
      }
    };
  }

  private static String order(List<String> orderBy, List<Object> args) {
    List<String> parts = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : orderBy == null ? List.<String>of() : orderBy) {
      String[] words = entry.trim().split("\\s+");
      if (words.length == 0 || words.length > 2 || words[0].isEmpty()) {
        throw MlflowException.invalid("Invalid order_by clause '" + entry + "'.");
      }
      boolean ascending = true;
      if (words.length == 2) {
        String dir = words[1].toUpperCase(Locale.ROOT);
        if (!dir.equals("ASC") && !dir.equals("DESC")) {
          throw MlflowException.invalid(
              "Invalid ordering key in order_by clause '" + entry + "'. Expected ASC or DESC.");
        }
        ascending = dir.equals("ASC");
      }
      String[] id = identifier(words[0]);
      if (!seen.add(id[0] + "." + id[1])) {
        throw MlflowException.invalid("`order_by` contains duplicate fields: " + orderBy);
      }
      String value = orderValue(id, args);
      // Missing values last in either direction, as MLflow's CASE WHEN ... IS NULL.
      parts.add("CASE WHEN " + value + " IS NULL THEN 1 ELSE 0 END");
      if (value.contains("?")) {
        args.add(args.get(args.size() - 1));
      }
      parts.add(value + (ascending ? "" : " DESC"));
    }
    parts.add("t.timestamp_ms DESC");
    parts.add("t.request_id");
    return String.join(", ", parts);
  }

  private static String orderValue(String[] id, List<Object> args) {
    if (id[0].equals(Clause.ATTRIBUTE)) {
      return switch (id[1]) {
        case "timestamp_ms" -> "t.timestamp_ms";
        case "execution_time_ms" -> "t.execution_time_ms";
        case "end_time_ms" -> "(t.timestamp_ms + t.execution_time_ms)";
        case "status" -> "t.status";
        case "request_id" -> "t.request_id";
        case "client_request_id" -> "t.client_request_id";
        case "name" -> subquery(TraceStore.TAGS, TRACE_NAME_TAG, args);
        case "run_id" -> subquery(TraceStore.METADATA, SOURCE_RUN_METADATA, args);
        default -> throw MlflowException.invalid("Invalid order_by attribute '" + id[1] + "'.");
      };
    }
    return subquery(id[0].equals(Clause.TAG) ? TraceStore.TAGS : TraceStore.METADATA, id[1], args);
  }

  private static String subquery(String table, String key, List<Object> args) {
    args.add(key);
    return "(SELECT v.value FROM " + table + " v WHERE v.request_id = t.request_id AND v.key = ?)";
  }
}
