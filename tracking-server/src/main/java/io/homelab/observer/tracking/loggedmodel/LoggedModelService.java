package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Data;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Info;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.LoggedModel;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.SearchOrder;
import io.homelab.observer.tracking.run.RunModels.Metric;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.Jdbc;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * MLflow 3 logged models: what {@code mlflow.<flavor>.log_model} creates (PENDING), uploads
 * artifacts to ({@code <experiment artifact location>/models/<model_id>/artifacts}) and finalizes
 * (READY), and what {@code runs:/<run>/<name>} URIs are resolved through (search by name, then
 * get).
 */
@Singleton
public class LoggedModelService {

  static final List<String> STATUSES =
      List.of(
          "LOGGED_MODEL_STATUS_UNSPECIFIED",
          "LOGGED_MODEL_PENDING",
          "LOGGED_MODEL_READY",
          "LOGGED_MODEL_UPLOAD_FAILED");
  private static final String COLUMNS =
      "model_id, experiment_id, name, artifact_location, creation_timestamp, last_updated_timestamp, status,"
          + " lifecycle_stage, model_type, source_run_id, status_message";
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

  private final Database db;
  private final ExperimentService experiments;

  public LoggedModelService(Database db, ExperimentService experiments) {
    this.db = db;
    this.experiments = experiments;
  }

