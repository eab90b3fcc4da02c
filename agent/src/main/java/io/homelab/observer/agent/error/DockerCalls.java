package io.homelab.observer.agent.error;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.homelab.observer.agent.docker.DockerErrors;
import io.quarkus.logging.Log;
import java.util.function.Supplier;

/**
 * Runs one Docker call and turns its failure into the SPEC's status: Docker's 404/409/400 keep their
 * meaning, an unreachable socket is 502, a time-out 504. Docker's own messages are kept (they name the
 * object and the reason) but never a Java class name or stack trace.
 */
public final class DockerCalls {

  private DockerCalls() {}

  /** {@code call()} with Docker failures translated; {@code what} names the object for 404s. */
  public static <T> T run(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
  }

  /** The {@link ApiException} for a docker-java failure. */
  public static ApiException translate(String what, Throwable e) {
    if (e instanceof ApiException api) {
      return api;
    }
    if (e instanceof NotFoundException) {
      return ApiException.notFound("no such " + what + ": " + dockerMessage(e));
    }
    if (e instanceof ConflictException) {
      return ApiException.conflict(dockerMessage(e));
    }
    if (e instanceof BadRequestException) {
      return ApiException.badRequest(dockerMessage(e));
    }
    if (e instanceof DockerException de) {
      if (de.getHttpStatus() == 409) {
        return ApiException.conflict(dockerMessage(e));
      }
      if (de.getHttpStatus() == 404) {
        return ApiException.notFound("no such " + what + ": " + dockerMessage(e));
      }
      Log.warnf("Docker answered %d: %s", de.getHttpStatus(), dockerMessage(e));
      return ApiException.dockerError("Docker failed: " + dockerMessage(e));
    }
    if (DockerErrors.isTimeout(e)) {
      return ApiException.dockerTimeout(DockerErrors.describe(e));
    }
    if (DockerErrors.isUnreachable(e)) {
      return ApiException.dockerUnavailable(DockerErrors.describe(e));
    }
    Log.errorf(e, "unexpected failure calling Docker for %s", what);
    return ApiException.dockerError("Docker call failed");
  }

  /** Docker's message without docker-java's "Status 404: {"message":...}" wrapping. */
  static String dockerMessage(Throwable e) {
    String m = e.getMessage() == null ? "" : e.getMessage().strip();
    int i = m.indexOf("\"message\":\"");
    if (i >= 0) {
      int end = m.indexOf('"', i + 11);
      while (end > 0 && m.charAt(end - 1) == '\\') {
        end = m.indexOf('"', end + 1);
      }
      if (end > i) {
        return m.substring(i + 11, end).replace("\\\"", "\"");
      }
    }
    return m.replaceFirst("^Status \\d+: ", "");
  }
}
