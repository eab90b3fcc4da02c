package io.homelab.observer.tracking.trace;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.Experiment;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.trace.Traces.Trace;
import io.homelab.observer.tracking.trace.Traces.TraceInfo;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MLflow's rules for trace info: start (create or complete a trace), get, search, tags, delete,
 * links to runs; one transaction per call.
 */
@Singleton
public class TraceService {

  static final String ARTIFACT_LOCATION_TAG = "mlflow.artifactLocation";
  static final String INFO_FINALIZED = "mlflow.trace.infoFinalized";

  /** Tags only the server sets (MLflow's _HANDLER_BLOCKED_TRACE_TAGS). */
  private static final Set<String> IMMUTABLE_TAGS =
      Set.of(
          TraceReader.SPANS_LOCATION_TAG,
          "mlflow.trace.archiveLocation",
          "mlflow.trace.archivalFailure");

  static final int SEARCH_DEFAULT = 100;
  static final int SEARCH_MAX = 500;
  static final int MAX_LINKS = 100;

  private final Database db;
  private final TraceStore traces;
  private final TraceReader reader;
  private final ExperimentService experiments;
  private final RunService runs;
  private final AssessmentStore assessments;
  private final SpanStore spans;

  public TraceService(
      Database db,
      TraceStore traces,
      TraceReader reader,
      ExperimentService experiments,
      RunService runs,
      AssessmentStore assessments,
      SpanStore spans) {
    this.db = db;
    this.spans = spans;
    this.assessments = assessments;
    this.traces = traces;
    this.reader = reader;
    this.experiments = experiments;
    this.runs = runs;
  }

  /**
   * StartTraceV3, which clients call when a trace has ended: creates the trace, or completes the
   * one its spans created, with the client's info, tags and metadata.
   */
  public TraceInfo start(TraceInfo in) {
    if (in == null) {
      throw MlflowException.missing("trace");
    }
    String traceId = Validation.required(in.traceId(), "trace.trace_info.trace_id");
    String experimentId = in.traceLocation() == null ? null : in.traceLocation().experimentId();
    Validation.required(experimentId, "trace.trace_info.trace_location.mlflow_experiment");
    Experiment experiment = experiments.requireActive(experimentId);
    Long requestTime = TraceTime.parseTimestamp(in.requestTime(), "request_time");
    TraceRow row =
        new TraceRow(
            traceId,
            experiment.experimentId(),
            requestTime == null ? System.currentTimeMillis() : requestTime,
            TraceTime.parseDuration(in.executionDuration(), "execution_duration"),
            in.state() == null || in.state().isEmpty() ? "STATE_UNSPECIFIED" : in.state(),
            in.clientRequestId(),
            in.requestPreview(),
            in.responsePreview());
    return db.write(
        c -> {
          Optional<TraceRow> existing = traces.find(c, traceId);
          if (existing.isEmpty() && traces.insertIfAbsent(c, row)) {
            traces.put(
                c,
                TraceStore.TAGS,
                traceId,
                ARTIFACT_LOCATION_TAG,
                artifactLocation(experiment, traceId));
          } else {
            // Its spans came first (or concurrently): complete that trace.
            TraceRow old = existing.isPresent() ? existing.get() : require(c, traceId);
            sameExperiment(old, experiment.experimentId());
            traces.update(c, row);
          }
          if (in.tags() != null) {
            for (Map.Entry<String, String> t : in.tags().entrySet()) {
              if (!IMMUTABLE_TAGS.contains(t.getKey())) {
                traces.put(c, TraceStore.TAGS, traceId, t.getKey(), t.getValue());
              }
            }
          }
          if (in.traceMetadata() != null) {
            for (Map.Entry<String, String> m : in.traceMetadata().entrySet()) {
              traces.put(c, TraceStore.METADATA, traceId, m.getKey(), m.getValue());
            }
          }
          traces.put(c, TraceStore.METADATA, traceId, INFO_FINALIZED, "true");
          if (in.assessments() != null) {
            for (com.fasterxml.jackson.databind.JsonNode a : in.assessments()) {
              if (a instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                assessments.insert(
                    c, Assessments.prepareNew(o, traceId, System.currentTimeMillis()));
              }
            }
          }
          return reader.infos(c, List.of(traces.find(c, traceId).orElseThrow())).get(0);
        });
  }

