package io.homelab.observer.controller.environment;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Short database transactions over table {@code environments}; callers do agent I/O outside them.
 * Every method returns rows read or written here, never a live object tied to the database.
 */
@ApplicationScoped
public class EnvironmentStore {

  private static final String COLUMNS =
      "SELECT id, name, url, group_name, tags, tls_fingerprint, agent_id, created_at, status,"
          + " status_message, last_seen, last_checked, docker_version, agent_version, hostname,"
          + " containers_running, containers_total, images, cpus, memory_bytes, metrics_url"
          + " FROM environments";

  private final Database db;

  public EnvironmentStore(Database db) {
    this.db = db;
  }

  public List<EnvironmentEntity> all() {
    return db.tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY name", EnvironmentStore::row));
  }

  public EnvironmentEntity require(String id) {
    return db.tx(c -> find(c, id)).orElseThrow(() -> ApiException.notFound("no environment " + id));
  }

  public void checkUnique(String name, String url, String exceptId) {
    String except = exceptId == null ? "" : exceptId;
    db.tx(
        c -> {
          if (Jdbc.count(
                  c, "SELECT COUNT(*) FROM environments WHERE name = ? AND id <> ?", name, except)
              > 0) {
            throw ApiException.conflict("an environment named " + name + " exists already");
          }
          if (url != null
              && Jdbc.count(
                      c, "SELECT COUNT(*) FROM environments WHERE url = ? AND id <> ?", url, except)
                  > 0) {
            throw ApiException.conflict("the agent at " + url + " is already an environment");
          }
          return null;
        });
  }

  /**
   * Inserts after re-checking uniqueness (the agent calls before took time, a twin request may have
   * won).
   */
  public EnvironmentEntity insert(EnvironmentEntity env) {
    return db.tx(
        c -> {
          checkUnique(env.name, env.url, null);
          Jdbc.update(
              c,
              "INSERT INTO environments (id, name, url, group_name, tags, tls_fingerprint,"
                  + " agent_id, created_at, status, status_message, last_seen, last_checked,"
                  + " docker_version, agent_version, hostname, containers_running,"
                  + " containers_total, images, cpus, memory_bytes, metrics_url)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              env.id,
              env.name,
              env.url,
              Jdbc.text(env.group),
              Jdbc.text(env.tags),
              Jdbc.text(env.tlsFingerprint),
              Jdbc.text(env.agentId),
              env.createdAt,
              env.status,
              Jdbc.text(env.statusMessage),
              Jdbc.bigint(env.lastSeen),
              Jdbc.bigint(env.lastChecked),
              Jdbc.text(env.dockerVersion),
              Jdbc.text(env.agentVersion),
              Jdbc.text(env.hostname),
              Jdbc.integer(env.containersRunning),
              Jdbc.integer(env.containersTotal),
              Jdbc.integer(env.images),
              Jdbc.integer(env.cpus),
              Jdbc.bigint(env.memoryBytes),
              Jdbc.text(env.metricsUrl));
          return env;
        });
  }

  public EnvironmentEntity update(
      String id, String name, String group, String tags, String metricsUrl) {
    return db.tx(
        c -> {
          EnvironmentEntity e =
              find(c, id).orElseThrow(() -> ApiException.notFound("no environment " + id));
          if (name != null) {
            checkUnique(name, null, id);
            e.name = name;
          }
          if (group != null) {
            e.group = group.isEmpty() ? null : group;
          }
          if (tags != null) {
            e.tags = tags;
          }
          if (metricsUrl != null) {
            e.metricsUrl = metricsUrl.isEmpty() ? null : metricsUrl;
          }
          save(c, e);
          return e;
        });
  }

  public EnvironmentEntity delete(String id) {
    return db.tx(
        c -> {
          EnvironmentEntity e =
              find(c, id).orElseThrow(() -> ApiException.notFound("no environment " + id));
          Jdbc.update(c, "DELETE FROM environments WHERE id = ?", id);
          return e;
        });
  }

  /** Applies a status change; an environment removed meanwhile is left removed. */
  public EnvironmentEntity saveStatus(String id, Consumer<EnvironmentEntity> change) {
    return db.tx(
        c -> {
          EnvironmentEntity e =
              find(c, id)
                  .orElseThrow(() -> ApiException.notFound("environment " + id + " was removed"));
          change.accept(e);
          save(c, e);
          return e;
        });
  }

  private static Optional<EnvironmentEntity> find(Connection c, String id) throws SQLException {
    return id == null
        ? Optional.empty()
        : Jdbc.first(c, COLUMNS + " WHERE id = ?", EnvironmentStore::row, id);
  }

  /** Writes every column but the id and the creation time. */
  private static void save(Connection c, EnvironmentEntity e) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE environments SET name = ?, url = ?, group_name = ?, tags = ?, tls_fingerprint = ?,"
            + " agent_id = ?, status = ?, status_message = ?, last_seen = ?, last_checked = ?,"
            + " docker_version = ?, agent_version = ?, hostname = ?, containers_running = ?,"
            + " containers_total = ?, images = ?, cpus = ?, memory_bytes = ?, metrics_url = ?"
            + " WHERE id = ?",
        e.name,
        e.url,
        Jdbc.text(e.group),
        Jdbc.text(e.tags),
        Jdbc.text(e.tlsFingerprint),
        Jdbc.text(e.agentId),
        e.status,
        Jdbc.text(e.statusMessage),
        Jdbc.bigint(e.lastSeen),
        Jdbc.bigint(e.lastChecked),
        Jdbc.text(e.dockerVersion),
        Jdbc.text(e.agentVersion),
        Jdbc.text(e.hostname),
        Jdbc.integer(e.containersRunning),
        Jdbc.integer(e.containersTotal),
        Jdbc.integer(e.images),
        Jdbc.integer(e.cpus),
        Jdbc.bigint(e.memoryBytes),
        Jdbc.text(e.metricsUrl),
        e.id);
  }

  private static EnvironmentEntity row(ResultSet rs) throws SQLException {
    EnvironmentEntity e = new EnvironmentEntity();
    e.id = rs.getString("id");
    e.name = rs.getString("name");
    e.url = rs.getString("url");
    e.group = rs.getString("group_name");
    e.tags = rs.getString("tags");
    e.tlsFingerprint = rs.getString("tls_fingerprint");
    e.agentId = rs.getString("agent_id");
    e.createdAt = rs.getLong("created_at");
    e.status = rs.getString("status");
    e.statusMessage = rs.getString("status_message");
    e.lastSeen = Jdbc.nullableLong(rs, "last_seen");
    e.lastChecked = Jdbc.nullableLong(rs, "last_checked");
    e.dockerVersion = rs.getString("docker_version");
    e.agentVersion = rs.getString("agent_version");
    e.hostname = rs.getString("hostname");
    e.containersRunning = Jdbc.nullableInt(rs, "containers_running");
    e.containersTotal = Jdbc.nullableInt(rs, "containers_total");
    e.images = Jdbc.nullableInt(rs, "images");
    e.cpus = Jdbc.nullableInt(rs, "cpus");
    e.memoryBytes = Jdbc.nullableLong(rs, "memory_bytes");
    e.metricsUrl = rs.getString("metrics_url");
    return e;
  }
}
