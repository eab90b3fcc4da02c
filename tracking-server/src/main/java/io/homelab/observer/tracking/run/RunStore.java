package io.homelab.observer.tracking.run;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.metric.Metric;
import io.homelab.observer.tracking.run.RunModels.Dataset;
import io.homelab.observer.tracking.run.RunModels.DatasetInput;
import io.homelab.observer.tracking.run.RunModels.ModelInput;
import io.homelab.observer.tracking.run.RunModels.ModelOutput;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunModels.RunData;
import io.homelab.observer.tracking.run.RunModels.RunInfo;
import io.homelab.observer.tracking.run.RunModels.RunInputs;
import io.homelab.observer.tracking.run.RunModels.RunOutputs;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.KeyValue;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** SQL for runs, params, tags, metrics and run inputs/outputs; callers own the transaction. */
@Singleton
public class RunStore {

  private static final String UPSERT_TAG =
      "INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)"
          + " ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value";
  private static final String INSERT_PARAM =
      "INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

  private final Database db;

  public RunStore(Database db) {
    this.db = db;
  }

  static final String INFO_COLUMNS =
      "r.run_uuid, r.name, r.experiment_id, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage";

  private static final String FIND_INFO =
      "SELECT " + INFO_COLUMNS + " FROM runs r WHERE r.run_uuid = ?";

