package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.common.jdbc.Jdbc;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for assessments, kept as MLflow's Assessment JSON; callers own the transaction. */
@Singleton
public class AssessmentStore {

  private final ObjectMapper json;

  public AssessmentStore(ObjectMapper json) {
    this.json = json;
  }

  void insert(Connection c, ObjectNode a) throws SQLException {
    Jdbc.update(
        c,
        "INSERT INTO assessments (assessment_id, trace_id, name, created_timestamp, content)"
            + " VALUES (?, ?, ?, ?, ?)",
        a.path("assessment_id").asText(),
        a.path("trace_id").asText(),
        a.path("assessment_name").asText(),
        TraceTime.parseTimestamp(a.path("create_time").asText(), "create_time"),
        a.toString());
  }

  void replace(Connection c, ObjectNode a) throws SQLException {
    Jdbc.update(
        c,
        "UPDATE assessments SET name = ?, content = ? WHERE assessment_id = ? AND trace_id = ?",
        a.path("assessment_name").asText(),
        a.toString(),
        a.path("assessment_id").asText(),
        a.path("trace_id").asText());
  }

  Optional<ObjectNode> find(Connection c, String traceId, String assessmentId) throws SQLException {
    return Jdbc.first(
        c,
        "SELECT content FROM assessments WHERE trace_id = ? AND assessment_id = ?",
        rs -> parse(rs.getString(1)),
        traceId,
        assessmentId);
  }

  int delete(Connection c, String traceId, String assessmentId) throws SQLException {
    return Jdbc.update(
        c,
        "DELETE FROM assessments WHERE trace_id = ? AND assessment_id = ?",
        traceId,
        assessmentId);
  }

  /** The assessments of each trace, oldest first. */
  Map<String, List<ObjectNode>> of(Connection c, List<String> traceIds) throws SQLException {
    Map<String, List<ObjectNode>> out = new LinkedHashMap<>();
    for (int i = 0; i < traceIds.size(); i += 500) {
      List<String> chunk = traceIds.subList(i, Math.min(traceIds.size(), i + 500));
      Jdbc.query(
          c,
          "SELECT trace_id, content FROM assessments WHERE trace_id IN ("
              + Jdbc.placeholders(chunk.size())
              + ") ORDER BY trace_id, created_timestamp, assessment_id",
          chunk,
          rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(parse(rs.getString(2)));
            return null;
          });
    }
    return out;
  }

  private ObjectNode parse(String content) {
    try {
      return (ObjectNode) json.readTree(content);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored assessment is not a JSON object", e);
    }
  }
}
