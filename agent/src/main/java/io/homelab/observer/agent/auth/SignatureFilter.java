package io.homelab.observer.agent.auth;

import io.homelab.observer.agent.identity.AgentIdentity;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.NonceCache;
import io.homelab.observer.common.signing.RequestVerifier;
import io.homelab.observer.common.signing.SignatureCheckException;
import io.homelab.observer.common.signing.SigningHeaders;
import io.homelab.observer.common.wire.ErrorBody;
import io.quarkus.logging.Log;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.time.Clock;

/**
 * Checks the SPEC's Ed25519 signature on every request to 9001 before anything else sees it; only
 * {@code GET /api/ping} and {@code POST /api/pair} (compared on the raw path, so no encoding trick
 * widens them) pass unsigned. Matching every path, not {@code /api/*}, leaves no gap between how
 * Vert.x and Quarkus REST normalise a path. A rejected request gets 401 with the SPEC body and
 * never reaches a resource, so it can never reach Docker either.
 *
 * <p>It runs as a Vert.x route ahead of Quarkus REST and of the WebSocket upgrade, because the
 * signature covers the raw request line and the exact body bytes, which JAX-RS filters no longer
 * see.
 */
@ApplicationScoped
public class SignatureFilter {

  /** Routing-context key holding the caller's key fingerprint once verified. */
  public static final String CALLER = "homelab.caller";

  /** Larger bodies are refused before they are read; the largest legitimate body is a deploy. */
  static final long MAX_BODY_BYTES = 1024 * 1024;

  /** Route order: before Quarkus REST and websockets-next, after Quarkus's own early handlers. */
  static final int ORDER = -100;

  private final ControllerKeyStore keys;
  private final String agentId;
  private final RequestVerifier verifier;

  public SignatureFilter(ControllerKeyStore keys, AgentIdentity identity) {
    this.keys = keys;
    // Our own id is the sixth signed line: a request signed for another agent never verifies here.
    this.agentId = identity.id();
    // 100k live nonces: about 800 signed requests per second sustained over the 2-minute window.
    this.verifier = new RequestVerifier(Clock.systemUTC(), new NonceCache(100_000));
  }

  void install(@Observes Router router) {
    BodyHandler body =
        BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setHandleFileUploads(false);
    router
        .route()
        .order(ORDER)
        .handler(
            ctx -> {
              if (isUnsigned(ctx.request())) {
                ctx.next();
              } else if (isWebSocketUpgrade(ctx.request())) {
                // An upgrade has no body, and reading one would break the hijack.
                verify(ctx, Buffer.buffer());
              } else {
                body.handle(ctx);
              }
            })
        .failureHandler(
            ctx -> {
              // The body handler ends an oversized body with a bare 413; give it the API's body.
              if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                ctx.response()
                    .setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(
                        Json.encode(
                            new ErrorBody(
                                "PAYLOAD_TOO_LARGE",
                                "request body larger than " + (MAX_BODY_BYTES >> 20) + " MiB")));
              } else {
                ctx.next();
              }
            });
    router
        .route()
        .order(ORDER + 1)
        .handler(
            ctx -> {
              if (isUnsigned(ctx.request()) || ctx.get(CALLER) != null) {
                ctx.next();
              } else {
                verify(ctx, ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
              }
            });
  }

  private void verify(RoutingContext ctx, Buffer body) {
    HttpServerRequest req = ctx.request();
    PublicKey key = keys.key().orElse(null);
    try {
      verifier.verify(
          key,
          agentId,
          req.method().name(),
          req.uri(),
          req.getHeader(SigningHeaders.TIMESTAMP),
          req.getHeader(SigningHeaders.NONCE),
          req.getHeader(SigningHeaders.SIGNATURE),
          body.getBytes());
    } catch (SignatureCheckException e) {
      Log.debugf("rejected %s %s: %s", req.method(), req.uri(), e.getMessage());
      ctx.put(CALLER + ".rejected", e.getMessage());
      reject(ctx, e.getMessage());
      return;
    }
    ctx.put(CALLER, Ed25519Keys.fingerprint(key));
    ctx.next();
  }

  /** Answers 401 with the SPEC body. */
  static void reject(RoutingContext ctx, String message) {
    ctx.response()
        .setStatusCode(401)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(Json.encode(new ErrorBody("UNAUTHENTICATED", message)));
  }

  static boolean isUnsigned(HttpServerRequest req) {
    String path = req.path();
    return (req.method() == HttpMethod.GET && "/api/ping".equals(path))
        || (req.method() == HttpMethod.POST && "/api/pair".equals(path));
  }

  static boolean isWebSocketUpgrade(HttpServerRequest req) {
    String upgrade = req.getHeader(HttpHeaders.UPGRADE);
    return upgrade != null && "websocket".equalsIgnoreCase(upgrade);
  }
}
