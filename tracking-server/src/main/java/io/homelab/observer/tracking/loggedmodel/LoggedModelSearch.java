package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.DatasetFilter;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.SearchOrder;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database.Dialect;
import io.homelab.observer.tracking.wire.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a logged-models search (filter on attributes, params, tags and metrics; order_by
 * fields) into one SQL query selecting model ids, with bound parameters. Metric filters match any
 * non-NaN point of the model; the natural order is newest first, then model id.
 */
final class LoggedModelSearch {

  private static final Map<String, String> ATTRIBUTES =
      Map.of(
          "name", "lm.name",
          "model_id", "lm.model_id",
          "model_type", "lm.model_type",
          "status", "lm.status",
          "source_run_id", "lm.source_run_id",
          "creation_timestamp", "lm.creation_timestamp",
          "creation_time", "lm.creation_timestamp",
          "last_updated_timestamp", "lm.last_updated_timestamp");
  private static final Set<String> NUMERIC =
      Set.of("creation_timestamp", "creation_time", "last_updated_timestamp");
  private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE");
  private static final Set<String> NUMBER_OPS = Set.of("=", "!=", "<", "<=", ">", ">=");

  private LoggedModelSearch() {}

  /** The SELECT of model ids; {@code args} receives the bound values in order. */
  static String sql(
      Dialect dialect,
      List<Long> experimentIds,
      String filter,
      List<DatasetFilter> datasets,
      List<SearchOrder> orderBy,
      int limit,
      int offset,
      List<Object> args) {
    StringBuilder sql =
        new StringBuilder(
                "SELECT model_id FROM logged_models lm WHERE lm.lifecycle_stage = 'active'")
            .append(" AND lm.experiment_id IN (")
            .append(Jdbc.placeholders(experimentIds.size()))
            .append(")");
    args.addAll(experimentIds);
    boolean metricFilter = false;
    for (Clause clause : FilterParser.parse(filter)) {
      sql.append(" AND ").append(condition(dialect, clause, datasets, args));
      metricFilter |= clause.type().equals(Clause.METRIC);
    }
    if (!datasets.isEmpty() && !metricFilter) {
      // MLflow: without a metric filter, datasets keep the models with any metric on them.
      sql.append(" AND EXISTS (SELECT 1 FROM metrics m WHERE m.model_id = lm.model_id AND ")
          .append(onDatasets(datasets, args))
          .append(")");
    }
    List<String> order = new ArrayList<>();
    for (SearchOrder o : orderBy == null ? List.<SearchOrder>of() : orderBy) {
      String[] id =
          FilterParser.identifier(Validation.required(o.fieldName(), "order_by.field_name"));
      String dir = Boolean.FALSE.equals(o.ascending()) ? " DESC" : " ASC";
      if (id[0].equals(Clause.ATTRIBUTE) && ATTRIBUTES.containsKey(id[1])) {
        order.add(ATTRIBUTES.get(id[1]) + dir);
      } else if (id[0].equals(Clause.METRIC)) {
        args.add(id[1]);
        order.add(
            "(SELECT MAX(m.value) FROM metrics m WHERE m.model_id = lm.model_id AND m.key = ?)"
                + dir);
      } else {
        throw MlflowException.invalid("Invalid order by field name: " + o.fieldName());
      }
    }
    order.add("lm.creation_timestamp DESC");
    order.add("lm.model_id ASC");
    sql.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return sql.toString();
  }

  /** Any of the datasets (a name, and the digest when given), on metric rows {@code m}. */
  private static String onDatasets(List<DatasetFilter> datasets, List<Object> args) {
    List<String> any = new ArrayList<>();
    for (DatasetFilter d : datasets) {
      args.add(d.datasetName());
      if (d.datasetDigest() != null) {
        args.add(d.datasetDigest());
        any.add("(m.dataset_name = ? AND m.dataset_digest = ?)");
      } else {
        any.add("m.dataset_name = ?");
      }
    }
    return "(" + String.join(" OR ", any) + ")";
  }

  private static String condition(
      Dialect dialect, Clause c, List<DatasetFilter> datasets, List<Object> args) {
    switch (c.type()) {
      case Clause.ATTRIBUTE -> {
        String column = ATTRIBUTES.get(c.key());
        if (column == null) {
          throw MlflowException.invalid(
              "Invalid attribute key '"
                  + c.key()
                  + "' specified. Valid keys are "
                  + ATTRIBUTES.keySet());
        }
        if (NUMERIC.contains(c.key())) {
          if (!(c.value() instanceof Double d) || !NUMBER_OPS.contains(c.op())) {
            throw MlflowException.invalid(
                "Invalid comparison for numeric attribute '" + c.key() + "'.");
          }
          args.add(d.longValue());
          return column + " " + c.op() + " ?";
        }
        if (c.op().equals("IN") || c.op().equals("NOT IN")) {
          return SqlText.inList(column, c.op(), c.list(), args);
        }
        if (!(c.value() instanceof String) || !STRING_OPS.contains(c.op())) {
          throw MlflowException.invalid("Invalid comparison for attribute '" + c.key() + "'.");
        }
        return SqlText.stringComparison(dialect, column, c.op(), c.text(), args);
      }
      case Clause.PARAM, Clause.TAG -> {
        String table =
            c.type().equals(Clause.PARAM) ? LoggedModelStore.PARAMS : LoggedModelStore.TAGS;
        if (!(c.value() instanceof String) || !STRING_OPS.contains(c.op())) {
          throw MlflowException.invalid(
              "Invalid comparison for " + c.type() + " '" + c.key() + "'.");
        }
        args.add(c.key());
        return "EXISTS (SELECT 1 FROM "
            + table
            + " t WHERE t.model_id = lm.model_id AND t.key = ? AND "
            + SqlText.stringComparison(dialect, "t.value", c.op(), c.text(), args)
            + ")";
      }
      case Clause.METRIC -> {
        if (!(c.value() instanceof Double d) || !NUMBER_OPS.contains(c.op())) {
          throw MlflowException.invalid("Invalid comparison for metric '" + c.key() + "'.");
        }
        args.add(c.key());
        args.add(d);
        String sql =
            "EXISTS (SELECT 1 FROM metrics m WHERE m.model_id = lm.model_id AND m.key = ? AND"
                + " m.is_nan = 0 AND m.value "
                + c.op()
                + " ?";
        // MLflow: a metric filter counts only the metric's points on the given datasets.
        return (datasets.isEmpty() ? sql : sql + " AND " + onDatasets(datasets, args)) + ")";
      }
      default ->
          throw MlflowException.invalid(
              "Invalid entity type '" + c.type() + "' in logged model filter.");
    }
  }
}