  void insertRun(Connection c, RunInfo info) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        info.runId(),
        info.runName(),
        Long.parseLong(info.experimentId()),
        info.userId(),
        info.status(),
        info.startTime(),
        info.endTime(),
        info.lifecycleStage(),
        info.artifactUri());
  }

  Optional<RunInfo> findInfo(Connection c, String runId) throws SQLException {
    return db.withStatement(
        c,
        FIND_INFO,
        ps -> {
          ps.setString(1, runId);
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(info(rs)) : Optional.<RunInfo>empty();
          }
        });
  }

  void updateInfo(Connection c, String runId, String status, Long endTime, String name)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE runs SET status = COALESCE(?, status), end_time = COALESCE(?, end_time), name = COALESCE(?, name)"
            + " WHERE run_uuid = ?",
        status,
        endTime,
        name,
        runId);
  }

  void setLifecycle(Connection c, String runId, String stage, Long deletedTime)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?",
        stage,
        deletedTime,
        runId);
  }

  /** Upserts tags in one batch. */
  void setTags(Connection c, String runId, Collection<KeyValue> tags) throws SQLException {
    if (tags.isEmpty()) {
      return;
    }
    db.withStatement(
        c,
        UPSERT_TAG,
        ps -> {
          for (KeyValue t : tags) {
            ps.setString(1, runId);
            ps.setString(2, t.key());
            ps.setString(3, t.value());
            ps.addBatch();
          }
          return ps.executeBatch();
        });
  }

  int deleteTag(Connection c, String runId, String key) throws SQLException {
    return Jdbc.update(c, "DELETE FROM tags WHERE run_uuid = ? AND key = ?", runId, key);
  }

  Optional<String> tag(Connection c, String runId, String key) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT value FROM tags WHERE run_uuid = ? AND key = ?",
        rs -> rs.getString(1),
        runId,
        key);
  }

  /** Inserts params that are new; returns the stored value of every requested key. */
  Map<String, String> insertParams(Connection c, String runId, List<KeyValue> params)
      throws SQLException {
    if (params.isEmpty()) {
      return Map.of();
    }
    db.withStatement(
        c,
        INSERT_PARAM,
        ps -> {
          for (KeyValue p : params) {
            ps.setString(1, runId);
            ps.setString(2, p.key());
            ps.setString(3, p.value());
            ps.addBatch();
          }
          return ps.executeBatch();
        });
    Map<String, String> stored = new HashMap<>();
    List<Object> args = new ArrayList<>();
    args.add(runId);
    params.forEach(p -> args.add(p.key()));
    Jdbc.query(
        c,
        "SELECT key, value FROM params WHERE run_uuid = ? AND key IN ("
            + Jdbc.placeholders(params.size())
            + ")",
        args,
        rs -> stored.put(rs.getString(1), rs.getString(2)));
    return stored;
  }

  /** The dataset row of (experiment, name, digest), created on first use. */
  String upsertDataset(Connection c, long experimentId, Dataset d) throws SQLException {
    Optional<String> existing =
        Jdbc.first(
            c,
            "SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?",
            rs -> rs.getString(1),
            experimentId,
            d.name(),
            d.digest());
    if (existing.isPresent()) {
      return existing.get();
    }
    String id = UUID.randomUUID().toString().replace("-", "");
    Jdbc.update(
        c,
        "INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, source_type, source, dataset_schema, profile)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        id,
        experimentId,
        d.name(),
        d.digest(),
        d.sourceType(),
        d.source(),
        d.schema(),
        d.profile());
    return Jdbc.first(
            c,
            "SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?",
            rs -> rs.getString(1),
            experimentId,
            d.name(),
            d.digest())
        .orElseThrow();
  }

  void linkDataset(Connection c, String runId, String datasetId, List<KeyValue> tags)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO run_dataset_inputs (run_uuid, dataset_uuid) VALUES (?, ?) ON CONFLICT DO NOTHING",
        runId,
        datasetId);
    for (KeyValue t : tags) {
      Jdbc.update(
          c,
          "INSERT INTO input_tags (run_uuid, dataset_uuid, key, value) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (run_uuid, dataset_uuid, key) DO UPDATE SET value = excluded.value",
          runId,
          datasetId,
          t.key(),
          t.value());
    }
  }

  void linkModel(Connection c, String runId, String modelId, String direction, long step)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO run_models (run_uuid, model_id, direction, step) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (run_uuid, direction, model_id) DO UPDATE SET step = excluded.step",
        runId,
        modelId,
        direction,
        step);
  }

  /**
   * Full runs (info, latest metrics, params, tags, inputs, outputs) in the order of {@code infos}.
   */
  List<Run> load(Connection c, List<RunInfo> infos) throws SQLException {
    if (infos.isEmpty()) {
      return List.of();
    }
    Map<String, List<Metric>> metrics = new HashMap<>();
    Map<String, List<KeyValue>> params = new HashMap<>();
    Map<String, List<KeyValue>> tags = new HashMap<>();
    Map<String, List<DatasetInput>> datasets = new HashMap<>();
    Map<String, List<ModelInput>> modelInputs = new HashMap<>();
    Map<String, List<ModelOutput>> modelOutputs = new HashMap<>();
    List<String> ids = infos.stream().map(RunInfo::runId).toList();
    for (int i = 0; i < ids.size(); i += 500) {
      List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
      String in = "(" + Jdbc.placeholders(chunk.size()) + ")";
      Jdbc.query(
          c,
          "SELECT run_uuid, key, value, timestamp, step, is_nan FROM latest_metrics WHERE run_uuid IN "
              + in
              + " ORDER BY key",
          chunk,
          rs ->
              metrics
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      new Metric(
                          rs.getString(2),
                          rs.getInt(6) == 1 ? Double.NaN : rs.getDouble(3),
                          rs.getLong(4),
                          rs.getLong(5),
                          null,
                          null,
                          null,
                          null)));
      Jdbc.query(
          c,
          "SELECT run_uuid, key, value FROM params WHERE run_uuid IN " + in + " ORDER BY key",
          chunk,
          rs ->
              params
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new KeyValue(rs.getString(2), rs.getString(3))));
      Jdbc.query(
          c,
          "SELECT run_uuid, key, value FROM tags WHERE run_uuid IN " + in + " ORDER BY key",
          chunk,
          rs ->
              tags.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new KeyValue(rs.getString(2), rs.getString(3))));
      Map<String, List<KeyValue>> inputTags = new HashMap<>();
      Jdbc.query(
          c,
          "SELECT run_uuid, dataset_uuid, key, value FROM input_tags WHERE run_uuid IN "
              + in
              + " ORDER BY key",
          chunk,
          rs ->
              inputTags
                  .computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new ArrayList<>())
                  .add(new KeyValue(rs.getString(3), rs.getString(4))));
      Jdbc.query(
          c,
          "SELECT i.run_uuid, d.dataset_uuid, d.name, d.digest, d.source_type, d.source, d.dataset_schema, d.profile"
              + " FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid"
              + " WHERE i.run_uuid IN "
              + in
              + " ORDER BY d.name",
          chunk,
          rs ->
              datasets
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(
                      new DatasetInput(
                          inputTags.getOrDefault(
                              rs.getString(1) + "/" + rs.getString(2), List.of()),
                          new Dataset(
                              rs.getString(3),
                              rs.getString(4),
                              rs.getString(5),
                              rs.getString(6),
                              rs.getString(7),
                              rs.getString(8)))));
      Jdbc.query(
          c,
          "SELECT run_uuid, model_id, direction, step FROM run_models WHERE run_uuid IN "
              + in
              + " ORDER BY model_id",
          chunk,
          rs -> {
            if ("INPUT".equals(rs.getString(3))) {
              return modelInputs
                  .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                  .add(new ModelInput(rs.getString(2)));
            }
            return modelOutputs
                .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new ModelOutput(rs.getString(2), rs.getLong(4)));
          });
    }
    List<Run> out = new ArrayList<>(infos.size());
    for (RunInfo info : infos) {
      String id = info.runId();
      out.add(
          new Run(
              info,
              new RunData(
                  metrics.getOrDefault(id, List.of()),
                  params.getOrDefault(id, List.of()),
                  tags.getOrDefault(id, List.of())),
              new RunInputs(
                  datasets.getOrDefault(id, List.of()), modelInputs.getOrDefault(id, List.of())),
              new RunOutputs(modelOutputs.getOrDefault(id, List.of()))));
    }
    return out;
  }

  /** Full runs whose infos {@code sql} (from {@link RunSearch}) selects, in its order. */
  List<Run> search(Connection c, String sql, List<Object> args) throws SQLException {
    return load(c, Jdbc.query(c, sql, args, RunStore::info));
  }

  static RunInfo info(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    return new RunInfo(
        id,
        id,
        rs.getString(2),
        String.valueOf(rs.getLong(3)),
        rs.getString(4),
        rs.getString(5),
        Jdbc.nullableLong(rs, "start_time"),
        Jdbc.nullableLong(rs, "end_time"),
        rs.getString(8),
        rs.getString(9));
  }
}
