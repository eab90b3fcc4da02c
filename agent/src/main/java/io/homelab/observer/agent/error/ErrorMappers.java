package io.homelab.observer.agent.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ErrorBody;
import io.quarkus.logging.Log;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure of the agent API as the SPEC's {@code {"error","message"}} body (STYLE.md 2.8). */
public class ErrorMappers {

  private final FailureTranslator backend;

  public ErrorMappers(FailureTranslator backend) {
    this.backend = backend;
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> api(ApiException e) {
    return RestResponse.status(
        RestResponse.Status.fromStatusCode(e.status()), new ErrorBody(e.code(), e.getMessage()));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> json(JsonProcessingException e) {
    return RestResponse.status(
        RestResponse.Status.BAD_REQUEST,
        new ErrorBody("BAD_REQUEST", "request body is not valid JSON: " + e.getOriginalMessage()));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> notFound(NotFoundException e) {
    return RestResponse.status(
        RestResponse.Status.NOT_FOUND, new ErrorBody("NOT_FOUND", "no such API path"));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> notAllowed(NotAllowedException e) {
    return RestResponse.status(
        RestResponse.Status.METHOD_NOT_ALLOWED,
        new ErrorBody("METHOD_NOT_ALLOWED", "method not allowed on this path"));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String code =
        status == 400
            ? "BAD_REQUEST"
            : status == 415
                ? "UNSUPPORTED_MEDIA_TYPE"
                : status == 406 ? "NOT_ACCEPTABLE" : "HTTP_" + status;
    String message = status == 400 ? "bad request: " + e.getMessage() : e.getMessage();
    return RestResponse.status(
        RestResponse.Status.fromStatusCode(status), new ErrorBody(code, message));
  }

  @ServerExceptionMapper
  public RestResponse<ErrorBody> other(Exception e) {
    var translated = backend.translate(e);
    if (translated.isPresent()) {
      return api(translated.get());
    }
    Log.errorf(e, "unhandled failure");
    return RestResponse.status(
        RestResponse.Status.INTERNAL_SERVER_ERROR,
        new ErrorBody("INTERNAL_ERROR", "internal error"));
  }
}
