package io.homelab.observer.controller.metrics.api;

import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.metrics.QueryException;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Prometheus's HTTP API under {@code /api/v1/} (GET, and POST with a form as Grafana sends), for
 * Grafana's Prometheus data source and scripts. Viewers may read. Errors are Prometheus's {@code
 * {"status":"error","errorType","error"}} with 400 ({@code bad_data}) or 422 ({@code execution}).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Access(Role.VIEWER)
public class PrometheusApiResource {

  private final PrometheusApi api;
  private final ControllerConfig config;

  public PrometheusApiResource(PrometheusApi api, ControllerConfig config) {
    this.api = api;
    this.config = config;
  }

  @GET
  @Path("/query")
  public Response query(@Context UriInfo uri) {
    return answer(uri, null, this::instant);
  }

  @POST
  @Path("/query")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response queryPost(@Context UriInfo uri, String form) {
    return answer(uri, form, this::instant);
  }

  private Map<String, Object> instant(MultivaluedMap<String, String> p) {
    return api.query(required(p, "query"), p.getFirst("time"));
  }

  @GET
  @Path("/query_range")
  public Response queryRange(@Context UriInfo uri) {
    return answer(uri, null, this::range);
  }

  @POST
  @Path("/query_range")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response queryRangePost(@Context UriInfo uri, String form) {
    return answer(uri, form, this::range);
  }

  private Map<String, Object> range(MultivaluedMap<String, String> p) {
    return api.queryRange(
        required(p, "query"), p.getFirst("start"), p.getFirst("end"), p.getFirst("step"));
  }

  @GET
  @Path("/series")
  public Response series(@Context UriInfo uri) {
    return answer(uri, null, this::findSeries);
  }

  @POST
  @Path("/series")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response seriesPost(@Context UriInfo uri, String form) {
    return answer(uri, form, this::findSeries);
  }

  private Map<String, Object> findSeries(MultivaluedMap<String, String> p) {
    return api.series(p.get("match[]"), p.getFirst("start"), p.getFirst("end"));
  }

  @GET
  @Path("/labels")
  public Response labels(@Context UriInfo uri) {
    return answer(uri, null, this::labelNames);
  }

  @POST
  @Path("/labels")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response labelsPost(@Context UriInfo uri, String form) {
    return answer(uri, form, this::labelNames);
  }

  private Map<String, Object> labelNames(MultivaluedMap<String, String> p) {
    return api.labels(p.get("match[]"), p.getFirst("start"), p.getFirst("end"));
  }

  @GET
  @Path("/label/{name}/values")
  public Response labelValues(@RestPath String name, @Context UriInfo uri) {
    return answer(
        uri,
        null,
        p -> api.labelValues(name, p.get("match[]"), p.getFirst("start"), p.getFirst("end")));
  }

  @GET
  @Path("/metadata")
  public Response metadata(@Context UriInfo uri) {
    return answer(uri, null, p -> api.metadata(p.getFirst("metric"), p.getFirst("limit")));
  }

  @GET
  @Path("/targets")
  public Response targets(@Context UriInfo uri) {
    return answer(
        uri,
        null,
        p ->
            api.targets(
                config.scrapeInterval().toMillis(),
                Math.min(
                    config.scrape().timeout().toMillis(), config.scrapeInterval().toMillis())));
  }

  private static String required(MultivaluedMap<String, String> p, String name) {
    String v = p.getFirst(name);
    if (v == null) {
      throw new QueryException(
          "bad_data", "invalid parameter \"" + name + "\": parameter is missing");
    }
    return v;
  }

  /**
   * The form body is parsed by {@link FormBody}, not RESTEasy's form reader, which fails with an
   * internal error on a pair without a name ({@code =x}, found by schemathesis).
   */
  private static Response answer(
      UriInfo uri,
      String form,
      Function<MultivaluedMap<String, String>, Map<String, Object>> body) {
    try {
      MultivaluedMap<String, String> params = new MultivaluedHashMap<>();
      FormBody.queryOf(uri).forEach(params::addAll);
      FormBody.parse(form).forEach(params::addAll);
      return Response.ok(body.apply(params)).build();
    } catch (QueryException e) {
      int status = "execution".equals(e.errorType()) ? 422 : 400;
      return Response.status(status)
          .entity(PrometheusApi.error(e))
          .type(MediaType.APPLICATION_JSON)
          .build();
    } catch (NumberFormatException e) {
      return Response.status(400)
          .entity(
              PrometheusApi.error(
                  new QueryException("bad_data", "invalid number: " + e.getMessage())))
          .type(MediaType.APPLICATION_JSON)
          .build();
    }
  }
}
