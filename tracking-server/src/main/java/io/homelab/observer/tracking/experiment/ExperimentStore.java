package io.homelab.observer.tracking.experiment;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
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
import java.util.Set;

/** SQL for experiments and their tags; callers pass the connection of their transaction. */
@Singleton
public class ExperimentStore {

  private static final String COLUMNS =
      "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";
  private static final Set<String> STRING_ATTRIBUTES = Set.of("name");
  private static final Set<String> NUMERIC_ATTRIBUTES = Set.of("creation_time", "last_update_time");
  private static final Set<String> ORDERABLE =
      Set.of("name", "experiment_id", "creation_time", "last_update_time");

  private final Database db;

  public ExperimentStore(Database db) {
    this.db = db;
  }

  /**
   * Next experiment id; a counter row so both databases allocate the same way under concurrency.
   */
  long nextId(Connection c) throws SQLException {
    Jdbc.update(c, "UPDATE id_counters SET next_id = next_id + 1 WHERE name = 'experiments'");
    return Jdbc.first(
            c,
            "SELECT next_id - 1 FROM id_counters WHERE name = 'experiments'",
            rs -> rs.getLong(1))
        .orElseThrow();
  }

  void insert(Connection c, long id, String name, String location, long now) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO experiments (" + COLUMNS + ") VALUES (?, ?, ?, 'active', ?, ?)",
        id,
        name,
        location,
        now,
        now);
  }

  /** Inserts the default experiment "0" unless it (or its name) already exists. */
  void insertDefault(Connection c, long now) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO experiments ("
            + COLUMNS
            + ") VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', ?, ?)"
            + " ON CONFLICT DO NOTHING",
        now,
        now);
  }

  Optional<Experiment> find(Connection c, long id) throws SQLException {
    Optional<Experiment> e =
        Jdbc.first(
            c,
            "SELECT " + COLUMNS + " FROM experiments WHERE experiment_id = ?",
            ExperimentStore::row,
            id);
    return e.isPresent() ? Optional.of(withTags(c, List.of(e.get())).get(0)) : e;
  }

  /**
   * An active experiment of that name if there is one, else a deleted one (MLflow's preference).
   */
  Optional<Experiment> findByName(Connection c, String name) throws SQLException {
    Optional<Experiment> e =
        Jdbc.first(
            c,
            "SELECT " + COLUMNS + " FROM experiments WHERE name = ? ORDER BY lifecycle_stage",
            ExperimentStore::row,
            name);
    return e.isPresent() ? Optional.of(withTags(c, List.of(e.get())).get(0)) : e;
  }

  void rename(Connection c, long id, String newName, long now) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?",
        newName,
        now,
        id);
  }

  void setLifecycle(Connection c, long id, String stage, long now) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?",
        stage,
        now,
        id);
  }

  void setTag(Connection c, long id, String key, String value) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)"
            + " ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value",
        id,
        key,
        value);
  }

  int deleteTag(Connection c, long id, String key) throws SQLException {
    return Jdbc.update(
        c, "DELETE FROM experiment_tags WHERE experiment_id = ? AND key = ?", id, key);
  }

  /**
   * Searches experiments; fetches one row more than asked so the caller knows about a next page.
   */
  List<Experiment> search(
      Connection c,
      List<String> stages,
      List<Clause> filter,
      List<OrderBy> orderBy,
      int limit,
      int offset)
      throws SQLException {
    List<Object> args = new ArrayList<>(stages);
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM experiments e WHERE e.lifecycle_stage IN (")
            .append(Jdbc.placeholders(stages.size()))
            .append(")");
    for (Clause clause : filter) {
      sql.append(" AND ").append(condition(clause, args));
    }
    sql.append(" ORDER BY ");
    List<String> order = new ArrayList<>();
    boolean hasId = false;
    for (OrderBy o : orderBy) {
      String column = "e." + o.key();
      hasId |= o.key().equals("experiment_id");
      order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }
    if (orderBy.isEmpty()) {
      order.add("e.creation_time DESC");
      order.add("e.experiment_id ASC");
      hasId = true;
    }
    if (!hasId) {
      order.add("e.experiment_id DESC");
    }
    sql.append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(limit + 1);
    args.add(offset);
    return withTags(c, Jdbc.query(c, sql.toString(), args, ExperimentStore::row));
  }

  /** Validates an order_by entry against the experiment columns (mlflow SearchExperimentsUtils). */
  static OrderBy checkOrderBy(OrderBy o) {
    if (!o.type().equals(Clause.ATTRIBUTE) || !ORDERABLE.contains(o.key())) {
      throw MlflowException.invalid(
          "Invalid order by key '" + o.key() + "' specified. Valid keys are " + ORDERABLE);
    }
    return o;
  }

  private String condition(Clause clause, List<Object> args) {
    String op = clause.op();
    if (clause.type().equals(Clause.ATTRIBUTE)) {
      String key = clause.key();
      if (key.equals("experiment_id")) {
        if (op.equals("=") || op.equals("!=")) {
          args.add(Validation.experimentId(String.valueOf(clause.value())));
          return "e.experiment_id " + op + " ?";
        }
        if (op.equals("IN") || op.equals("NOT IN")) {
          List<String> ids = clause.list();
          if (ids.isEmpty()) {
            return op.equals("IN") ? "1 = 0" : "1 = 1";
          }
          ids.forEach(i -> args.add(Validation.experimentId(i)));
          return "e.experiment_id " + op + " (" + Jdbc.placeholders(ids.size()) + ")";
        }
        throw MlflowException.invalid("Invalid comparator for experiment_id: " + op);
      }
      if (STRING_ATTRIBUTES.contains(key)) {
        if (!Set.of("=", "!=", "LIKE", "ILIKE").contains(op)
            || !(clause.value() instanceof String)) {
          throw MlflowException.invalid("Invalid comparator for string attribute: " + op);
        }
        return SqlText.stringComparison(db.dialect(), "e." + key, op, clause.text(), args);
      }
      if (NUMERIC_ATTRIBUTES.contains(key)) {
        if (!Set.of("=", "!=", "<", "<=", ">", ">=").contains(op)) {
          throw MlflowException.invalid("Invalid comparator for numeric attribute: " + op);
        }
        if (!(clause.value() instanceof Double d) || d != Math.rint(d)) {
          throw MlflowException.invalid(
              "Invalid value for numeric attribute '" + key + "': '" + clause.value() + "'");
        }
        args.add(d.longValue());
        return "e." + key + " " + op + " ?";
      }
      throw MlflowException.invalid(
          "Invalid attribute key '"
              + key
              + "' specified. Valid keys are "
              + "['name', 'creation_time', 'last_update_time', 'experiment_id']");
    }
    if (clause.type().equals(Clause.TAG)) {
      if (op.equals("IS NULL") || op.equals("IS NOT NULL")) {
        args.add(clause.key());
        return (op.equals("IS NULL") ? "NOT " : "")
            + "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ?)";
      }
      if (!Set.of("=", "!=", "LIKE", "ILIKE").contains(op) || !(clause.value() instanceof String)) {
        throw MlflowException.invalid("Invalid comparator for tag: " + op);
      }
      args.add(clause.key());
      return "EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ? AND "
          + SqlText.stringComparison(db.dialect(), "t.value", op, clause.text(), args)
          + ")";
    }
    throw MlflowException.invalid("Invalid token type: " + clause.type());
  }

  private List<Experiment> withTags(Connection c, List<Experiment> experiments)
      throws SQLException {
    if (experiments.isEmpty()) {
      return experiments;
    }
    Map<String, List<KeyValue>> tags = new HashMap<>();
    List<Object> ids = new ArrayList<>();
    experiments.forEach(e -> ids.add(Long.parseLong(e.experimentId())));
    for (List<Object> chunk : chunks(ids)) {
      Jdbc.query(
          c,
          "SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ") ORDER BY key",
          chunk,
          rs -> {
            tags.computeIfAbsent(String.valueOf(rs.getLong(1)), k -> new ArrayList<>())
                .add(new KeyValue(rs.getString(2), rs.getString(3)));
            return null;
          });
    }
    Map<String, Experiment> out = new LinkedHashMap<>();
    for (Experiment e : experiments) {
      out.put(e.experimentId(), e.withTags(tags.getOrDefault(e.experimentId(), List.of())));
    }
    return new ArrayList<>(out.values());
  }

  static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 500) {
      out.add(all.subList(i, Math.min(all.size(), i + 500)));
    }
    return out;
  }

  private static Experiment row(ResultSet rs) throws SQLException {
    return new Experiment(
        String.valueOf(rs.getLong("experiment_id")),
        rs.getString("name"),
        rs.getString("artifact_location"),
        rs.getString("lifecycle_stage"),
        Jdbc.nullableLong(rs, "last_update_time"),
        Jdbc.nullableLong(rs, "creation_time"),
        List.of());
  }
}
