package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.store.Database;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Assessments of a trace (MLflow 3 feedback and expectations): create (an override marks the
 * assessment it overrides invalid), get, update by field mask (metadata merged, update time
 * renewed), delete (restoring what the deleted one overrode).
 */
@Singleton
public class AssessmentService {

  private final Database db;
  private final TraceService traces;
  private final AssessmentStore store;

  public AssessmentService(Database db, TraceService traces, AssessmentStore store) {
    this.db = db;
    this.traces = traces;
    this.store = store;
  }

  public ObjectNode create(String traceId, ObjectNode assessment) {
    if (assessment == null) {
      throw MlflowException.missing("assessment");
    }
    ObjectNode a = Assessments.prepareNew(assessment, traceId, System.currentTimeMillis());
    return db.write(
        c -> {
          traces.require(c, traceId);
          String overrides = a.path("overrides").asText("");
          if (!overrides.isEmpty()) {
            ObjectNode old =
                store
                    .find(c, traceId, overrides)
                    .orElseThrow(
                        () ->
                            MlflowException.notFound(
                                "Assessment with ID '"
                                    + overrides
                                    + "' not found for trace '"
                                    + traceId
                                    + "'"));
            old.put("valid", false);
            store.replace(c, old);
          }
          store.insert(c, a);
          return a;
        });
  }

  public ObjectNode get(String traceId, String assessmentId) {
    return db.read(c -> require(c, traceId, assessmentId));
  }

  /**
   * Applies the fields named by {@code updateMask} (protobuf JSON: comma-separated camelCase or
   * snake_case paths) from {@code changes}.
   */
  public ObjectNode update(
      String traceId, String assessmentId, ObjectNode changes, String updateMask) {
    if (changes == null) {
      throw MlflowException.missing("assessment");
    }
    if (updateMask == null || updateMask.isBlank()) {
      throw MlflowException.missing("update_mask");
    }
    List<String> paths = new ArrayList<>();
    for (String p : updateMask.split(",")) {
      paths.add(snake(p.trim()));
    }
    return db.write(
        c -> {
          ObjectNode a = require(c, traceId, assessmentId);
          boolean feedback = a.hasNonNull("feedback");
          for (String path : paths) {
            switch (path) {
              case "assessment_name" -> a.set("assessment_name", changes.get("assessment_name"));
              case "rationale" -> a.set("rationale", changes.get("rationale"));
              case "valid" -> a.set("valid", changes.get("valid"));
              case "feedback" -> {
                if (!feedback) {
                  throw MlflowException.invalid(
                      "Cannot update feedback value on an Expectation assessment.");
                }
                a.set("feedback", changes.get("feedback"));
              }
              case "expectation" -> {
                if (feedback) {
                  throw MlflowException.invalid(
                      "Cannot update expectation value on a Feedback assessment.");
                }
                a.set("expectation", changes.get("expectation"));
                Assessments.serializeExpectation(a);
              }
              case "metadata" -> {
                JsonNode m = changes.get("metadata");
                if (m instanceof ObjectNode mo) {
                  ObjectNode merged =
                      a.get("metadata") instanceof ObjectNode old ? old : a.putObject("metadata");
                  merged.setAll(mo);
                }
              }
              default -> {
                // MLflow's handler ignores paths it does not update.
              }
            }
          }
          if (a.path("assessment_name").asText("").isEmpty()) {
            throw MlflowException.invalid("Assessment name must be specified.");
          }
          a.put("last_update_time", TraceTime.timestamp(System.currentTimeMillis()));
          store.replace(c, a);
          return a;
        });
  }

  public void delete(String traceId, String assessmentId) {
    db.write(
        c -> {
          ObjectNode a = store.find(c, traceId, assessmentId).orElse(null);
          if (a == null) {
            return null;
          }
          store.delete(c, traceId, assessmentId);
          String overrides = a.path("overrides").asText("");
          if (!overrides.isEmpty()) {
            store
                .find(c, traceId, overrides)
                .ifPresent(
                    old -> {
                      old.put("valid", true);
                      try {
                        store.replace(c, old);
                      } catch (SQLException e) {
                        throw new io.homelab.observer.tracking.store.StoreException(e);
                      }
                    });
          }
          return null;
        });
  }

  private ObjectNode require(Connection c, String traceId, String assessmentId)
      throws SQLException {
    traces.require(c, traceId);
    return store
        .find(c, traceId, assessmentId)
        .orElseThrow(
            () ->
                MlflowException.notFound(
                    "Assessment with ID '"
                        + assessmentId
                        + "' not found for trace '"
                        + traceId
                        + "'"));
  }

  /** {@code assessmentName} -> {@code assessment_name}. */
  static String snake(String path) {
    StringBuilder b = new StringBuilder();
    for (char ch : path.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
