package io.homelab.observer.tracking.genaiissue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.genaiissue.Issues.Issue;
import io.homelab.observer.tracking.search.Clause;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of issues (table of migration V111). Every statement binds its values; filter columns
 * come from {@link IssueFilter#KEYS} only.
 */
@Singleton
public class IssueStore {

  private static final String COLUMNS =
      "issue_id, experiment_id, name, description, status, severity, root_causes, source_run_id,"
          + " created_timestamp, last_updated_timestamp, created_by, categories";

  /** MLflow's severity rank (IssueSeverity order); an issue without one sorts last. */
  private static final String SEVERITY_RANK =
      "CASE severity WHEN 'not_an_issue' THEN 0 WHEN 'low' THEN 1 WHEN 'medium' THEN 2"
          + " WHEN 'high' THEN 3 ELSE -1 END";

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final ObjectMapper json;

  public IssueStore(ObjectMapper json) {
    this.json = json;
  }

  void insert(Connection c, Issue i) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO issues (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        i.issueId(),
        Long.parseLong(i.experimentId()),
        i.name(),
        i.description(),
        i.status(),
        i.severity(),
        list(i.rootCauses()),
        i.sourceRunId(),
        i.createdTimestamp(),
        i.lastUpdatedTimestamp(),
        i.createdBy(),
        list(i.categories()));
  }

  Optional<Issue> get(Connection c, String issueId) throws SQLException {
    return Jdbc.first(
        c, "SELECT " + COLUMNS + " FROM issues WHERE issue_id = ?", this::issue, issueId);
  }

  /** Writes the mutable fields of an issue back. */
  void update(Connection c, Issue i) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE issues SET name = ?, description = ?, status = ?, severity = ?,"
            + " last_updated_timestamp = ? WHERE issue_id = ?",
        i.name(),
        i.description(),
        i.status(),
        i.severity(),
        i.lastUpdatedTimestamp(),
        i.issueId());
  }

  /**
   * One page in MLflow's order: severity (highest first), then the trace count when counted, then
   * newest first, then id descending. Reads one row more than asked so the caller knows if more
   * follow.
   */
  List<Issue> search(
      Connection c,
      Long experimentId,
      List<Clause> clauses,
      boolean traceCounts,
      int offset,
      int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    sql.append(COLUMNS);
    if (traceCounts) {
      // MLflow counts the distinct traces holding an issue assessment named by the issue id.
      sql.append(
          ", (SELECT COUNT(DISTINCT a.trace_id) FROM assessments a WHERE a.name = issues.issue_id)");
    }
    sql.append(" FROM issues WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (experimentId != null) {
      sql.append(" AND experiment_id = ?");
      args.add(experimentId);
    }
    for (Clause cl : clauses) {
      String column = IssueFilter.KEYS.contains(cl.key()) ? cl.key() : null;
      if (column == null) {
        throw new IllegalArgumentException("unchecked filter key " + cl.key());
      }
      // SQL's != drops NULLs, as MLflow's SQLAlchemy comparison does.
      sql.append(" AND ").append(column).append(cl.op().equals("=") ? " = ?" : " <> ?");
      args.add(cl.text());
    }
    sql.append(" ORDER BY ").append(SEVERITY_RANK).append(" DESC");
    if (traceCounts) {
      sql.append(", 13 DESC");
    }
    sql.append(", created_timestamp DESC, issue_id DESC LIMIT ? OFFSET ?");
    args.add(limit + 1);
    args.add(offset);
    return Jdbc.query(
        c,
        sql.toString(),
        args,
        rs -> traceCounts ? issue(rs).withTraceCount(rs.getLong(13)) : issue(rs));
  }

  private Issue issue(ResultSet rs) throws SQLException {
    return new Issue(
        rs.getString(1),
        String.valueOf(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        strings(rs.getString(7)),
        rs.getString(8),
        rs.getLong(9),
        rs.getLong(10),
        rs.getString(11),
        strings(rs.getString(12)),
        null);
  }

  private String list(List<String> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<String> strings(String text) throws SQLException {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, STRINGS);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored list is not JSON", e);
    }
  }
}
