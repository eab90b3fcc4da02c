package io.homelab.observer.tracking.wire;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/**
 * An MLflow route served by both GET and POST (the searches, {@code get-latest-versions}), returned
 * by the resource's sub-resource locator: GET reads the fields from the query string, POST from the
 * JSON body, and both hand the same request to one function.
 *
 * @param <Q> the request record
 */
@Produces(MediaType.APPLICATION_JSON)
public final class GetOrPostRoute<Q> {

  private final RequestReader reader;
  private final Class<Q> type;
  private final Function<Q, ?> handler;

  public GetOrPostRoute(RequestReader reader, Class<Q> type, Function<Q, ?> handler) {
    this.reader = reader;
    this.type = type;
    this.handler = handler;
  }

  @GET
  public Object get(@Context UriInfo uri) {
    return handler.apply(reader.query(uri.getQueryParameters(), type));
  }

  @POST
  public Object post(String body) {
    return handler.apply(reader.body(body, type));
  }
}
