package io.homelab.observer.tracking.run;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a runs search (filter clauses, order_by, experiments, view) into one SQL query with
 * bound parameters, following MLflow's SQL store: filters on metrics use the latest value of each
 * key, a run lacking the key never matches, order_by puts missing values (and NaN metrics) last,
 * and the natural order is start_time DESC then run_id.
 */
final class RunSearch {

  static final Map<String, String> STRING_ATTRIBUTES =
      Map.of(
          "run_id", "r.run_uuid",
          "run_name", "r.name",
          "run name", "r.name",
          "Run name", "r.name",
          "Run Name", "r.name",
          "status", "r.status",
          "user_id", "r.user_id",
          "artifact_uri", "r.artifact_uri",
          "lifecycle_stage", "r.lifecycle_stage");
  static final Map<String, String> NUMERIC_ATTRIBUTES =
      Map.of(
          "start_time", "r.start_time",
          "end_time", "r.end_time",
          "created", "r.start_time",
          "Created", "r.start_time");
  private static final Set<String> METRIC_OPS = Set.of("=", "!=", ">", ">=", "<", "<=");
  private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE");

  private RunSearch() {}

  /** The SQL selecting run infos; {@code args} receives the bound values in order. */
  static String sql(
      Dialect dialect,
      List<Long> experimentIds,
      List<String> stages,
      List<Clause> filter,
      List<OrderBy> orderBy,
      int limit,
      int offset,
      List<Object> args) {
    StringBuilder joins = new StringBuilder();
    List<String> orderTerms = new ArrayList<>();
    List<Object> joinArgs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean startTimeOrdered = false;
    int n = 0;
    // A metric both filtered and ordered on is read once: the run's row of it is joined (the filter
    // needs it to exist) and the filter compares that row, instead of an EXISTS lookup per run plus
    // a
    // LEFT JOIN lookup of the same row. CROSS JOIN keeps SQLite walking the requested experiments'
    // runs first (it never reorders a CROSS JOIN); PostgreSQL plans it as any inner join.
    Set<String> filteredMetrics = new HashSet<>();
    for (Clause c : filter) {
      if (c.type().equals(Clause.METRIC) && METRIC_OPS.contains(c.op())) {
        filteredMetrics.add(c.key());
      }
    }
    Map<String, String> joinedMetrics = new HashMap<>();
    List<String> joinConditions = new ArrayList<>();
    List<Object> joinConditionArgs = new ArrayList<>();
    for (OrderBy o : orderBy) {
      if (!seen.add(o.type() + "." + o.key())) {
        throw MlflowException.invalid("`order_by` contains duplicate fields: " + orderBy);
      }
      String dir = o.ascending() ? " ASC" : " DESC";
      switch (o.type()) {
        case Clause.ATTRIBUTE -> {
          String column = orderColumn(o.key());
          startTimeOrdered |= column.equals("r.start_time");
          orderTerms.add("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END");
          orderTerms.add(column + dir);
        }
        case Clause.METRIC -> {
          String a = "o" + n++;
          if (filteredMetrics.contains(o.key())) {
            joins.append(" CROSS JOIN latest_metrics ").append(a);
            joinConditions.add(a + ".run_uuid = r.run_uuid AND " + a + ".key = ?");
            joinConditionArgs.add(o.key());
            joinedMetrics.put(o.key(), a);
          } else {
            joinByKey(joins, "latest_metrics", a);
            joinArgs.add(o.key());
          }
          orderTerms.add(
              "CASE WHEN "
                  + a
                  + ".is_nan = 1 THEN 1 WHEN "
                  + a
                  + ".value IS NULL THEN 2 ELSE 0 END");
          orderTerms.add(a + ".value" + dir);
        }
        case Clause.PARAM, Clause.TAG -> {
          String a = "o" + n++;
          String table = o.type().equals(Clause.PARAM) ? "params" : "tags";
          joinByKey(joins, table, a);
          joinArgs.add(o.key());
          orderTerms.add("CASE WHEN " + a + ".value IS NULL THEN 1 ELSE 0 END");
          orderTerms.add(a + ".value" + dir);
        }
        default -> throw MlflowException.invalid("Invalid identifier type '" + o.type() + "'");
      }
    }
    if (!startTimeOrdered) {
      orderTerms.add("r.start_time DESC");
    }
    orderTerms.add("r.run_uuid ASC");

    args.addAll(joinArgs);
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(RunStore.INFO_COLUMNS)
            .append(" FROM runs r")
            .append(joins)
            .append(" WHERE r.experiment_id IN (")
            .append(Jdbc.placeholders(experimentIds.size()))
            .append(") AND r.lifecycle_stage IN (")
            .append(Jdbc.placeholders(stages.size()))
            .append(")");
    args.addAll(experimentIds);
    args.addAll(stages);
    for (String condition : joinConditions) {
      sql.append(" AND ").append(condition);
    }
    args.addAll(joinConditionArgs);
    for (Clause clause : filter) {
      sql.append(" AND ").append(condition(dialect, clause, joinedMetrics, args));
    }
    sql.append(" ORDER BY ").append(String.join(", ", orderTerms)).append(" LIMIT ? OFFSET ?");
    args.add(limit + 1);
    args.add(offset);
    return sql.toString();
  }

