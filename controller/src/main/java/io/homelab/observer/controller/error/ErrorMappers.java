package io.homelab.observer.controller.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ErrorBody;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The controller's only exception-to-response translation: every error leaves as {@code
 * {"error","message"}}.
 *
 * <p>Kept out of the resources on purpose (STYLE.md 2.8, quarkus#36872). Bodies never carry class
 * names or stack traces; the catch-all logs the cause and answers {@code INTERNAL_ERROR}.
 */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response.ResponseBuilder r =
        Response.status(e.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(e.code(), e.getMessage()));
    if (e.status() == 429) {
      r.header("Retry-After", "60");
    }
    return r.build();
  }

  /**
   * Malformed JSON or a field of the wrong type: the client's fault, said without parser internals.
   */
  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return body(
        400,
        "BAD_REQUEST",
        "request body is not valid JSON for this endpoint: " + e.getOriginalMessage());
  }

  /**
   * A field of the wrong type; more specific than Quarkus' built-in mapper, which answers in its
   * own shape.
   */
  @ServerExceptionMapper
  public Response mismatch(MismatchedInputException e) {
    String field =
        e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
    return body(
        400,
        "BAD_REQUEST",
        field == null
            ? "request body does not have the expected shape"
            : "field \"" + field + "\" has the wrong type or format");
  }

  /**
   * Framework errors (unknown path, wrong method or media type, unparsable parameter) keep their
   * status.
   */
  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (e.getCause() instanceof JsonProcessingException json) {
      return json(json);
    }
    String code =
        switch (status) {
          case 400 -> "BAD_REQUEST";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "FORBIDDEN";
          case 404 -> "NOT_FOUND";
          case 405 -> "METHOD_NOT_ALLOWED";
          case 406 -> "NOT_ACCEPTABLE";
          case 415 -> "UNSUPPORTED_MEDIA_TYPE";
          default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    String message =
        switch (status) {
          case 404 -> "no such resource";
          case 405 -> "method not allowed on this path";
          case 415 -> "send the request body as application/json";
          default -> e.getMessage() == null || status >= 500 ? "request refused" : e.getMessage();
        };
    if (status >= 500) {
      Log.errorf(e, "request failed");
    }
    return body(status, code, message);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    if (clientWentAway(e)) {
      // The client closed the connection while its body was read (a time-out on its side, or a
      // refused upload cut off): nothing failed here and nobody reads the answer.
      Log.debugf("request body not read, the connection was closed: %s", e);
      return body(400, "BAD_REQUEST", "the connection was closed before the request body arrived");
    }
    Log.errorf(e, "unexpected error");
    return body(500, "INTERNAL_ERROR", "internal error; see the controller log");
  }

  private static boolean clientWentAway(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.nio.channels.ClosedChannelException) {
        return true;
      }
    }
    return false;
  }

  private static Response body(int status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(code, message))
        .build();
  }
}
