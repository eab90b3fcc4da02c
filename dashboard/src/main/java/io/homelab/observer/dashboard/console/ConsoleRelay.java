package io.homelab.observer.dashboard.console;

import io.homelab.observer.dashboard.config.DashboardConfig;
import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.signin.SessionStore;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects each browser console to the controller's console ({@code GET
 * /api/environments/{id}/containers/{cid}/console}) as the signed-in user, and relays both ways.
 * The controller audits the opening, enforces the role again and closes idle consoles; its refusals
 * reach the terminal as its {@code error:} text and close code.
 */
@ApplicationScoped
public class ConsoleRelay {

  private final SessionStore sessions;
  private final DashboardConfig config;
  private final HttpClient http;
  private final Map<String, UpstreamLeg> open = new ConcurrentHashMap<>();

  public ConsoleRelay(SessionStore sessions, DashboardConfig config) {
    this.sessions = sessions;
    this.config = config;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.upstreamTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Runs on a worker thread: connects upstream and waits for its answer (bounded). */
  void open(WebSocketConnection client) {
    Session session = sessions.find(client.userData().get(ConsoleAccess.SESSION)).orElse(null);
    if (session == null) {
      refuse(client, 1008, "the session ended; sign in again");
      return;
    }
    URI uri =
        URI.create(
            config.controllerUrl().toString().replaceFirst("^http", "ws").replaceAll("/$", "")
                + "/api/environments/"
                + ControllerClient.enc(client.pathParam("env"))
                + "/containers/"
                + ControllerClient.enc(client.pathParam("cid"))
                + "/console");
    UpstreamLeg leg = new UpstreamLeg(client);
    // The controller waits up to its agent deadline before it answers; allow for it.
    long waitMs = config.actionTimeout().toMillis() + config.upstreamTimeout().toMillis();
    try {
      http.newWebSocketBuilder()
          .connectTimeout(config.upstreamTimeout())
          .header("Authorization", "Bearer " + session.controllerToken())
          .buildAsync(uri, leg)
          .get(waitMs, TimeUnit.MILLISECONDS);
      open.put(client.id(), leg);
      if (!client.isOpen()) {
        closed(client);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      refuse(client, 1011, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      refuse(client, 1011, describe(e));
    }
  }

  void input(WebSocketConnection client, byte[] bytes, boolean text) {
    UpstreamLeg leg = open.get(client.id());
    if (leg != null && bytes.length > 0) {
      leg.send(bytes, text);
    }
  }

  void closed(WebSocketConnection client) {
    UpstreamLeg leg = open.remove(client.id());
    if (leg != null) {
      leg.close();
    }
  }

  private static String describe(Exception e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      return switch (status) {
        case 401 -> "the controller no longer accepts this session; sign in again";
        case 403 -> "the console needs the operator role";
        default -> "the controller refused the console (HTTP " + status + ")";
      };
    }
    if (e instanceof TimeoutException) {
      return "the controller did not answer in time";
    }
    Log.debugf("console: controller unreachable: %s", cause.toString());
    return "the controller is unreachable";
  }

  private static void refuse(WebSocketConnection client, int code, String message) {
    if (client.isOpen()) {
      client.sendTextAndAwait("error: " + message);
      client.closeAndAwait(
          new CloseReason(code, message.length() > 100 ? message.substring(0, 100) : message));
    }
  }

  @PreDestroy
  void stop() {
    open.values().forEach(UpstreamLeg::close);
    open.clear();
  }
}
