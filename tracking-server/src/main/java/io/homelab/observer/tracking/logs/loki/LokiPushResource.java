package io.homelab.observer.tracking.logs.loki;

import io.homelab.observer.tracking.wire.BoundedBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * Loki's push API, {@code POST /loki/api/v1/push}: 204 on success as Loki answers, MLflow's error
 * body on bad input, 413 past 32 MiB (chunked bodies too). Basic auth or an ingest token ({@code
 * logs.token.IngestTokenFilter}).
 */
@Path("/loki/api/v1/push")
public class LokiPushResource {

  private final LokiPushService push;

  public LokiPushResource(LokiPushService push) {
    this.push = push;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response push(
      InputStream body,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Encoding") String contentEncoding) {
    // The server takes bodies of any size (artifact uploads): this route bounds its own.
    push.push(BoundedBody.readAll(body, BoundedBody.MAX_IN_MEMORY), contentType, contentEncoding);
    return Response.noContent().build();
  }
}