  /** Where the client uploads {@code traces.json} when its spans are not in the store. */
  static String artifactLocation(Experiment experiment, String traceId) {
    String root = experiment.artifactLocation();
    return (root.endsWith("/") ? root : root + "/") + "traces/" + traceId + "/artifacts";
  }

  static void sameExperiment(TraceRow existing, String experimentId) {
    if (!existing.experimentId().equals(experimentId)) {
      throw MlflowException.invalid(
          "Trace '"
              + existing.traceId()
              + "' belongs to experiment "
              + existing.experimentId()
              + ", not "
              + experimentId
              + ".");
    }
  }

  public TraceInfo info(String traceId) {
    return db.read(c -> reader.infos(c, List.of(require(c, traceId))).get(0));
  }

  /** The experiment a trace belongs to (permission checks); empty for an unknown trace. */
  public Optional<String> experimentOf(String traceId) {
    return db.read(c -> traces.find(c, traceId).map(TraceRow::experimentId));
  }

  /** GetTrace: a trace with its spans. */
  public Trace trace(String traceId, boolean allowPartial) {
    Validation.required(traceId, "trace_id");
    return db.read(
        c -> {
          List<Trace> found = reader.traces(c, List.of(require(c, traceId)), allowPartial);
          if (found.isEmpty()) {
            throw MlflowException.notFound(
                "Trace with ID " + traceId + " is not fully exported yet, please try again later.");
          }
          return found.get(0);
        });
  }

  /** The trace's span data as MLflow's traces.json: {@code {"spans": [...]}} (stored JSON). */
  public String traceData(String traceId) {
    Validation.required(traceId, "request_id");
    return db.read(
        c -> {
          require(c, traceId);
          List<String> stored = spans.contents(c, List.of(traceId)).get(traceId);
          if (stored == null) {
            throw MlflowException.notFound(
                "Trace data for trace " + traceId + " is not in the tracking store.");
          }
          return "{\"spans\": [" + String.join(", ", stored) + "]}";
        });
  }

  /** BatchGetTraces: complete traces of the ids that exist, optionally within experiments. */
  public List<Trace> batch(List<String> traceIds, List<String> experimentIds) {
    return db.read(c -> reader.traces(c, rows(c, traceIds, experimentIds), false));
  }

  public List<TraceInfo> batchInfos(List<String> traceIds, List<String> experimentIds) {
    return db.read(c -> reader.infos(c, rows(c, traceIds, experimentIds)));
  }

  private List<TraceRow> rows(Connection c, List<String> traceIds, List<String> experimentIds)
      throws SQLException {
    if (traceIds == null || traceIds.isEmpty()) {
      throw MlflowException.missing("trace_ids");
    }
    List<TraceRow> rows = traces.findAll(c, traceIds);
    if (experimentIds != null && !experimentIds.isEmpty()) {
      rows = rows.stream().filter(r -> experimentIds.contains(r.experimentId())).toList();
    }
    return rows;
  }

  /**
   * Throws MLflow's 400 when {@code filter} is not a trace search filter this server runs (an
   * online scoring configuration's filter is checked before it is stored).
   */
  public void checkFilter(String filter) {
    TraceSearch.build(db.dialect(), List.of("0"), filter, List.of(), 0, 1);
  }

  /** SearchTracesV3 in the given experiments (MLflow: a token whenever a page is full). */
  public Page<TraceInfo> search(
      List<String> experimentIds,
      String filter,
      Long maxResults,
      List<String> orderBy,
      String pageToken) {
    if (experimentIds == null || experimentIds.isEmpty()) {
      throw MlflowException.invalid("At least one experiment (location) must be given.");
    }
    experimentIds.forEach(Validation::experimentId);
    int max = maxResults == null || maxResults == 0 ? SEARCH_DEFAULT : maxResults.intValue();
    if (maxResults != null && (maxResults < 0 || maxResults > SEARCH_MAX)) {
      throw MlflowException.invalid(
          "Invalid value "
              + maxResults
              + " for parameter 'max_results' supplied. It must be at"
              + " most "
              + SEARCH_MAX
              + ".");
    }
    int offset = PageToken.offset(pageToken);
    TraceSearch.Query q =
        TraceSearch.build(db.dialect(), experimentIds, filter, orderBy, offset, max);
    return db.read(
        c -> {
          List<TraceRow> rows = Jdbc.query(c, q.sql(), q.args(), TraceStore::row);
          List<TraceInfo> infos = reader.infos(c, rows);
          return new Page<>(infos, rows.size() == max ? PageToken.of(offset + max) : null);
        });
  }

