package io.homelab.observer.controller.monitor;

import java.time.Instant;

/**
 * The outcome of one check.
 *
 * @param latencyMillis time to the answer (HTTP: whole response; TCP: connect; ping: round trip)
 * @param message why it is down, or a short note when up (e.g. the HTTP status)
 * @param certExpiresAt expiry of the server certificate for HTTPS, else null
 */
public record CheckResult(boolean up, long latencyMillis, String message, Instant certExpiresAt) {

  static CheckResult down(long latencyMillis, String message) {
    return new CheckResult(false, latencyMillis, message, null);
  }
}
