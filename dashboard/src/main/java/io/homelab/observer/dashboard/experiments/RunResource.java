package io.homelab.observer.dashboard.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.JsonExtensions;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.Pages;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * One run (params, tags, metrics, charts, artifacts) and several runs compared with overlaid
 * charts.
 */
@Path("/experiments/{exp}")
@Blocking
public class RunResource {

  private final TrackingClient tracking;
  private final Pages pages;
  private final Template run;
  private final Template compare;

  public RunResource(
      TrackingClient tracking,
      Pages pages,
      @Location("experiments/run.html") Template run,
      @Location("experiments/compare.html") Template compare) {
    this.tracking = tracking;
    this.pages = pages;
    this.run = run;
    this.compare = compare;
  }

  @GET
  @Path("/runs/{runId}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance run(
      @RestPath String exp, @RestPath String runId, @RestQuery String path) {
    TemplateInstance t =
        run.data("ctx", pages.context("experiments", "Run")).data("exp", exp).data("runId", runId);
    try {
      JsonNode r =
          tracking
              .get("/api/2.0/mlflow/runs/get?run_id=" + ControllerClient.enc(runId))
              .path("run");
      t.data("run", r).data("metricKeys", RunTable.metricKeys(mapper(r))).data("error", null);
    } catch (UpstreamException e) {
      return t.data("run", null)
          .data("metricKeys", List.of())
          .data("artifacts", List.of())
          .data("artifactError", null)
          .data("error", e.getMessage());
    }
    try {
      String q =
          "/api/2.0/mlflow/artifacts/list?run_id="
              + ControllerClient.enc(runId)
              + (path == null ? "" : "&path=" + ControllerClient.enc(path));
      return t.data("artifacts", JsonExtensions.unwrap(tracking.get(q).path("files")))
          .data("artifactError", null);
    } catch (UpstreamException e) {
      return t.data("artifacts", List.of()).data("artifactError", e.getMessage());
    }
  }

  @GET
  @Path("/compare")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance compare(@RestPath String exp, @RestQuery("run") List<String> runIds) {
    TemplateInstance t =
        compare.data("ctx", pages.context("experiments", "Compare runs")).data("exp", exp);
    List<Object> runs = new ArrayList<>();
    var all = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    try {
      for (String id : runIds.subList(0, Math.min(10, runIds.size()))) {
        JsonNode r =
            tracking.get("/api/2.0/mlflow/runs/get?run_id=" + ControllerClient.enc(id)).path("run");
        runs.add(r);
        all.add(r);
      }
      return t.data("runs", runs)
          .data("runIds", String.join(",", runIds))
          .data("metricKeys", RunTable.metricKeys(all))
          .data("paramKeys", RunTable.paramKeys(all))
          .data("error", null);
    } catch (UpstreamException e) {
      return t.data("runs", runs)
          .data("runIds", "")
          .data("metricKeys", List.of())
          .data("paramKeys", List.of())
          .data("error", e.getMessage());
    }
  }

  /** Metric history of one or more runs on a shared step axis, for uPlot. */
  @GET
  @Path("/metric")
  @Produces(MediaType.APPLICATION_JSON)
  public Response metric(@RestPath String exp, @RestQuery String key, @RestQuery String runs) {
    if (key == null || runs == null) {
      return Response.status(400).entity(Map.of("error", "key and runs are required")).build();
    }
    TreeMap<Long, Map<String, Double>> bySteps = new TreeMap<>();
    List<String> labels = new ArrayList<>();
    try {
      for (String id : runs.split(",")) {
        JsonNode h =
            tracking.get(
                "/api/2.0/mlflow/metrics/get-history?run_id="
                    + ControllerClient.enc(id)
                    + "&metric_key="
                    + ControllerClient.enc(key)
                    + "&max_results=25000");
        labels.add(id.length() > 8 ? id.substring(0, 8) : id);
        for (JsonNode m : h.path("metrics")) {
          bySteps
              .computeIfAbsent(m.path("step").asLong(), s -> new LinkedHashMap<>())
              .put(id, m.path("value").asDouble());
        }
      }
    } catch (UpstreamException e) {
      return Response.status(502).entity(Map.of("error", e.getMessage())).build();
    }
    List<Object> data = new ArrayList<>();
    data.add(new ArrayList<>(bySteps.keySet()));
    for (String id : runs.split(",")) {
      List<Double> col = new ArrayList<>();
      bySteps.values().forEach(v -> col.add(v.get(id)));
      data.add(col);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("title", key);
    out.put("unit", "");
    out.put("labels", labels);
    out.put("data", data);
    out.put("x", "step");
    return Response.ok(out).build();
  }

  private static JsonNode mapper(JsonNode run) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(run);
  }
}
