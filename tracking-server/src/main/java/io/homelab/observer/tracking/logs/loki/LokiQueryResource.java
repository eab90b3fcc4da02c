package io.homelab.observer.tracking.logs.loki;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The Loki query API subset Grafana's Loki data source uses: {@code query}, {@code query_range},
 * {@code labels}, {@code label/<name>/values}, in Loki's {@code {"status":"success","data":...}}
 * envelope.
 */
@Path("/loki/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class LokiQueryResource {

  private final LokiQueryService loki;

  public LokiQueryResource(LokiQueryService loki) {
    this.loki = loki;
  }

  @GET
  @Path("query_range")
  public Map<String, Object> queryRange(
      @RestQuery String query,
      @RestQuery String start,
      @RestQuery String end,
      @RestQuery Integer limit,
      @RestQuery String direction,
      @RestQuery String step) {
    return success(loki.queryRange(query, start, end, limit, direction, step));
  }

  @GET
  @Path("query")
  public Map<String, Object> query(
      @RestQuery String query,
      @RestQuery String time,
      @RestQuery Integer limit,
      @RestQuery String direction) {
    return success(loki.query(query, time, limit, direction));
  }

  @GET
  @Path("labels")
  public Map<String, Object> labels() {
    return success(loki.labels());
  }

  @GET
  @Path("label/{name}/values")
  public Map<String, Object> values(@RestPath String name) {
    return success(loki.values(name));
  }

  private static Map<String, Object> success(Object data) {
    return Map.of("status", "success", "data", data instanceof List<?> l ? l : data);
  }
}