  private static String orderColumn(String key) {
    if (key.equals("experiment_id")) {
      return "r.experiment_id";
    }
    String column = STRING_ATTRIBUTES.getOrDefault(key, NUMERIC_ATTRIBUTES.get(key));
    if (column == null) {
      throw MlflowException.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are "
              + "['artifact_uri', 'end_time', 'experiment_id', 'run_id', 'run_name', 'start_time', 'status', 'user_id']");
    }
    return column;
  }

  /**
   * The SQL condition of one filter clause; {@code joinedMetrics} maps metric keys whose row is
   * already joined (see {@link #sql}) to that join's alias.
   */
  private static String condition(
      Dialect dialect, Clause c, Map<String, String> joinedMetrics, List<Object> args) {
    String op = c.op();
    switch (c.type()) {
      case Clause.METRIC -> {
        if (!METRIC_OPS.contains(op)) {
          throw MlflowException.invalid(
              "Invalid comparator '" + op + "' not one of '" + METRIC_OPS + "'");
        }
        if (!(c.value() instanceof Double d)) {
          throw MlflowException.invalid(
              "Expected numeric value type for metric. Found " + c.value());
        }
        String joined = joinedMetrics.get(c.key());
        if (joined != null) {
          args.add(d);
          return op.equals("!=")
              ? "(" + joined + ".is_nan = 1 OR " + joined + ".value != ?)"
              : joined + ".is_nan = 0 AND " + joined + ".value " + op + " ?";
        }
        args.add(c.key());
        args.add(d);
        // As MLflow: every comparison with a NaN latest value is false except "!=".
        return "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = ?"
            + (op.equals("!=")
                ? " AND (m.is_nan = 1 OR m.value != ?))"
                : " AND m.is_nan = 0 AND m.value " + op + " ?)");
      }
      case Clause.PARAM, Clause.TAG -> {
        String table = c.type().equals(Clause.PARAM) ? "params" : "tags";
        if (op.equals("IS NULL") || op.equals("IS NOT NULL")) {
          args.add(c.key());
          return (op.equals("IS NULL") ? "NOT " : "")
              + "EXISTS (SELECT 1 FROM "
              + table
              + " p WHERE p.run_uuid = r.run_uuid AND p.key = ?)";
        }
        if (!STRING_OPS.contains(op)) {
          throw MlflowException.invalid(
              "Invalid comparator '" + op + "' not one of '" + STRING_OPS + "'");
        }
        if (!(c.value() instanceof String)) {
          throw MlflowException.invalid(
              "Expected a quoted string value for "
                  + c.type()
                  + " (e.g. 'my-value'). Got value "
                  + c.value());
        }
        args.add(c.key());
        return "EXISTS (SELECT 1 FROM "
            + table
            + " p WHERE p.run_uuid = r.run_uuid AND p.key = ? AND "
            + SqlText.stringComparison(dialect, "p.value", op, c.text(), args)
            + ")";
      }
      case Clause.ATTRIBUTE -> {
        String key = c.key();
        if (NUMERIC_ATTRIBUTES.containsKey(key)) {
          if (!METRIC_OPS.contains(op)) {
            throw MlflowException.invalid(
                "Invalid comparator '" + op + "' not one of '" + METRIC_OPS + "'");
          }
          if (!(c.value() instanceof Double d)) {
            throw MlflowException.invalid(
                "Expected numeric value type for numeric attribute: "
                    + key
                    + ". Found "
                    + c.value());
          }
          args.add(d.longValue() == d ? (Object) d.longValue() : d);
          return NUMERIC_ATTRIBUTES.get(key) + " " + op + " ?";
        }
        String column = STRING_ATTRIBUTES.get(key);
        if (column == null) {
          throw MlflowException.invalid(
              "Invalid attribute key '"
                  + key
                  + "' specified. Valid keys are "
                  + "['artifact_uri', 'created', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id']");
        }
        if (op.equals("IN") || op.equals("NOT IN")) {
          return SqlText.inList(column, op, c.list(), args);
        }
        if (!STRING_OPS.contains(op) || !(c.value() instanceof String)) {
          throw MlflowException.invalid(
              "Invalid comparator '" + op + "' not one of '[!=, =, LIKE, ILIKE, IN, NOT IN]'");
        }
        return SqlText.stringComparison(dialect, column, op, c.text(), args);
      }
      case Clause.DATASET -> {
        String inner;
        String base;
        switch (c.key()) {
          case "name", "digest" -> {
            base =
                "SELECT 1 FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid"
                    + " WHERE i.run_uuid = r.run_uuid AND ";
            inner = "d." + c.key();
          }
          case "context" -> {
            base =
                "SELECT 1 FROM input_tags t WHERE t.run_uuid = r.run_uuid AND t.key = 'mlflow.data.context' AND ";
            inner = "t.value";
          }
          default ->
              throw MlflowException.invalid(
                  "Invalid dataset key '"
                      + c.key()
                      + "' specified. Valid keys are '['name', 'digest', 'context']'");
        }
        if (op.equals("IN") || op.equals("NOT IN")) {
          return "EXISTS (" + base + SqlText.inList(inner, op, c.list(), args) + ")";
        }
        if (!STRING_OPS.contains(op) || !(c.value() instanceof String)) {
          throw MlflowException.invalid("Invalid comparator '" + op + "' for dataset attributes.");
        }
        return "EXISTS ("
            + base
            + SqlText.stringComparison(dialect, inner, op, c.text(), args)
            + ")";
      }
      default -> throw MlflowException.invalid("Invalid identifier type '" + c.type() + "'");
    }
  }

  /** The run's row of {@code table} for the key bound next, as {@code alias} (null if none). */
  private static void joinByKey(StringBuilder joins, String table, String alias) {
    joins
        .append(" LEFT JOIN ")
        .append(table)
        .append(' ')
        .append(alias)
        .append(" ON ")
        .append(alias)
        .append(".run_uuid = r.run_uuid AND ")
        .append(alias)
        .append(".key = ?");
  }
}
