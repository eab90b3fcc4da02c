package io.homelab.observer.agent.docker;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/** Tells "Docker is unreachable" from "Docker is too slow" in the exceptions docker-java throws. */
public final class DockerErrors {

  private DockerErrors() {}

  /** True when a cause in the chain is a time-out (→ 504). */
  public static boolean isTimeout(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SocketTimeoutException
          || c instanceof TimeoutException
          || c instanceof org.apache.hc.core5.http.ConnectionRequestTimeoutException
          || c.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** True when a cause in the chain is an I/O failure reaching the socket (→ 502). */
  public static boolean isUnreachable(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** One line for logs and error bodies, without class names or stack traces. */
  public static String describe(Throwable t) {
    if (isTimeout(t)) {
      return "Docker did not answer in time";
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException && c.getMessage() != null) {
        return "Docker is unreachable: " + c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return "Docker is unreachable";
  }
}
