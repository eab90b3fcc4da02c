package io.homelab.observer.controller.console;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.console.ConsoleRelaying;
import io.homelab.observer.common.console.RelayLeg;
import io.homelab.observer.common.console.RelayLegs;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.environment.AgentGateway;
import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens, relays and closes container consoles: each client connection gets one signed connection to
 * the environment's agent. The agent decides what a console may do; whatever it refuses (an unknown
 * container, a stopped one) reaches the client as its {@code error:} text and close code. Every
 * opening is audited with the caller, the environment and the container, failed ones too.
 */
@ApplicationScoped
public class ConsoleRelay implements ConsoleRelaying {

  /** The audit action of a console opening. */
  static final String ACTION = "container.console";

  private final EnvironmentStore environments;
  private final AgentGateway agents;
  private final AuditService audit;
  private final ControllerConfig.Agents agentConfig;
  private final ConsoleConfig config;
  private final RelayLegs sessions = new RelayLegs();
  private final ScheduledExecutorService reaper =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("console-idle-reaper"));

  public ConsoleRelay(
      EnvironmentStore environments,
      AgentGateway agents,
      AuditService audit,
      ControllerConfig controllerConfig,
      ConsoleConfig config) {
    this.environments = environments;
    this.agents = agents;
    this.audit = audit;
    this.agentConfig = controllerConfig.agents();
    this.config = config;
    long everyMs = Math.max(1000, Math.min(30_000, config.idleTimeout().toMillis() / 4));
    reaper.scheduleWithFixedDelay(this::closeIdle, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** Runs on a worker thread: connects to the agent and waits for its answer (bounded). */
  @Override
  public void open(WebSocketConnection client) {
    String username = client.userData().get(ConsoleAccess.USERNAME);
    String address = client.userData().get(ConsoleAccess.ADDRESS);
    String environmentId = client.pathParam("id");
    String containerId = client.pathParam("cid");
    if (sessions.size() >= config.maxSessions()) {
      RelayLegs.refuse(
          client, 1013, "too many consoles open (" + sessions.size() + "); try again later");
      return;
    }
    EnvironmentEntity env;
    try {
      env = environments.require(environmentId);
    } catch (ApiException e) {
      audit.recordFor(
          username, address, ACTION, null, containerId, AuditService.FAILED, e.getMessage());
      RelayLegs.refuse(client, 1008, e.getMessage());
      return;
    }
    RelayLeg leg = new RelayLeg(client, "agent");
    Duration timeout = agentConfig.actionTimeout();
    try {
      AgentClient agent = agents.client(env, AgentGateway.Deadline.ACTION);
      WebSocket ws =
          agent.console(containerId, leg).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      sessions.opened(client, leg);
      audit.recordFor(username, address, ACTION, env.id, containerId, AuditService.OK, null);
      if (client.isOpen() && ws.isInputClosed()) {
        client.close().subscribe().with(x -> {});
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      RelayLegs.refuse(client, 1011, "interrupted");
    } catch (Exception e) {
      String message = "environment " + env.name + ": " + ConsoleFailure.describe(e, timeout);
      audit.recordFor(username, address, ACTION, env.id, containerId, AuditService.FAILED, message);
      RelayLegs.refuse(client, 1011, message);
    }
  }

  @Override
  public void input(WebSocketConnection client, byte[] bytes, boolean text) {
    sessions.input(client, bytes, text);
  }

  @Override
  public void closed(WebSocketConnection client) {
    sessions.closed(client);
  }

  /** Open consoles (for tests and the metrics of the relay). */
  int openSessions() {
    return sessions.size();
  }

  private void closeIdle() {
    sessions.closeIdle(config.idleTimeout().toNanos());
  }

  @PreDestroy
  void stop() {
    reaper.shutdownNow();
    sessions.closeAll();
  }
}
