package io.homelab.observer.tracking.registry;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.wire.KeyValue;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for model versions and their tags; callers own the transaction. */
@Singleton
public class ModelVersionStore {

  static final String DELETED_STAGE = "Deleted_Internal";
  private static final String VERSION_COLUMNS =
      "v.name, v.version, v.creation_time, v.last_updated_time, v.user_id, v.current_stage, v.description,"
          + " v.source, v.run_id, v.status, v.status_message, v.run_link, v.model_id, v.storage_location";

  /** Versions matching a WHERE clause over {@code model_versions v}, with tags and aliases. */
  List<ModelVersion> versions(Connection c, String where, List<Object> args) throws SQLException {
    List<Object[]> rows =
        Jdbc.query(
            c,
            "SELECT " + VERSION_COLUMNS + " FROM model_versions v WHERE " + where,
            args,
            ModelVersionStore::versionRow);
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<KeyValue>> tags = new HashMap<>();
    Map<String, List<String>> aliases = new HashMap<>();
    Map<String, List<Integer>> byName = new LinkedHashMap<>();
    for (Object[] r : rows) {
      byName.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((Integer) r[1]);
    }
    for (String name : byName.keySet()) {
      Jdbc.query(
          c,
          "SELECT version, key, value FROM model_version_tags WHERE name = ? ORDER BY key",
          rs ->
              tags.computeIfAbsent(name + "/" + rs.getInt(1), k -> new ArrayList<>())
                  .add(new KeyValue(rs.getString(2), rs.getString(3))),
          name);
      Jdbc.query(
          c,
          "SELECT version, alias FROM registered_model_aliases WHERE name = ? ORDER BY alias",
          rs ->
              aliases
                  .computeIfAbsent(name + "/" + rs.getInt(1), k -> new ArrayList<>())
                  .add(rs.getString(2)),
          name);
    }
    List<ModelVersion> out = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      String k = r[0] + "/" + r[1];
      out.add(
          new ModelVersion(
              (String) r[0],
              String.valueOf(r[1]),
              (Long) r[2],
              (Long) r[3],
              (String) r[4],
              (String) r[5],
              (String) r[6],
              (String) r[7],
              (String) r[8],
              (String) r[9],
              (String) r[10],
              tags.getOrDefault(k, List.of()),
              (String) r[11],
              aliases.getOrDefault(k, List.of()),
              (String) r[12]));
    }
    return out;
  }

  /** The live versions of a model in version order (for its latest version per stage). */
  List<ModelVersion> liveVersions(Connection c, String name) throws SQLException {
    return versions(
        c, "v.name = ? AND v.current_stage <> ? ORDER BY v.version", List.of(name, DELETED_STAGE));
  }

  Optional<ModelVersion> findVersion(Connection c, String name, int version) throws SQLException {
    List<ModelVersion> found =
        versions(
            c,
            "v.name = ? AND v.version = ? AND v.current_stage <> ?",
            List.of(name, version, DELETED_STAGE));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The artifact location a version resolves to (for downloads), if the version exists. */
  Optional<String> storageLocation(Connection c, String name, int version) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT COALESCE(storage_location, source) FROM model_versions WHERE name = ? AND version = ? AND current_stage <> ?",
        rs -> rs.getString(1),
        name,
        version,
        DELETED_STAGE);
  }

  /** The next version number; deleted versions keep theirs, so numbers are never reused. */
  int nextVersion(Connection c, String name) throws SQLException {
    return Jdbc.first(
            c,
            "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = ?",
            rs -> rs.getInt(1),
            name)
        .orElse(1);
  }

  /** A new READY version in stage None. */
  void insertVersion(Connection c, NewVersion v) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage,"
            + " source, run_id, status, status_message, run_link, storage_location, model_id)"
            + " VALUES (?, ?, ?, ?, ?, NULL, 'None', ?, ?, 'READY', NULL, ?, ?, ?)",
        v.name(),
        v.version(),
        v.time(),
        v.time(),
        v.description(),
        v.source(),
        v.runId(),
        v.runLink(),
        v.storageLocation(),
        v.modelId());
  }

  void updateDescription(Connection c, String name, int version, String description, long now)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ? AND version = ?",
        description,
        now,
        name,
        version);
  }

  /** Moves every other version in {@code stage} to Archived. */
  void archiveOthers(Connection c, String name, int version, String stage, long now)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ?"
            + " WHERE name = ? AND version <> ? AND current_stage = ?",
        now,
        name,
        version,
        stage);
  }

  void setStage(Connection c, String name, int version, String stage, long now)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ? AND version = ?",
        stage,
        now,
        name,
        version);
  }

  /** Soft delete, as MLflow: the row stays (its number is never reused), its content goes. */
  void softDelete(Connection c, String name, int version, long now) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE model_versions SET current_stage = ?, description = NULL, user_id = NULL, source = 'REDACTED-SOURCE-PATH',"
            + " run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK', status_message = NULL, storage_location = NULL,"
            + " last_updated_time = ? WHERE name = ? AND version = ?",
        DELETED_STAGE,
        now,
        name,
        version);
    Jdbc.update(c, "DELETE FROM model_version_tags WHERE name = ? AND version = ?", name, version);
    Jdbc.update(
        c, "DELETE FROM registered_model_aliases WHERE name = ? AND version = ?", name, version);
  }

  void setTag(Connection c, String name, int version, String key, String value)
      throws SQLException {
    Jdbc.upsertKeyValue(
        c, "model_version_tags", "name, version", List.of(name, version), key, value);
  }

  /** Deletes a tag; the number of rows deleted (0 when there was none). */
  int deleteTag(Connection c, String name, int version, String key) throws SQLException {
    return Jdbc.update(
        c,
        "DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?",
        name,
        version,
        key);
  }

  private static Object[] versionRow(ResultSet rs) throws SQLException {
    return new Object[] {
      rs.getString(1),
      rs.getInt(2),
      Jdbc.nullableLong(rs, "creation_time"),
      Jdbc.nullableLong(rs, "last_updated_time"),
      rs.getString(5),
      rs.getString(6),
      rs.getString(7),
      rs.getString(8),
      rs.getString(9),
      rs.getString(10),
      rs.getString(11),
      rs.getString(12),
      rs.getString(13)
    };
  }

  /** The columns of a version being created. */
  record NewVersion(
      String name,
      int version,
      long time,
      String description,
      String source,
      String runId,
      String runLink,
      String storageLocation,
      String modelId) {}
}