  /** Creates a PENDING logged model in an active experiment. */
  public LoggedModel create(
      String experimentId,
      String name,
      String modelType,
      String sourceRunId,
      List<KeyValue> params,
      List<KeyValue> tags) {
    Experiment e = experiments.requireActive(Validation.required(experimentId, "experiment_id"));
    String modelId = "m-" + UUID.randomUUID().toString().replace("-", "");
    String modelName = name == null || name.isEmpty() ? "model-" + modelId.substring(2, 10) : name;
    String location = e.artifactLocation();
    String artifactUri =
        (location.endsWith("/") ? location : location + "/") + "models/" + modelId + "/artifacts";
    long now = System.currentTimeMillis();
    List<KeyValue> ps = params == null ? List.of() : params;
    List<KeyValue> ts = tags == null ? List.of() : tags;
    ps.forEach(p -> Validation.required(p.key(), "params.key"));
    ts.forEach(t -> Validation.required(t.key(), "tags.key"));
    return db.write(
        c -> {
          Jdbc.update(
              c,
              "INSERT INTO logged_models ("
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, 'LOGGED_MODEL_PENDING', 'active', ?, ?, NULL)",
              modelId,
              Long.parseLong(e.experimentId()),
              modelName,
              artifactUri,
              now,
              now,
              modelType,
              sourceRunId == null || sourceRunId.isEmpty() ? null : sourceRunId);
          upsert(c, "logged_model_params", modelId, ps);
          upsert(c, "logged_model_tags", modelId, ts);
          return load(c, modelId, true).orElseThrow();
        });
  }

  /** The logged model; deleted ones only when asked. */
  public LoggedModel get(String modelId, boolean allowDeleted) {
    return db.read(c -> load(c, modelId, allowDeleted))
        .orElseThrow(
            () -> MlflowException.notFound("Logged model with ID '" + modelId + "' not found."));
  }

  /** Sets the final status (READY or UPLOAD_FAILED). */
  public LoggedModel finalizeModel(String modelId, String status) {
    String st = parseStatus(Validation.required(status, "status"));
    return db.write(
        c -> {
          requireModel(c, modelId);
          Jdbc.update(
              c,
              "UPDATE logged_models SET status = ?, last_updated_timestamp = ? WHERE model_id = ?",
              st,
              System.currentTimeMillis(),
              modelId);
          return load(c, modelId, false).orElseThrow();
        });
  }

  public void setTags(String modelId, List<KeyValue> tags) {
    List<KeyValue> ts = tags == null ? List.of() : tags;
    ts.forEach(t -> Validation.required(t.key(), "tags.key"));
    db.write(
        c -> {
          requireModel(c, modelId);
          upsert(c, "logged_model_tags", modelId, ts);
          touch(c, modelId);
          return null;
        });
  }

  public void deleteTag(String modelId, String key) {
    db.write(
        c -> {
          requireModel(c, modelId);
          if (Jdbc.update(
                  c, "DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?", modelId, key)
              == 0) {
            throw MlflowException.notFound(
                "No tag with key '" + key + "' found for model with ID '" + modelId + "'.");
          }
          touch(c, modelId);
          return null;
        });
  }

  public void logParams(String modelId, List<KeyValue> params) {
    List<KeyValue> ps = params == null ? List.of() : params;
    ps.forEach(p -> Validation.required(p.key(), "params.key"));
    db.write(
        c -> {
          requireModel(c, modelId);
          upsert(c, "logged_model_params", modelId, ps);
          return null;
        });
  }

  public void delete(String modelId) {
    db.write(
        c -> {
          requireModel(c, modelId);
          Jdbc.update(
              c,
              "UPDATE logged_models SET lifecycle_stage = 'deleted', last_updated_timestamp = ? WHERE model_id = ?",
              System.currentTimeMillis(),
              modelId);
          return null;
        });
  }

  /** Searches active logged models of the given experiments. */
  public Page<LoggedModel> search(
      List<String> experimentIds,
      String filter,
      Long maxResults,
      List<SearchOrder> orderBy,
      String pageToken) {
    if (experimentIds == null || experimentIds.isEmpty()) {
      throw MlflowException.invalid("At least one experiment ID must be specified.");
    }
    int max = maxResults == null ? 100 : maxResults.intValue();
    if (max < 1 || max > 1000) {
      throw MlflowException.invalid(
          "max_results must be between 1 and 1000, got " + maxResults + ".");
    }
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    List<Long> ids = experimentIds.stream().map(Validation::experimentId).toList();
    StringBuilder sql =
        new StringBuilder(
                "SELECT model_id FROM logged_models lm WHERE lm.lifecycle_stage = 'active'")
            .append(" AND lm.experiment_id IN (")
            .append(Jdbc.placeholders(ids.size()))
            .append(")");
    args.addAll(ids);
    for (Clause clause : FilterParser.parse(filter)) {
      sql.append(" AND ").append(condition(clause, args));
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
    args.add(max + 1);
    args.add(offset);
    List<LoggedModel> found =
        db.read(
            c -> {
              List<String> modelIds = Jdbc.query(c, sql.toString(), args, rs -> rs.getString(1));
              List<LoggedModel> out = new ArrayList<>();
              for (String id : modelIds) {
                load(c, id, false).ifPresent(out::add);
              }
              return out;
            });
    return Page.of(found, offset, max);
  }

  private String condition(Clause c, List<Object> args) {
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
          if (!(c.value() instanceof Double d)
              || !Set.of("=", "!=", "<", "<=", ">", ">=").contains(c.op())) {
            throw MlflowException.invalid(
                "Invalid comparison for numeric attribute '" + c.key() + "'.");
          }
          args.add(d.longValue());
          return column + " " + c.op() + " ?";
        }
        if (c.op().equals("IN") || c.op().equals("NOT IN")) {
          return SqlText.inList(column, c.op(), c.list(), args);
        }
        if (!(c.value() instanceof String)
            || !Set.of("=", "!=", "LIKE", "ILIKE").contains(c.op())) {
          throw MlflowException.invalid("Invalid comparison for attribute '" + c.key() + "'.");
        }
        return SqlText.stringComparison(db.dialect(), column, c.op(), c.text(), args);
      }
      case Clause.PARAM, Clause.TAG -> {
        String table = c.type().equals(Clause.PARAM) ? "logged_model_params" : "logged_model_tags";
        if (!(c.value() instanceof String)
            || !Set.of("=", "!=", "LIKE", "ILIKE").contains(c.op())) {
          throw MlflowException.invalid(
              "Invalid comparison for " + c.type() + " '" + c.key() + "'.");
        }
        args.add(c.key());
        return "EXISTS (SELECT 1 FROM "
            + table
            + " t WHERE t.model_id = lm.model_id AND t.key = ? AND "
            + SqlText.stringComparison(db.dialect(), "t.value", c.op(), c.text(), args)
            + ")";
      }
      case Clause.METRIC -> {
        if (!(c.value() instanceof Double d)
            || !Set.of("=", "!=", "<", "<=", ">", ">=").contains(c.op())) {
          throw MlflowException.invalid("Invalid comparison for metric '" + c.key() + "'.");
        }
        args.add(c.key());
        args.add(d);
        return "EXISTS (SELECT 1 FROM metrics m WHERE m.model_id = lm.model_id AND m.key = ? AND m.is_nan = 0 AND m.value "
            + c.op()
            + " ?)";
      }
      default ->
          throw MlflowException.invalid(
              "Invalid entity type '" + c.type() + "' in logged model filter.");
    }
  }

  private void requireModel(Connection c, String modelId) throws SQLException {
    if (load(c, modelId, false).isEmpty()) {
      throw MlflowException.notFound("Logged model with ID '" + modelId + "' not found.");
    }
  }

  private static void touch(Connection c, String modelId) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE logged_models SET last_updated_timestamp = ? WHERE model_id = ?",
        System.currentTimeMillis(),
        modelId);
  }

  private static void upsert(Connection c, String table, String modelId, List<KeyValue> entries)
      throws SQLException {
    for (KeyValue kv : entries) {
      Jdbc.update(
          c,
          "INSERT INTO "
              + table
              + " (model_id, key, value) VALUES (?, ?, ?)"
              + " ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value",
          modelId,
          kv.key(),
          kv.value() == null ? "" : kv.value());
    }
  }

  private Optional<LoggedModel> load(Connection c, String modelId, boolean allowDeleted)
      throws SQLException {
    Optional<Object[]> row =
        Jdbc.first(
            c,
            "SELECT " + COLUMNS + " FROM logged_models WHERE model_id = ?",
            LoggedModelService::row,
            modelId);
    if (row.isEmpty() || (!allowDeleted && "deleted".equals(row.get()[7]))) {
      return Optional.empty();
    }
    Object[] r = row.get();
    List<KeyValue> tags =
        Jdbc.query(
            c,
            "SELECT key, value FROM logged_model_tags WHERE model_id = ? ORDER BY key",
            rs -> new KeyValue(rs.getString(1), rs.getString(2)),
            modelId);
    List<KeyValue> params =
        Jdbc.query(
            c,
            "SELECT key, value FROM logged_model_params WHERE model_id = ? ORDER BY key",
            rs -> new KeyValue(rs.getString(1), rs.getString(2)),
            modelId);
    List<Metric> metrics =
        Jdbc.query(
            c,
            "SELECT key, value, timestamp, step, is_nan, dataset_name, dataset_digest, run_uuid FROM metrics"
                + " WHERE model_id = ? ORDER BY key, timestamp, step",
            rs ->
                new Metric(
                    rs.getString(1),
                    rs.getInt(5) == 1 ? Double.NaN : rs.getDouble(2),
                    rs.getLong(3),
                    rs.getLong(4),
                    rs.getString(6),
                    rs.getString(7),
                    modelId,
                    rs.getString(8)),
            modelId);
    Info info =
        new Info(
            (String) r[0],
            String.valueOf(r[1]),
            (String) r[2],
            (Long) r[4],
            (Long) r[5],
            (String) r[3],
            (String) r[6],
            (String) r[8],
            (String) r[9],
            (String) r[10],
            tags);
    return Optional.of(new LoggedModel(info, new Data(params, metrics)));
  }

  private static Object[] row(ResultSet rs) throws SQLException {
    return new Object[] {
      rs.getString(1),
      rs.getLong(2),
      rs.getString(3),
      rs.getString(4),
      rs.getLong(5),
      rs.getLong(6),
      rs.getString(7),
      rs.getString(8),
      rs.getString(9),
      rs.getString(10),
      rs.getString(11)
    };
  }

  static String parseStatus(String status) {
    String s = status.toUpperCase(Locale.ROOT);
    if (STATUSES.contains(s)) {
      return s;
    }
    try {
      int n = Integer.parseInt(status);
      if (n >= 0 && n < STATUSES.size()) {
        return STATUSES.get(n);
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw MlflowException.invalid("Invalid logged model status '" + status + "'.");
  }
}
