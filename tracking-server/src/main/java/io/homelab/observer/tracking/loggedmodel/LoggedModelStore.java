package io.homelab.observer.tracking.loggedmodel;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Data;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.Info;
import io.homelab.observer.tracking.loggedmodel.LoggedModels.LoggedModel;
import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.wire.KeyValue;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for logged models, their params, tags and metrics; callers own the transaction. */
@Singleton
public class LoggedModelStore {

  static final String PARAMS = "logged_model_params";
  static final String TAGS = "logged_model_tags";
  private static final String COLUMNS =
      "model_id, experiment_id, name, artifact_location, creation_timestamp, last_updated_timestamp, status,"
          + " lifecycle_stage, model_type, source_run_id, status_message";

  /** A new active logged model (its tags go in with {@link #upsert}). */
  void insert(Connection c, Info m) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO logged_models ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, NULL)",
        m.modelId(),
        Long.parseLong(m.experimentId()),
        m.name(),
        m.artifactUri(),
        m.creationTimestampMs(),
        m.lastUpdatedTimestampMs(),
        m.status(),
        m.modelType(),
        m.sourceRunId());
  }

  /** Sets params or tags ({@link #PARAMS} or {@link #TAGS}); a null value is stored as "". */
  void upsert(Connection c, String table, String modelId, List<KeyValue> entries)
      throws SQLException {
    for (KeyValue kv : entries) {
      Jdbc.upsertKeyValue(
          c, table, "model_id", List.of(modelId), kv.key(), kv.value() == null ? "" : kv.value());
    }
  }

  /** Deletes a tag; the number of rows deleted (0 when there was none). */
  int deleteTag(Connection c, String modelId, String key) throws SQLException {
    return Jdbc.update(
        c, "DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?", modelId, key);
  }

  void setStatus(Connection c, String modelId, String status, long now) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE logged_models SET status = ?, last_updated_timestamp = ? WHERE model_id = ?",
        status,
        now,
        modelId);
  }

  void touch(Connection c, String modelId, long now) throws SQLException {
    Jdbc.update(
        c, "UPDATE logged_models SET last_updated_timestamp = ? WHERE model_id = ?", now, modelId);
  }

  /** Soft delete: the model leaves searches and gets, its rows stay. */
  void softDelete(Connection c, String modelId, long now) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE logged_models SET lifecycle_stage = 'deleted', last_updated_timestamp = ? WHERE model_id = ?",
        now,
        modelId);
  }

  /** The models whose ids {@code sql} selects, in its order (deleted ones left out). */
  List<LoggedModel> search(Connection c, String sql, List<Object> args) throws SQLException {
    List<LoggedModel> out = new ArrayList<>();
    for (String id : Jdbc.query(c, sql, args, rs -> rs.getString(1))) {
      load(c, id, false).ifPresent(out::add);
    }
    return out;
  }

  /** The model with tags, params and metrics; a deleted one only when asked. */
  Optional<LoggedModel> load(Connection c, String modelId, boolean allowDeleted)
      throws SQLException {
    Optional<Object[]> row =
        Jdbc.first(
            c,
            "SELECT " + COLUMNS + " FROM logged_models WHERE model_id = ?",
            LoggedModelStore::row,
            modelId);
    if (row.isEmpty() || (!allowDeleted && "deleted".equals(row.get()[7]))) {
      return Optional.empty();
    }
    Object[] r = row.get();
    List<KeyValue> tags = keyValues(c, TAGS, modelId);
    List<KeyValue> params = keyValues(c, PARAMS, modelId);
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

  private static List<KeyValue> keyValues(Connection c, String table, String modelId)
      throws SQLException {
    return Jdbc.query(
        c,
        "SELECT key, value FROM " + table + " WHERE model_id = ? ORDER BY key",
        rs -> new KeyValue(rs.getString(1), rs.getString(2)),
        modelId);
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
}
