package io.homelab.observer.tracking.error;

import io.homelab.observer.tracking.store.StoreException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The tracking server's one error translation (STYLE.md 2.8, MLflow's
 * {@code @catch_mlflow_exception}): every failure leaves as MLflow's {@code
 * {"error_code","message"}} with MLflow's status, never with a class name or stack trace.
 */
public class ErrorMappers {

  @ServerExceptionMapper
  public Response mlflow(MlflowException e) {
    return body(e.code(), e.getMessage());
  }

  /** 413, not MLflow's 429 for the code: the body is refused, not the rate. */
  @ServerExceptionMapper
  public Response tooLarge(BodyTooLargeException e) {
    return Response.fromResponse(body(e.code(), e.getMessage()))
        .status(413)
        .header("Connection", "close")
        .build();
  }

  @ServerExceptionMapper
  public Response store(StoreException e) {
    Log.errorf(e, "tracking store failure (SQLSTATE %s)", e.sqlState());
    return body(ErrorCode.INTERNAL_ERROR, "Internal error in the tracking store.");
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return body(ErrorCode.ENDPOINT_NOT_FOUND, "No endpoint for this path.");
  }

  @ServerExceptionMapper
  public Response notAllowed(NotAllowedException e) {
    return Response.fromResponse(body(ErrorCode.BAD_REQUEST, "Method not allowed for this path."))
        .status(405)
        .build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    ErrorCode code = status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
    return Response.fromResponse(body(code, e.getMessage())).status(status).build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    Log.errorf(e, "unexpected failure");
    return body(ErrorCode.INTERNAL_ERROR, "Internal error.");
  }

  /** Builds the MLflow error response; public so filters (auth) can answer the same way. */
  public static Response body(ErrorCode code, String message) {
    return Response.status(code.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(code, message))
        .build();
  }
}
