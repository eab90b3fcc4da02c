package io.homelab.observer.dashboard.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.homelab.observer.dashboard.upstream.JsonExtensions;
import io.homelab.observer.dashboard.upstream.TrackingClient;
import io.homelab.observer.dashboard.upstream.UpstreamException;
import io.homelab.observer.dashboard.web.PageSections;
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
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Experiments and runs from the tracking server (MLflow's REST API): list, search with MLflow's
 * filter syntax, CSV export of the listed runs, and registered models.
 */
@Path("/experiments")
@Blocking
public class ExperimentsResource {

  static final int MAX_RUNS = 200;

  private final TrackingClient tracking;
  private final Pages pages;
  private final Template list;
  private final Template runs;
  private final Template models;

  public ExperimentsResource(
      TrackingClient tracking,
      Pages pages,
      @Location("experiments/list.html") Template list,
      @Location("experiments/runs.html") Template runs,
      @Location("experiments/models.html") Template models) {
    this.tracking = tracking;
    this.pages = pages;
    this.list = list;
    this.runs = runs;
    this.models = models;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance list() {
    return PageSections.list(
        list.data("ctx", pages.context("experiments", "Experiments")),
        "experiments",
        "error",
        () ->
            tracking
                .get("/api/2.0/mlflow/experiments/search?max_results=1000")
                .path("experiments"));
  }

  @GET
  @Path("/{id}")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance runs(@RestPath String id, @RestQuery String filter) {
    String f = filter == null ? "" : filter;
    TemplateInstance t =
        runs.data("ctx", pages.context("experiments", "Runs"))
            .data("id", id)
            .data("filter", f)
            .data("filterParam", ControllerClient.enc(f));
    try {
      JsonNode exp =
          tracking
              .get("/api/2.0/mlflow/experiments/get?experiment_id=" + ControllerClient.enc(id))
              .path("experiment");
      JsonNode r = search(id, f);
      return t.data("experiment", exp)
          .data("runs", JsonExtensions.unwrap(r.path("runs")))
          .data("metricKeys", RunTable.metricKeys(r.path("runs")))
          .data("paramKeys", RunTable.paramKeys(r.path("runs")))
          .data("error", null);
    } catch (UpstreamException e) {
      return t.data("experiment", null)
          .data("runs", List.of())
          .data("metricKeys", List.of())
          .data("paramKeys", List.of())
          .data("error", e.getMessage());
    }
  }

  /**
   * The listed runs as CSV (run id, name, status, start, params, metrics), as MLflow's UI exports.
   */
  @GET
  @Path("/{id}/runs.csv")
  @Produces("text/csv")
  public Response csv(@RestPath String id, @RestQuery String filter) throws UpstreamException {
    JsonNode r = search(id, filter == null ? "" : filter);
    return Response.ok(RunTable.csv(r.path("runs")))
        .header(
            "Content-Disposition",
            "attachment; filename=\"runs-" + id.replaceAll("[^A-Za-z0-9_-]", "") + ".csv\"")
        .build();
  }

  @GET
  @Path("/models")
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance models() {
    return PageSections.list(
        models.data("ctx", pages.context("experiments", "Models")),
        "models",
        "error",
        () ->
            tracking
                .get("/api/2.0/mlflow/registered-models/search?max_results=1000")
                .path("registered_models"));
  }

  private JsonNode search(String id, String filter) throws UpstreamException {
    return tracking.post(
        "/api/2.0/mlflow/runs/search",
        Map.of(
            "experiment_ids",
            List.of(id),
            "filter",
            filter,
            "max_results",
            MAX_RUNS,
            "order_by",
            List.of("attributes.start_time DESC")));
  }
}
