package io.homelab.observer.tracking.run;

import static io.homelab.observer.tracking.wire.Validation.required;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.run.RunModels.Run;
import io.homelab.observer.tracking.run.RunRequests.ById;
import io.homelab.observer.tracking.run.RunRequests.Create;
import io.homelab.observer.tracking.run.RunRequests.DeleteTag;
import io.homelab.observer.tracking.run.RunRequests.Found;
import io.homelab.observer.tracking.run.RunRequests.LogBatch;
import io.homelab.observer.tracking.run.RunRequests.LogInputs;
import io.homelab.observer.tracking.run.RunRequests.LogMetric;
import io.homelab.observer.tracking.run.RunRequests.LogModel;
import io.homelab.observer.tracking.run.RunRequests.LogOutputs;
import io.homelab.observer.tracking.run.RunRequests.LogParam;
import io.homelab.observer.tracking.run.RunRequests.MetricIn;
import io.homelab.observer.tracking.run.RunRequests.OneRun;
import io.homelab.observer.tracking.run.RunRequests.Search;
import io.homelab.observer.tracking.run.RunRequests.SetTag;
import io.homelab.observer.tracking.run.RunRequests.Update;
import io.homelab.observer.tracking.run.RunRequests.Updated;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.wire.GetOrPostRoute;
import io.homelab.observer.tracking.wire.RequestReader;
import io.homelab.observer.tracking.wire.TrackingPaths;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** MLflow's runs API: {@code /api/2.0/mlflow/runs/*} and its aliases. */
@Path(TrackingPaths.PREFIX + "/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

  /** MLflow documents a 1 MB cap on log-batch requests; enforced on the real body size here. */
  static final int MAX_BATCH_REQUEST_BYTES = 1_000_000;

  /**
   * MLflow's empty answer, written as text: the hottest route (log-batch) need not build a JSON
   * generator for two bytes.
   */
  static final String EMPTY = "{}";

  private final RunService runs;
  private final RequestReader reader;
  private final LogBatchParser batchParser = new LogBatchParser();

  public RunResource(RunService runs, RequestReader reader) {
    this.runs = runs;
    this.reader = reader;
  }

  @POST
  @Path("create")
  public OneRun create(String body) {
    Create req = reader.body(body, Create.class);
    return new OneRun(
        runs.create(req.experimentId(), req.userId(), req.runName(), req.startTime(), req.tags()));
  }

  @GET
  @Path("get")
  public OneRun get(@Context UriInfo uri) {
    ById req = reader.query(uri.getQueryParameters(), ById.class);
    return new OneRun(runs.get(required(req.runId(), "run_id")));
  }

  @POST
  @Path("update")
  public Updated update(String body) {
    Update req = reader.body(body, Update.class);
    return new Updated(
        runs.update(required(req.runId(), "run_id"), req.status(), req.endTime(), req.runName()));
  }

  @POST
  @Path("delete")
  public Map<String, Object> delete(String body) {
    runs.delete(required(reader.body(body, ById.class).runId(), "run_id"));
    return Map.of();
  }

  @POST
  @Path("restore")
  public Map<String, Object> restore(String body) {
    runs.restore(required(reader.body(body, ById.class).runId(), "run_id"));
    return Map.of();
  }

  @POST
  @Path("log-metric")
  public Map<String, Object> logMetric(String body) {
    LogMetric req = reader.body(body, LogMetric.class);
    required(req.runId(), "run_id");
    required(req.key(), "key");
    required(req.value(), "value");
    required(req.timestamp(), "timestamp");
    runs.logMetric(
        req.runId(),
        new MetricIn(
            req.key(),
            req.value(),
            req.timestamp(),
            req.step(),
            req.modelId(),
            req.datasetName(),
            req.datasetDigest()));
    return Map.of();
  }

  @POST
  @Path("log-parameter")
  public Map<String, Object> logParam(String body) {
    LogParam req = reader.body(body, LogParam.class);
    runs.logParam(required(req.runId(), "run_id"), required(req.key(), "key"), req.value());
    return Map.of();
  }

  @POST
  @Path("set-tag")
  public Map<String, Object> setTag(String body) {
    SetTag req = reader.body(body, SetTag.class);
    runs.setTag(required(req.runId(), "run_id"), required(req.key(), "key"), req.value());
    return Map.of();
  }

  @POST
  @Path("delete-tag")
  public Map<String, Object> deleteTag(String body) {
    DeleteTag req = reader.body(body, DeleteTag.class);
    runs.deleteTag(required(req.runId(), "run_id"), required(req.key(), "key"));
    return Map.of();
  }

  @POST
  @Path("log-batch")
  public String logBatch(@HeaderParam("Content-Type") String contentType, byte[] bytes) {
    byte[] raw = bytes == null ? new byte[0] : bytes;
    Charset charset = declaredCharset(contentType);
    if (raw.length <= MAX_BATCH_REQUEST_BYTES
        && charset.equals(StandardCharsets.UTF_8)
        && !reader.hasCanonicalRequest()) {
      // A body's characters are never more than its UTF-8 bytes, so the size check below passes.
      LogBatchParser.Parsed fast = batchParser.parse(raw);
      if (fast != null) {
        runs.logBatch(fast.runId(), fast.metrics(), fast.params(), fast.tags());
        return EMPTY;
      }
    }
    String body = new String(raw, charset);
    if (body.length() > MAX_BATCH_REQUEST_BYTES) {
      throw MlflowException.invalid(
          "Batched logging API requests must be at most "
              + MAX_BATCH_REQUEST_BYTES
              + " bytes, got a request of size "
              + body.length()
              + ".");
    }
    LogBatch req = reader.body(body, LogBatch.class);
    runs.logBatch(required(req.runId(), "run_id"), req.metrics(), req.params(), req.tags());
    return EMPTY;
  }

  /**
   * The charset a body is decoded with, as the REST layer decodes a String body: the Content-Type's
   * charset parameter, else UTF-8 (also for a charset this JVM does not know).
   */
  static Charset declaredCharset(String contentType) {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      String name = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
      return name == null ? StandardCharsets.UTF_8 : Charset.forName(name.trim());
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  @POST
  @Path("log-inputs")
  public Map<String, Object> logInputs(String body) {
    LogInputs req = reader.body(body, LogInputs.class);
    runs.logInputs(required(req.runId(), "run_id"), req.datasets(), req.models());
    return Map.of();
  }

  @POST
  @Path("outputs")
  public Map<String, Object> logOutputs(String body) {
    LogOutputs req = reader.body(body, LogOutputs.class);
    runs.logOutputs(required(req.runId(), "run_id"), req.models());
    return Map.of();
  }

  @POST
  @Path("log-model")
  public Map<String, Object> logModel(String body) {
    LogModel req = reader.body(body, LogModel.class);
    runs.logModel(required(req.runId(), "run_id"), required(req.modelJson(), "model_json"));
    return Map.of();
  }

  @Path("search")
  public GetOrPostRoute<Search> search() {
    return new GetOrPostRoute<>(reader, Search.class, this::search);
  }

  private Found search(Search req) {
    Page<Run> page =
        runs.search(
            req.experimentIds(),
            req.filter(),
            req.runViewType(),
            req.maxResults(),
            req.orderBy(),
            req.pageToken());
    return new Found(page.items(), page.nextPageToken());
  }
}
