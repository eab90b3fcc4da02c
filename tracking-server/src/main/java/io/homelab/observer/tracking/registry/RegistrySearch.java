package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Translates registered-model and model-version searches (MLflow's filter grammar and order_by)
 * into SQL with bound parameters, as MLflow's SQL store orders them: models by name last, versions
 * by last update, name and version.
 */
final class RegistrySearch {

  private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE");
  private static final Set<String> NUMBER_OPS = Set.of("=", "!=", "<", "<=", ">", ">=");

  private RegistrySearch() {}

  /** The SELECT of registered models; {@code args} receives the bound values in order. */
  static String models(
      Dialect dialect,
      String filter,
      List<String> orderBy,
      int limit,
      int offset,
      List<Object> args) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT m.name, m.creation_time, m.last_updated_time, m.description FROM registered_models m WHERE 1 = 1");
    PromptFilter prompts = PromptFilter.of(FilterParser.parse(filter));
    for (Clause clause : prompts.clauses()) {
      sql.append(" AND ").append(modelCondition(dialect, clause, args));
    }
    sql.append(" AND ").append(prompts.exclusion("registered_model_tags", "m.name"));
    List<String> order = new ArrayList<>();
    boolean hasName = false;
    for (String entry : orderBy == null ? List.<String>of() : orderBy) {
      OrderBy o = FilterParser.orderBy(entry);
      String column =
          switch (o.key()) {
            case "name" -> "m.name";
            case "last_updated_timestamp", "timestamp" -> "m.last_updated_time";
            case "creation_timestamp" -> "m.creation_time";
            default ->
                throw MlflowException.invalid(
                    "Invalid order by key '"
                        + o.key()
                        + "' specified. Valid keys are "
                        + "'{'name', 'last_updated_timestamp', 'timestamp'}'");
          };
      hasName |= column.equals("m.name");
      order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }
    if (!hasName) {
      order.add("m.name ASC");
    }
    sql.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return sql.toString();
  }

  /** The WHERE (with ORDER BY and LIMIT) over {@code model_versions v} of a versions search. */
  static String versions(
      Dialect dialect,
      String filter,
      List<String> orderBy,
      int limit,
      int offset,
      List<Object> args) {
    args.add(ModelVersionStore.DELETED_STAGE);
    StringBuilder where = new StringBuilder("v.current_stage <> ?");
    PromptFilter prompts = PromptFilter.of(FilterParser.parse(filter));
    for (Clause clause : prompts.clauses()) {
      where.append(" AND ").append(versionCondition(dialect, clause, args));
    }
    where.append(" AND ").append(prompts.exclusion("model_version_tags", "v.name"));
    List<String> order = new ArrayList<>();
    for (String entry : orderBy == null ? List.<String>of() : orderBy) {
      OrderBy o = FilterParser.orderBy(entry);
      String column =
          switch (o.key()) {
            case "name" -> "v.name";
            case "version_number" -> "v.version";
            case "creation_timestamp" -> "v.creation_time";
            case "last_updated_timestamp", "timestamp" -> "v.last_updated_time";
            default ->
                throw MlflowException.invalid("Invalid order by key '" + o.key() + "' specified.");
          };
      order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }
    order.add("v.last_updated_time DESC");
    order.add("v.name ASC");
    order.add("v.version DESC");
    where.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return where.toString();
  }

  private static String modelCondition(Dialect dialect, Clause c, List<Object> args) {
    if (!(c.value() instanceof String) || !STRING_OPS.contains(c.op())) {
      throw MlflowException.invalid(
          "Invalid comparator '" + c.op() + "' for registered model search.");
    }
    if (c.type().equals(Clause.ATTRIBUTE) && c.key().equals("name")) {
      return SqlText.stringComparison(dialect, "m.name", c.op(), c.text(), args);
    }
    if (c.type().equals(Clause.TAG)) {
      args.add(c.key());
      return "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = m.name AND t.key = ? AND "
          + SqlText.stringComparison(dialect, "t.value", c.op(), c.text(), args)
          + ")";
    }
    throw MlflowException.invalid(
        "Invalid attribute key '" + c.key() + "' specified. Valid keys are '{'name'}'");
  }

  private static String versionCondition(Dialect dialect, Clause c, List<Object> args) {
    if (c.type().equals(Clause.TAG)) {
      if (!(c.value() instanceof String) || !STRING_OPS.contains(c.op())) {
        throw MlflowException.invalid("Invalid comparator '" + c.op() + "' for model version tag.");
      }
      args.add(c.key());
      return "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.name = v.name AND t.version = v.version AND t.key = ? AND "
          + SqlText.stringComparison(dialect, "t.value", c.op(), c.text(), args)
          + ")";
    }
    if (!c.type().equals(Clause.ATTRIBUTE)) {
      throw MlflowException.invalid(
          "Invalid entity type '" + c.type() + "' for model version search.");
    }
    String column =
        switch (c.key()) {
          case "name" -> "v.name";
          case "run_id" -> "v.run_id";
          case "source_path" -> "v.source";
          case "version_number" -> "v.version";
          default ->
              throw MlflowException.invalid(
                  "Invalid attribute key '"
                      + c.key()
                      + "' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'");
        };
    if (c.key().equals("version_number")) {
      if (!(c.value() instanceof Double d) || !NUMBER_OPS.contains(c.op())) {
        throw MlflowException.invalid("Invalid comparison for version_number.");
      }
      args.add(d.longValue());
      return column + " " + c.op() + " ?";
    }
    if (c.op().equals("IN") || c.op().equals("NOT IN")) {
      return SqlText.inList(column, c.op(), c.list(), args);
    }
    if (!(c.value() instanceof String) || !STRING_OPS.contains(c.op())) {
      throw MlflowException.invalid(
          "Invalid comparator '" + c.op() + "' for model version search.");
    }
    return SqlText.stringComparison(dialect, column, c.op(), c.text(), args);
  }
}
