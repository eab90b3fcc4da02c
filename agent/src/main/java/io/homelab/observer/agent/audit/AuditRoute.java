package io.homelab.observer.agent.audit;

import io.homelab.observer.agent.auth.SignatureFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Records every state-changing request (any method but GET/HEAD, and console upgrades) in the
 * {@link AuditLog} once its answer is sent, including those refused by the signature check, so the
 * file also shows who tried.
 */
@ApplicationScoped
public class AuditRoute {

  private final AuditLog audit;

  public AuditRoute(AuditLog audit) {
    this.audit = audit;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-200)
        .handler(
            ctx -> {
              HttpServerRequest req = ctx.request();
              boolean console = req.path().endsWith("/console");
              if ((req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) || console) {
                String method = req.method().name();
                String path = req.path();
                ctx.addEndHandler(
                    done -> {
                      String who = ctx.get(SignatureFilter.CALLER);
                      if (who == null) {
                        who = path.equals("/api/pair") ? "pairing" : AuditLog.UNAUTHENTICATED;
                      }
                      int status = ctx.response().getStatusCode();
                      String result =
                          status < 300
                              ? "ok"
                              : status == 401
                                  ? "unauthenticated"
                                  : status < 500 ? "refused" : "failed";
                      String target = target(path);
                      if (target == null
                          && method.equals("POST")
                          && ctx.get(SignatureFilter.CALLER) != null) {
                        // Only a verified caller's body is parsed: an unsigned one costs nothing.
                        target = bodyName(ctx);
                      }
                      audit.append(
                          new AuditLog.Entry(
                              Instant.now(),
                              who,
                              method,
                              path,
                              action(method, path),
                              target,
                              status,
                              result));
                    });
              }
              ctx.next();
            });
  }

  /** "container.start", "container.deploy", "image.pull", ... from the API path. */
  static String action(String method, String path) {
    String[] p = path.split("/");
    // p[0]="" p[1]="api" p[2]=resource p[3]=id p[4]=verb
    if (p.length < 3) {
      return method.toLowerCase();
    }
    if (p[2].equals("pair")) {
      return "pair";
    }
    String resource = p[2].endsWith("s") ? p[2].substring(0, p[2].length() - 1) : p[2];
    if (p.length == 3) {
      return resource
          + (method.equals("POST")
              ? (resource.equals("container") ? ".deploy" : ".create")
              : "." + method.toLowerCase());
    }
    if (p.length == 4) {
      return resource + (method.equals("DELETE") ? ".remove" : "." + p[3]);
    }
    return resource + "." + p[4];
  }

  /** The "name" (deploys, volumes) or "image" (pulls) of a JSON body, as the audit target. */
  static String bodyName(io.vertx.ext.web.RoutingContext ctx) {
    try {
      if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
        return null;
      }
      io.vertx.core.json.JsonObject json = ctx.body().asJsonObject();
      Object v = json == null ? null : json.getValue("name", json.getValue("image"));
      return v instanceof String str && str.length() <= 256 ? str : null;
    } catch (RuntimeException e) {
      // Not JSON (the call was answered 400 already): no target to name.
      return null;
    }
  }

  static String target(String path) {
    String[] p = path.split("/");
    return p.length >= 4 && !p[3].equals("pull") && !p[3].equals("prune") ? p[3] : null;
  }
}
