package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.registry.RegistryModels.Alias;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.registry.RegistryModels.RegisteredModel;
import io.homelab.observer.tracking.store.Jdbc;
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

/** SQL for registered models, versions, their tags and aliases; callers own the transaction. */
@Singleton
public class RegistryStore {

  static final String DELETED_STAGE = "Deleted_Internal";
  static final String VERSION_COLUMNS =
      "v.name, v.version, v.creation_time, v.last_updated_time, v.user_id, v.current_stage, v.description,"
          + " v.source, v.run_id, v.status, v.status_message, v.run_link, v.model_id, v.storage_location";

  Optional<RegisteredModel> findModel(Connection c, String name) throws SQLException {
    Optional<Object[]> row =
        Jdbc.first(
            c,
            "SELECT name, creation_time, last_updated_time, description FROM registered_models WHERE name = ?",
            rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)},
            name);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    List<Object[]> rows = new ArrayList<>();
    rows.add(row.get());
    return Optional.of(assemble(c, rows).get(0));
  }

  /** Registered models with latest versions per stage, tags and aliases. */
  List<RegisteredModel> assemble(Connection c, List<Object[]> rows) throws SQLException {
    List<RegisteredModel> out = new ArrayList<>();
    for (Object[] r : rows) {
      String name = (String) r[0];
      List<KeyValue> tags =
          Jdbc.query(
              c,
              "SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key",
              rs -> new KeyValue(rs.getString(1), rs.getString(2)),
              name);
      List<Alias> aliases =
          Jdbc.query(
              c,
              "SELECT alias, version FROM registered_model_aliases WHERE name = ? ORDER BY alias",
              rs -> new Alias(rs.getString(1), String.valueOf(rs.getInt(2))),
              name);
      Map<String, ModelVersion> latest = new LinkedHashMap<>();
      for (ModelVersion v :
          versions(
              c,
              "v.name = ? AND v.current_stage <> ? ORDER BY v.version",
              List.of(name, DELETED_STAGE))) {
        latest.put(v.currentStage(), v);
      }
      out.add(
          new RegisteredModel(
              name,
              (Long) r[1],
              (Long) r[2],
              (String) r[3],
              new ArrayList<>(latest.values()),
              tags,
              aliases));
    }
    return out;
  }

  /** Versions matching a WHERE clause over {@code model_versions v}, with tags and aliases. */
  List<ModelVersion> versions(Connection c, String where, List<Object> args) throws SQLException {
    List<Object[]> rows =
        Jdbc.query(
            c,
            "SELECT " + VERSION_COLUMNS + " FROM model_versions v WHERE " + where,
            args,
            RegistryStore::versionRow);
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

  int nextVersion(Connection c, String name) throws SQLException {
    return Jdbc.first(
            c,
            "SELECT COALESCE(MAX(version), 0) + 1 FROM model_versions WHERE name = ?",
            rs -> rs.getInt(1),
            name)
        .orElse(1);
  }

  void touchModel(Connection c, String name, long now) throws SQLException {
    Jdbc.update(c, "UPDATE registered_models SET last_updated_time = ? WHERE name = ?", now, name);
  }

  void upsertTag(
      Connection c, String table, String keyColumns, List<Object> keys, String key, String value)
      throws SQLException {
    List<Object> args = new ArrayList<>(keys);
    args.add(key);
    args.add(value);
    String cols = keyColumns + ", key, value";
    try (var ps =
        c.prepareStatement(
            "INSERT INTO "
                + table
                + " ("
                + cols
                + ") VALUES ("
                + Jdbc.placeholders(args.size())
                + ")"
                + " ON CONFLICT ("
                + keyColumns
                + ", key) DO UPDATE SET value = excluded.value")) {
      Jdbc.bind(ps, args);
      ps.executeUpdate();
    }
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
}
