package io.homelab.observer.controller.monitor;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request bodies of {@code /api/monitors}. */
public final class MonitorRequests {

  private MonitorRequests() {}

  /**
   * {@code POST /api/monitors}; also the body of {@code PUT /api/monitors/{id}}, which replaces
   * every field.
   *
   * @param type {@code http}, {@code tcp} or {@code ping}
   * @param target URL for http(s), {@code host:port} for tcp, a host name or address for ping
   * @param intervalSeconds default 60
   * @param timeoutSeconds default 10, at most the interval
   * @param expectedStatus http only: the exact status wanted; absent = any 2xx or 3xx
   * @param keyword http only: text the body must contain
   * @param enabled default true
   */
  @RegisterForReflection
  public record Save(
      String name,
      String type,
      String target,
      Integer intervalSeconds,
      Integer timeoutSeconds,
      Integer expectedStatus,
      String keyword,
      Boolean enabled) {}
}
