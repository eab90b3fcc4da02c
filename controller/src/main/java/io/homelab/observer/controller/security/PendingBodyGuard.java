package io.homelab.observer.controller.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Closes the connection after an error answer while the request body is still arriving. Without it,
 * a request refused before its body was read (no token: 401 from {@link AuthFilter}) has the rest
 * of its body drained: a client without any credentials could keep the controller reading gigabytes
 * (found by {@code ControllerChunkedBodyIT}). Bodies that are read are capped by {@code
 * quarkus.http.limits.max-body-size}, which answers 413 and closes by itself.
 */
@Singleton
public class PendingBodyGuard {

  /** Before every other filter, so the end handler is there whatever answers the request. */
  static final int PRIORITY = 10_000;

  void register(@Observes Filters filters) {
    filters.register(
        rc -> {
          rc.addEndHandler(done -> closeIfRefusedWithBodyPending(rc));
          rc.next();
        },
        PRIORITY);
  }

  private static void closeIfRefusedWithBodyPending(RoutingContext rc) {
    if (rc.response().getStatusCode() >= 400 && !rc.request().isEnded()) {
      rc.request().connection().close();
    }
  }
}
