package io.homelab.observer.dashboard.console;

import io.homelab.observer.common.console.ConsoleRelaying;
import io.homelab.observer.common.console.RelayLeg;
import io.homelab.observer.common.console.RelayLegs;
import io.homelab.observer.dashboard.config.DashboardConfig;
import io.homelab.observer.dashboard.signin.Session;
import io.homelab.observer.dashboard.signin.SessionStore;
import io.homelab.observer.dashboard.upstream.ControllerClient;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
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
public class ConsoleRelay implements ConsoleRelaying {

  private final SessionStore sessions;
  private final DashboardConfig config;
  private final HttpClient http;
  private final RelayLegs open = new RelayLegs();

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
  @Override
  public void open(WebSocketConnection client) {
    Session session = sessions.find(client.userData().get(ConsoleAccess.SESSION)).orElse(null);
    if (session == null) {
      RelayLegs.refuse(client, 1008, "the session ended; sign in again");
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
    RelayLeg leg = new RelayLeg(client, "controller");
    // The controller waits up to its agent deadline before it answers; allow for it.
    long waitMs = config.actionTimeout().toMillis() + config.upstreamTimeout().toMillis();
    try {
      http.newWebSocketBuilder()
          .connectTimeout(config.upstreamTimeout())
          .header("Authorization", "Bearer " + session.controllerToken())
          .buildAsync(uri, leg)
          .get(waitMs, TimeUnit.MILLISECONDS);
      open.opened(client, leg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RelayLegs.refuse(client, 1011, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      RelayLegs.refuse(client, 1011, describe(e));
    }
  }

  @Override
  public void input(WebSocketConnection client, byte[] bytes, boolean text) {
    open.input(client, bytes, text);
  }

  @Override
  public void closed(WebSocketConnection client) {
    open.closed(client);
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

  @PreDestroy
  void stop() {
    open.closeAll();
  }
}
