package io.homelab.observer.agent.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.homelab.observer.agent.auth.SignatureFilter;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.Streaming;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ErrorBody;
import io.homelab.observer.common.wire.LogLine;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/containers/{id}/logs?follow=true} as server-sent events: one {@link LogLine} JSON
 * per {@code data:} until the container stops or the client goes away. A Vert.x route rather than a
 * JAX-RS method, because the same path answers JSON without {@code follow}, and the stream must
 * stop Docker's follow the moment the client disconnects.
 */
@ApplicationScoped
public class LogFollowRoute {

  /**
   * A comment line every so often keeps proxies from closing an idle stream, and finds dead
   * clients.
   */
  static final long KEEPALIVE_MILLIS = 15_000;

  // A provider: this bean is created at start (it observes the Router), and the docker-java client
  // with its ~170 command classes should load on the first followed log, not in every agent.
  private final Provider<DockerClient> streaming;

  public LogFollowRoute(@Streaming Provider<DockerClient> streaming) {
    this.streaming = streaming;
  }

  void install(@Observes Router router) {
    router
        .get("/api/containers/:id/logs")
        .order(SignatureFilterOrder.AFTER_SIGNATURE)
        .handler(
            ctx -> {
              String follow = ctx.request().getParam("follow");
              if (follow == null || !(follow.equals("true") || follow.equals("1"))) {
                ctx.next();
                return;
              }
              if (ctx.get(SignatureFilter.CALLER) == null) {
                // Unreachable while the signature filter runs first; fail closed if it ever does
                // not.
                ctx.response().setStatusCode(401).end();
                return;
              }
              ctx.vertx()
                  .executeBlocking(
                      () -> {
                        follow(ctx);
                        return null;
                      },
                      false);
            });
  }

  private void follow(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Integer tail;
    Integer since;
    boolean timestamps;
    try {
      ContainerService.checkId(id);
      tail = ContainerResource.tail(ctx.request().getParam("tail"));
      since = ContainerResource.since(ctx.request().getParam("since"));
      timestamps = ContainerResource.bool("timestamps", ctx.request().getParam("timestamps"));
      // Existence first, so an unknown id is a plain 404 and not an empty stream.
      DockerCalls.run("container " + id, () -> streaming.get().inspectContainerCmd(id).exec());
    } catch (ApiException e) {
      ctx.response()
          .setStatusCode(e.status())
          .putHeader("Content-Type", "application/json")
          .end(Json.encode(new ErrorBody(e.code(), e.getMessage())));
      return;
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    res.write(": following " + id + "\n\n");
    var cmd =
        streaming
            .get()
            .logContainerCmd(id)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .withTimestamps(timestamps);
    if (tail != null) {
      cmd.withTail(tail);
    }
    if (since != null) {
      cmd.withSince(since);
    }
    Map<StreamType, StringBuilder> partial = new HashMap<>();
    ResultCallback.Adapter<Frame> callback =
        cmd.exec(
            new ResultCallback.Adapter<>() {
              @Override
              public void onNext(Frame frame) {
                StringBuilder sb =
                    partial.computeIfAbsent(frame.getStreamType(), k -> new StringBuilder());
                sb.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int nl;
                while ((nl = sb.indexOf("\n")) >= 0) {
                  send(
                      res, LogParsing.line(frame.getStreamType(), sb.substring(0, nl), timestamps));
                  sb.delete(0, nl + 1);
                }
              }

              @Override
              public void onError(Throwable t) {
                Log.debugf("log follow of %s ended: %s", id, t.getMessage());
                end(res);
              }

              @Override
              public void onComplete() {
                partial.forEach(
                    (type, sb) -> {
                      if (sb.length() > 0) {
                        send(res, LogParsing.line(type, sb.toString(), timestamps));
                      }
                    });
                end(res);
              }
            });
    long timer =
        ctx.vertx()
            .setPeriodic(
                KEEPALIVE_MILLIS,
                t -> {
                  if (!res.ended() && !res.closed()) {
                    res.write(": keep-alive\n\n");
                  }
                });
    Runnable stop =
        () -> {
          ctx.vertx().cancelTimer(timer);
          try {
            callback.close();
          } catch (IOException ignored) {
            // Docker's side is already closed.
          }
        };
    res.closeHandler(v -> stop.run());
    res.endHandler(v -> stop.run());
  }

  private static void send(HttpServerResponse res, LogLine line) {
    if (res.closed() || res.ended()) {
      return;
    }
    res.write("data: " + Json.encode(line) + "\n\n");
    if (res.writeQueueFull()) {
      // Back-pressure: hold Docker's reader until the client has taken what was sent.
      CountDownLatch drained = new CountDownLatch(1);
      res.drainHandler(v -> drained.countDown());
      try {
        drained.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void end(HttpServerResponse res) {
    if (!res.ended() && !res.closed()) {
      res.end();
    }
  }

  /** Route orders relative to the signature filter. */
  static final class SignatureFilterOrder {
    static final int AFTER_SIGNATURE = -90;

    private SignatureFilterOrder() {}
  }
}
