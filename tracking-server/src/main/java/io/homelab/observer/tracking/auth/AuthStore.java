package io.homelab.observer.tracking.auth;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users and their experiment / registered-model / scorer permissions, in the tracking database
 * (tables from migrations V050..V053). Every statement binds its values; nothing is built from
 * request text.
 */
@ApplicationScoped
public class AuthStore {

  private final Database db;

  public AuthStore(Database db) {
    this.db = db;
  }

  /** Whether any user exists (first start creates the admin when not). */
  public boolean hasUsers() {
    return db.read(c -> Jdbc.first(c, "SELECT 1 FROM auth_users", rs -> 1).isPresent());
  }

  public Optional<User> user(String username) {
    return db.read(c -> findUser(c, username));
  }

  /** Creates a user; RESOURCE_ALREADY_EXISTS (400) when the name is taken. */
  public User createUser(String username, String passwordHash, boolean admin) {
    return db.write(
        c -> {
          if (findUser(c, username).isPresent()) {
            throw MlflowException.exists("User (username=" + username + ") already exists.");
          }
          long id = nextId(c);
          Jdbc.update(
              c,
              "INSERT INTO auth_users (id, username, password_hash, is_admin) VALUES (?, ?, ?, ?)",
              id,
              username,
              passwordHash,
              admin);
          return new User(id, username, passwordHash, admin);
        });
  }

  public void updatePassword(String username, String passwordHash) {
    updateUser(
        username, "UPDATE auth_users SET password_hash = ? WHERE username = ?", passwordHash);
  }

  public void updateAdmin(String username, boolean admin) {
    updateUser(username, "UPDATE auth_users SET is_admin = ? WHERE username = ?", admin);
  }

  /** Deletes the user and every permission row of theirs. */
  public void deleteUser(String username) {
    db.write(
        c -> {
          User user = findUser(c, username).orElseThrow(() -> userNotFound(username));
          for (Resource resource : Resource.values()) {
            Jdbc.update(c, "DELETE FROM " + resource.table + " WHERE user_id = ?", user.id());
          }
          Jdbc.update(c, "DELETE FROM auth_users WHERE id = ?", user.id());
          return null;
        });
  }

  /** The explicit permission of a user on a resource, if any ({@link Resource} names the table). */
  public Optional<Permission> permission(Resource resource, String resourceId, long userId) {
    return db.read(c -> findPermission(c, resource, resourceId, userId));
  }

  /**
   * All explicit permissions of a user on one kind of resource, as (resource id, permission) pairs.
   */
  public List<Grant> grants(Resource resource, long userId) {
    return db.read(
        c -> {
          List<Grant> grants = new ArrayList<>();
          Jdbc.query(
              c,
              "SELECT "
                  + resource.column
                  + ", permission FROM "
                  + resource.table
                  + " WHERE user_id = ? ORDER BY "
                  + resource.column,
              rs -> {
                String id = rs.getString(1);
                Permission.parse(rs.getString(2)).ifPresent(p -> grants.add(new Grant(id, p)));
                return id;
              },
              userId);
          return grants;
        });
  }

  /** Creates a permission row; RESOURCE_ALREADY_EXISTS when the pair has one. */
  public void createPermission(
      Resource resource, String resourceId, long userId, String username, Permission p) {
    db.write(
        c -> {
          if (findPermission(c, resource, resourceId, userId).isPresent()) {
            throw MlflowException.exists(
                resource.label
                    + " permission ("
                    + resource.key
                    + "="
                    + resourceId
                    + ", username="
                    + username
                    + ") already exists.");
          }
          insertPermission(c, resource, resourceId, userId, p);
          return null;
        });
  }

  /** Sets a permission row whether or not one exists (the creator's MANAGE grant). */
  public void grant(Resource resource, String resourceId, long userId, Permission p) {
    db.write(
        c -> {
          deletePermissionRow(c, resource, resourceId, userId);
          insertPermission(c, resource, resourceId, userId, p);
          return null;
        });
  }

