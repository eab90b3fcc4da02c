package io.homelab.observer.controller.alert;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.controller.storage.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** The rules added through the API (table {@code alert_rules}). */
@ApplicationScoped
public class RuleStore {

  private static final String COLUMNS =
      "SELECT id, name, group_name, expr, for_seconds, labels, annotations, created_at"
          + " FROM alert_rules";

  private final Database db;

  public RuleStore(Database db) {
    this.db = db;
  }

  public List<AlertRule> all() {
    return db
        .tx(c -> Jdbc.query(c, COLUMNS + " ORDER BY group_name, name", RuleStore::row))
        .stream()
        .map(RuleStore::rule)
        .toList();
  }

  public AlertRule insert(AlertRule r) {
    AlertRuleEntity e = new AlertRuleEntity();
    e.id = UUID.randomUUID().toString();
    e.createdAt = System.currentTimeMillis();
    copy(r, e);
    db.tx(
        c -> {
          checkUnique(c, r.group(), r.name(), "");
          return Jdbc.update(
              c,
              "INSERT INTO alert_rules (id, name, group_name, expr, for_seconds, labels,"
                  + " annotations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              e.id,
              e.name,
              e.groupName,
              e.expr,
              e.forSeconds,
              e.labels,
              e.annotations,
              e.createdAt);
        });
    return rule(e);
  }

  public AlertRule update(String id, AlertRule r) {
    return db.tx(
        c -> {
          AlertRuleEntity e =
              Jdbc.first(c, COLUMNS + " WHERE id = ?", RuleStore::row, id)
                  .orElseThrow(
                      () ->
                          ApiException.notFound(
                              "no rule "
                                  + id
                                  + " (only rules added through the API can be"
                                  + " changed)"));
          checkUnique(c, r.group(), r.name(), id);
          copy(r, e);
          Jdbc.update(
              c,
              "UPDATE alert_rules SET name = ?, group_name = ?, expr = ?, for_seconds = ?,"
                  + " labels = ?, annotations = ? WHERE id = ?",
              e.name,
              e.groupName,
              e.expr,
              e.forSeconds,
              e.labels,
              e.annotations,
              e.id);
          return rule(e);
        });
  }

  public void delete(String id) {
    if (db.tx(c -> Jdbc.update(c, "DELETE FROM alert_rules WHERE id = ?", id)) == 0) {
      throw ApiException.notFound(
          "no rule " + id + " (only rules added through the API can be removed)");
    }
  }

  private static void checkUnique(Connection c, String group, String name, String exceptId)
      throws SQLException {
    if (Jdbc.count(
            c,
            "SELECT COUNT(*) FROM alert_rules WHERE group_name = ? AND name = ? AND id <> ?",
            group,
            name,
            exceptId)
        > 0) {
      throw ApiException.conflict("group " + group + " has a rule named " + name + " already");
    }
  }

  private static void copy(AlertRule r, AlertRuleEntity e) {
    e.name = r.name();
    e.groupName = r.group();
    e.expr = r.expr();
    e.forSeconds = r.forSeconds();
    e.labels = JsonMaps.write(r.labels());
    e.annotations = JsonMaps.write(r.annotations());
  }

  private static AlertRuleEntity row(ResultSet rs) throws SQLException {
    AlertRuleEntity e = new AlertRuleEntity();
    e.id = rs.getString("id");
    e.name = rs.getString("name");
    e.groupName = rs.getString("group_name");
    e.expr = rs.getString("expr");
    e.forSeconds = rs.getLong("for_seconds");
    e.labels = rs.getString("labels");
    e.annotations = rs.getString("annotations");
    e.createdAt = rs.getLong("created_at");
    return e;
  }

  private static AlertRule rule(AlertRuleEntity e) {
    return new AlertRule(
        e.id,
        "api",
        e.groupName,
        e.name,
        e.expr,
        e.forSeconds,
        JsonMaps.readMap(e.labels),
        JsonMaps.readMap(e.annotations));
  }
}
