package io.homelab.observer.common.console;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * The check a relayed console's upgrade passes, for that one endpoint: the REST filters never see a
 * WebSocket upgrade, so this is the console's only door, and a refusal is a plain HTTP status
 * before anything is upgraded. Each service's subclass says who may pass. No constructor state
 * here: the subclasses are normal-scoped beans, whose proxies need a no-argument super constructor.
 */
public abstract class ConsoleDoor implements HttpUpgradeCheck {

  /** The {@code endpointId} of the service's console {@code @WebSocket}. */
  protected abstract String endpointId();

  /** Whether {@code request} may open the console; data for the connection goes in {@code ctx}. */
  protected abstract Uni<CheckResult> admit(HttpServerRequest request, HttpUpgradeContext ctx);

  @Override
  public boolean appliesTo(String endpointId) {
    return endpointId().equals(endpointId);
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext ctx) {
    return admit(ctx.httpRequest(), ctx);
  }
}