  /**
   * How many traces of the experiments match all the filters (search grammar; null entries match
   * all), for analytics over trace searches.
   */
  public long count(List<String> experimentIds, List<String> filters) {
    experimentIds.forEach(Validation::experimentId);
    TraceSearch.Query q = TraceSearch.count(db.dialect(), experimentIds, filters);
    return db.read(c -> Jdbc.first(c, q.sql(), rs -> rs.getLong(1), q.args().toArray()).orElse(0L));
  }

  /** DeleteTraces by ids or by age (oldest first, at most maxTraces). */
  public int delete(
      String experimentId, Long maxTimestampMillis, Long maxTraces, List<String> traceIds) {
    Validation.required(experimentId, "experiment_id");
    boolean byIds = traceIds != null && !traceIds.isEmpty();
    if (maxTimestampMillis == null && !byIds) {
      throw MlflowException.invalid(
          "Either `max_timestamp_millis` or `trace_ids` must be specified.");
    }
    if (maxTimestampMillis != null && byIds) {
      throw MlflowException.invalid(
          "Only one of `max_timestamp_millis` and `trace_ids` can be specified.");
    }
    if (byIds && maxTraces != null) {
      throw MlflowException.invalid("`max_traces` can't be specified if `trace_ids` is specified.");
    }
    if (maxTraces != null && maxTraces <= 0) {
      throw MlflowException.invalid(
          "`max_traces` must be a positive integer, received " + maxTraces + ".");
    }
    Validation.experimentId(experimentId);
    return db.write(
        c -> {
          List<String> ids;
          if (byIds) {
            // Only the experiment's own traces: the permission was checked on that experiment.
            ids = new ArrayList<>();
            for (TraceRow r : traces.findAll(c, traceIds)) {
              if (r.experimentId().equals(experimentId)) {
                ids.add(r.traceId());
              }
            }
          } else {
            ids = traces.olderThan(c, experimentId, maxTimestampMillis, maxTraces);
          }
          return traces.delete(c, ids);
        });
  }

  public void setTag(String traceId, String key, String value) {
    checkTagKey(key, "set");
    db.write(
        c -> {
          require(c, traceId);
          traces.put(c, TraceStore.TAGS, traceId, key, value);
          return null;
        });
  }

  public void deleteTag(String traceId, String key) {
    checkTagKey(key, "deleted");
    db.write(
        c -> {
          require(c, traceId);
          if (traces.deleteTag(c, traceId, key) == 0) {
            throw MlflowException.notFound(
                "No trace tag with key '" + key + "' for trace with ID '" + traceId + "'");
          }
          return null;
        });
  }

  private static void checkTagKey(String key, String operation) {
    Validation.required(key, "key");
    if (IMMUTABLE_TAGS.contains(key)
        && !(operation.equals("deleted") && key.equals("mlflow.trace.archivalFailure"))) {
      throw MlflowException.invalid(
          "Tag '" + key + "' is immutable and cannot be " + operation + " on a trace.");
    }
  }

  /** LinkTracesToRun: at most 100 traces. */
  public void linkToRun(List<String> traceIds, String runId) {
    Validation.required(runId, "run_id");
    if (traceIds == null || traceIds.isEmpty()) {
      return;
    }
    if (traceIds.size() > MAX_LINKS) {
      throw MlflowException.invalid(
          "Cannot link more than "
              + MAX_LINKS
              + " traces to a run in a single request. Provided "
              + traceIds.size()
              + " traces.");
    }
    if (runs.find(runId).isEmpty()) {
      throw MlflowException.notFound("Run with id=" + runId + " not found");
    }
    db.write(
        c -> {
          // As MLflow's entity associations: a trace still being exported (its info not stored
          // yet) is linked too, and found by run once it lands.
          for (String traceId : new java.util.LinkedHashSet<>(traceIds)) {
            traces.link(c, traceId, runId);
          }
          return null;
        });
  }

  /** Inside a transaction: the trace row or 404 with MLflow's message. */
  TraceRow require(Connection c, String traceId) throws SQLException {
    return traces
        .find(c, traceId)
        .orElseThrow(() -> MlflowException.notFound("Trace with ID " + traceId + " is not found."));
  }
}
