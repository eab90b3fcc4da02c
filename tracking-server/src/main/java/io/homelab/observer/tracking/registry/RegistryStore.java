package io.homelab.observer.tracking.registry;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.registry.RegistryModels.Alias;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.registry.RegistryModels.RegisteredModel;
import io.homelab.observer.tracking.wire.KeyValue;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for registered models, their tags and aliases ({@link ModelVersionStore} has the versions);
 * callers own the transaction.
 */
@Singleton
public class RegistryStore {

  /** The tables keyed by model name, children first (the order a delete needs). */
  private static final List<String> BY_NAME =
      List.of(
          "registered_model_tags",
          "model_version_tags",
          "registered_model_aliases",
          "model_versions");

  private final ModelVersionStore versions;

  public RegistryStore(ModelVersionStore versions) {
    this.versions = versions;
  }

  Optional<RegisteredModel> findModel(Connection c, String name) throws SQLException {
    List<RegisteredModel> found =
        models(
            c,
            "SELECT name, creation_time, last_updated_time, description FROM registered_models WHERE name = ?",
            List.of(name));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Registered models selected by {@code sql} (columns name, creation_time, last_updated_time,
   * description) with latest versions per stage, tags and aliases.
   */
  List<RegisteredModel> models(Connection c, String sql, List<Object> args) throws SQLException {
    List<Object[]> rows =
        Jdbc.query(
            c,
            sql,
            args,
            rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)});
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
      for (ModelVersion v : versions.liveVersions(c, name)) {
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

  void insertModel(Connection c, String name, long now, String description) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)",
        name,
        now,
        now,
        description);
  }

  /** Renames a model with everything keyed by its name (versions, tags, aliases). */
  void renameModel(Connection c, String name, String newName, long now) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO registered_models (name, creation_time, last_updated_time, description)"
            + " SELECT ?, creation_time, ?, description FROM registered_models WHERE name = ?",
        newName,
        now,
        name);
    for (String table : BY_NAME) {
      Jdbc.update(c, "UPDATE " + table + " SET name = ? WHERE name = ?", newName, name);
    }
    Jdbc.update(c, "DELETE FROM registered_models WHERE name = ?", name);
  }

  void updateDescription(Connection c, String name, String description, long now)
      throws SQLException {
    Jdbc.update(
        c,
        "UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?",
        description,
        now,
        name);
  }

  /** Deletes a model with its versions, tags and aliases. */
  void deleteModel(Connection c, String name) throws SQLException {
    for (String table : BY_NAME) {
      Jdbc.update(c, "DELETE FROM " + table + " WHERE name = ?", name);
    }
    Jdbc.update(c, "DELETE FROM registered_models WHERE name = ?", name);
  }

  void touchModel(Connection c, String name, long now) throws SQLException {
    Jdbc.update(c, "UPDATE registered_models SET last_updated_time = ? WHERE name = ?", now, name);
  }

  void setTag(Connection c, String name, String key, String value) throws SQLException {
    Jdbc.upsertKeyValue(c, "registered_model_tags", "name", List.of(name), key, value);
  }

  /** Deletes a tag; the number of rows deleted (0 when there was none). */
  int deleteTag(Connection c, String name, String key) throws SQLException {
    return Jdbc.update(
        c, "DELETE FROM registered_model_tags WHERE name = ? AND key = ?", name, key);
  }

  /** Points an alias at a version, moving it when it already points elsewhere. */
  void setAlias(Connection c, String name, String alias, int version) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)"
            + " ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version",
        name,
        alias,
        version);
  }

  void deleteAlias(Connection c, String name, String alias) throws SQLException {
    Jdbc.update(
        c, "DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?", name, alias);
  }

  /** The version an alias points at, if the alias exists. */
  Optional<Integer> aliasVersion(Connection c, String name, String alias) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?",
        rs -> rs.getInt(1),
        name,
        alias);
  }
}
