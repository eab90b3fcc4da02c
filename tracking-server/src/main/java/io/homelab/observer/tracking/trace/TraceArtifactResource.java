package io.homelab.observer.tracking.trace;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The UI's {@code get-trace-artifact}: a trace's span data as MLflow's {@code traces.json} ({@code
 * {"spans": [<Span.to_dict>...]}}), served from the spans table.
 */
@Path(TraceResource.PREFIX + "/get-trace-artifact")
public class TraceArtifactResource {

  private final TraceService traces;

  public TraceArtifactResource(TraceService traces) {
    this.traces = traces;
  }

  @GET
  public Response get(@QueryParam("request_id") String requestId) {
    return Response.ok(traces.traceData(requestId), "application/json")
        .header("Content-Disposition", "attachment; filename=traces.json")
        .build();
  }
}
