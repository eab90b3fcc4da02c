package io.homelab.observer.tracking.evaldataset;

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
 * MLflow's evaluation-dataset search grammar (SearchEvaluationDatasetsUtils) as SQL over {@code
 * evaluation_datasets d}: attributes name, created_by, last_updated_by (=, !=, LIKE, ILIKE; name
 * also IN), created_time and last_update_time (integer comparisons), and {@code tags.<key>} (=, !=,
 * LIKE, ILIKE; a dataset without the tag never matches). Values are always bound.
 */
final class DatasetSearch {

  private static final Set<String> STRING_ATTRIBUTES =
      Set.of("name", "created_by", "last_updated_by");
  private static final Set<String> NUMERIC_ATTRIBUTES = Set.of("created_time", "last_update_time");
  private static final Set<String> ORDER_KEYS = Set.of("name", "created_time", "last_update_time");
  private static final Set<String> STRING_OPS = Set.of("=", "!=", "LIKE", "ILIKE");
  private static final Set<String> NUMERIC_OPS = Set.of("=", "!=", ">", ">=", "<", "<=");
  private static final String VALID_KEYS =
      "{'name', 'created_time', 'last_update_time', 'created_by', 'last_updated_by'}";

  private DatasetSearch() {}

  /** The WHERE clause of a filter string ({@code 1 = 1} for none); bound values go to args. */
  static String where(String filter, Dialect dialect, List<Object> args) {
    List<String> parts = new ArrayList<>();
    for (Clause cl : FilterParser.parse(filter, DatasetSearch::identifier)) {
      parts.add(comparison(cl, dialect, args));
    }
    return parts.isEmpty() ? "1 = 1" : String.join(" AND ", parts);
  }

  private static String[] identifier(String ident) {
    int dot = ident.indexOf('.');
    if (dot < 0) {
      if (!STRING_ATTRIBUTES.contains(ident) && !NUMERIC_ATTRIBUTES.contains(ident)) {
        throw MlflowException.invalid(
            "Invalid attribute key '" + ident + "' specified. Valid keys are: " + VALID_KEYS);
      }
      return new String[] {Clause.ATTRIBUTE, ident};
    }
    String prefix = ident.substring(0, dot);
    if (!prefix.equals("tags")) {
      throw MlflowException.invalid("Invalid identifier token '" + prefix + "' specified");
    }
    return FilterParser.identifier(ident);
  }

  private static String comparison(Clause cl, Dialect dialect, List<Object> args) {
    String op = cl.op();
    if (cl.type().equals(Clause.TAG)) {
      if (!STRING_OPS.contains(op) || !(cl.value() instanceof String v)) {
        throw MlflowException.invalid("Invalid comparator for tag: " + op);
      }
      args.add(cl.key());
      return "EXISTS (SELECT 1 FROM evaluation_dataset_tags t WHERE t.dataset_id = d.dataset_id"
          + " AND t.key = ? AND "
          + SqlText.stringComparison(dialect, "t.value", op, v, args)
          + ")";
    }
    String column = "d." + cl.key();
    if (NUMERIC_ATTRIBUTES.contains(cl.key())) {
      if (!NUMERIC_OPS.contains(op)) {
        throw MlflowException.invalid("Invalid comparator for numeric attribute: " + op);
      }
      args.add(integer(cl.key(), cl.value()));
      return column + " " + op + " ?";
    }
    if (cl.value() instanceof List<?> list) {
      if (!op.equals("IN") || !cl.key().equals("name")) {
        throw MlflowException.invalid(
            "List values for 'name' are only supported with the IN comparator.");
      }
      return SqlText.inList(column, op, list.stream().map(String::valueOf).toList(), args);
    }
    if (!STRING_OPS.contains(op)) {
      throw MlflowException.invalid("Invalid comparator for string attribute: " + op);
    }
    if (!(cl.value() instanceof String v)) {
      throw MlflowException.invalid(
          "Invalid value for string attribute '" + cl.key() + "': " + cl.value());
    }
    return SqlText.stringComparison(dialect, column, op, v, args);
  }

  private static long integer(String key, Object value) {
    if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return d.longValue();
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw MlflowException.invalid(
        "Invalid value for numeric attribute '" + key + "': '" + value + "'");
  }

  /** ORDER BY text; default newest first; dataset_id DESC breaks ties, as MLflow. */
  static String orderBy(List<String> orderBy) {
    List<String> parts = new ArrayList<>();
    List<String> entries =
        orderBy == null || orderBy.isEmpty() ? List.of("created_time DESC") : orderBy;
    for (String entry : entries) {
      OrderBy o = FilterParser.orderBy(entry);
      if (!o.type().equals(Clause.ATTRIBUTE)) {
        throw MlflowException.invalid("Invalid order_by entity: " + o.type());
      }
      if (!ORDER_KEYS.contains(o.key())) {
        throw MlflowException.invalid(
            "Invalid attribute key '"
                + o.key()
                + "' specified. Valid keys are: {'name', 'created_time', 'last_update_time'}");
      }
      parts.add("d." + o.key() + (o.ascending() ? " ASC" : " DESC"));
    }
    parts.add("d.dataset_id DESC");
    return String.join(", ", parts);
  }
}
