package io.homelab.observer.agent.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one Docker call and turns its failure into the SPEC's status: Docker's 404/409/400 keep
 * their meaning, an unreachable socket is 502, a time-out 504. Docker's own messages are kept (they
 * name the object and the reason) but never a Java class name or stack trace.
 */
public final class DockerCalls {

  // Daemon threads: a call stuck on a hung dockerd must never keep the agent from stopping.
  private static final ExecutorService CALLS =
      Executors.newCachedThreadPool(DaemonThreads.named("docker-call"));

  private static volatile Duration deadline = Duration.ofSeconds(30);

  private DockerCalls() {}

  /** The daemon threads Docker calls run on, for callers that bound a call themselves. */
  public static Executor executor() {
    return CALLS;
  }

  /**
   * Sets the deadline of {@link #run}; from {@code homelab.agent.docker.response-timeout} at start.
   */
  public static void deadline(Duration d) {
    deadline = d;
  }

  /**
   * {@code call()} with Docker failures translated, bounded by the response time-out (504). The
   * socket's own read time-out is not enough: it does not apply to unix sockets, so a hung dockerd
   * would otherwise hold the caller (and the controller behind it) forever.
   */
  public static <T> T run(String what, Supplier<T> call) {
    return run(what, call, deadline);
  }

  /**
   * As {@link #run(String, Supplier)} with an explicit deadline (health probes use a short one).
   */
  public static <T> T run(String what, Supplier<T> call, Duration limit) {
    Future<T> future = CALLS.submit(call::get);
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw AgentErrors.dockerTimeout("Docker did not answer within " + limit.toSeconds() + " s");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw AgentErrors.dockerTimeout("interrupted while waiting for Docker");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApiException api) {
        throw api;
      }
      throw translate(what, cause);
    }
  }

  /** As {@link #run} without the deadline, for calls that bound themselves (pulls, logs, exec). */
  public static <T> T runUnbounded(String what, Supplier<T> call) {
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
      return AgentErrors.dockerError("Docker failed: " + dockerMessage(e));
    }
    if (DockerErrors.isTimeout(e)) {
      return AgentErrors.dockerTimeout(DockerErrors.describe(e));
    }
    if (DockerErrors.isUnreachable(e)) {
      return AgentErrors.dockerUnavailable(DockerErrors.describe(e));
    }
    Log.errorf(e, "unexpected failure calling Docker for %s", what);
    return AgentErrors.dockerError("Docker call failed");
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
