package io.homelab.observer.dashboard.config;

/** dashboard.yml is invalid; the message names the line (glance: {@code line %d: ...}). */
public class DashboardConfigException extends RuntimeException {
  public DashboardConfigException(int line, String message) {
    super("line " + line + ": " + message);
  }
}