  /** Deletes a permission row; RESOURCE_DOES_NOT_EXIST when the pair has none. */
  public void deletePermission(Resource resource, String resourceId, long userId, String username) {
    db.write(
        c -> {
          if (deletePermissionRow(c, resource, resourceId, userId) == 0) {
            throw permissionNotFound(resource, resourceId, username);
          }
          return null;
        });
  }

  /** Drops every user's permission on a resource (a deleted registered model, as MLflow does). */
  public void deleteAllPermissions(Resource resource, String resourceId) {
    db.write(
        c ->
            Jdbc.update(
                c,
                "DELETE FROM " + resource.table + " WHERE " + resource.column + " = ?",
                resourceId));
  }

  /**
   * Renames the resource id of every permission row (a renamed registered model keeps its grants).
   */
  public void renameResource(Resource resource, String from, String to) {
    db.write(
        c ->
            Jdbc.update(
                c,
                "UPDATE "
                    + resource.table
                    + " SET "
                    + resource.column
                    + " = ? WHERE "
                    + resource.column
                    + " = ?",
                to,
                from));
  }

  private static Optional<User> findUser(Connection c, String username) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT id, username, password_hash, is_admin FROM auth_users WHERE username = ?",
        rs -> new User(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
        username);
  }

  /** Runs an UPDATE of one user's column; RESOURCE_DOES_NOT_EXIST when there is no such user. */
  private void updateUser(String username, String sql, Object value) {
    db.write(
        c -> {
          if (Jdbc.update(c, sql, value, username) == 0) {
            throw userNotFound(username);
          }
          return null;
        });
  }

  private static Optional<Permission> findPermission(
      Connection c, Resource resource, String resourceId, long userId) throws SQLException {
    return Jdbc.first(
            c,
            "SELECT permission FROM "
                + resource.table
                + " WHERE "
                + resource.column
                + " = ? AND user_id = ?",
            rs -> rs.getString(1),
            resourceId,
            userId)
        .flatMap(Permission::parse);
  }

  private static void insertPermission(
      Connection c, Resource resource, String resourceId, long userId, Permission p)
      throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO "
            + resource.table
            + " ("
            + resource.column
            + ", user_id, permission) VALUES (?, ?, ?)",
        resourceId,
        userId,
        p.name());
  }

  private static int deletePermissionRow(
      Connection c, Resource resource, String resourceId, long userId) throws SQLException {
    return Jdbc.update(
        c,
        "DELETE FROM " + resource.table + " WHERE " + resource.column + " = ? AND user_id = ?",
        resourceId,
        userId);
  }

  private static long nextId(Connection c) throws SQLException {
    Jdbc.update(c, "UPDATE id_counters SET next_id = next_id + 1 WHERE name = ?", "auth_users");
    return Jdbc.first(
                c,
                "SELECT next_id FROM id_counters WHERE name = ?",
                rs -> rs.getLong(1),
                "auth_users")
            .orElseThrow()
        - 1;
  }

  static MlflowException userNotFound(String username) {
    return MlflowException.notFound("User with username=" + username + " not found");
  }

  static MlflowException permissionNotFound(Resource resource, String resourceId, String username) {
    return MlflowException.notFound(
        resource.label
            + " permission with "
            + resource.key
            + "="
            + resourceId
            + " and username="
            + username
            + " not found");
  }

  /**
   * The kinds of resource that carry permissions; table and column names are constants, never
   * input.
   */
  public enum Resource {
    EXPERIMENT("auth_experiment_permissions", "experiment_id", "experiment_id", "Experiment"),
    REGISTERED_MODEL("auth_registered_model_permissions", "name", "name", "Registered model"),
    /** Keyed by MLflow's scorer pattern, {@code <experiment_id>/<quoted name>} (ScorerGrants). */
    SCORER("auth_scorer_permissions", "resource_pattern", "resource_pattern", "Scorer");

    final String table;
    final String column;
    final String key;
    final String label;

    Resource(String table, String column, String key, String label) {
      this.table = table;
      this.column = column;
      this.key = key;
      this.label = label;
    }
  }

  /** One explicit permission of a user. */
  public record Grant(String resourceId, Permission permission) {}
}
