package io.homelab.observer.controller.action;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.common.wire.LogLine;
import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.environment.AgentGateway;
import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.homelab.observer.controller.security.CurrentUser;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one call on one environment's agent: reads as they are, changes with an audit entry either
 * way.
 */
@ApplicationScoped
public class ActionService {

  private final EnvironmentStore store;
  private final AgentGateway agents;
  private final AuditService audit;
  private final LongCalls longCalls;
  private final CurrentUser current;

  /**
   * Closing a follow may wait on its reading thread; it never runs on the event loop that reports
   * the cancellation. One short task per admitted follow, so bounded by {@link LongCalls}.
   */
  private final ExecutorService closers;

  public ActionService(
      EnvironmentStore store,
      AgentGateway agents,
      AuditService audit,
      LongCalls longCalls,
      CurrentUser current) {
    this.store = store;
    this.agents = agents;
    this.audit = audit;
    this.longCalls = longCalls;
    this.current = current;
    this.closers = Executors.newCachedThreadPool(DaemonThreads.numbered("log-follow-close-"));
  }

  /** A read-only call (inspect, stats, logs): not audited, agent errors translated. */
  public <T> T read(String environmentId, Function<AgentClient, T> call) {
    EnvironmentEntity env = store.require(environmentId);
    try {
      return call.apply(agents.client(env, AgentGateway.Deadline.ACTION));
    } catch (AgentException e) {
      throw AgentGateway.toApi(e, env.name);
    }
  }

  /**
   * A change: audited with the caller, environment, target and result, whether the agent agreed or
   * not.
   */
  public <T> T act(
      String environmentId, String action, String target, Function<AgentClient, T> call) {
    return act(environmentId, action, target, AgentGateway.Deadline.ACTION, call);
  }

  /**
   * As {@link #act(String, String, String, Function)} with an explicit deadline (pulls take
   * minutes).
   */
  public <T> T act(
      String environmentId,
      String action,
      String target,
      AgentGateway.Deadline deadline,
      Function<AgentClient, T> call) {
    EnvironmentEntity env = store.require(environmentId);
    // Pulls, deploys and prunes hold a thread for minutes: admitted under the long-call caps.
    LongCalls.Permit permit =
        deadline == AgentGateway.Deadline.PULL ? longCalls.acquire(current.usernameOrNull()) : null;
    try {
      T result = call.apply(agents.client(env, deadline));
      audit.record(action, env.id, target, AuditService.OK, null);
      return result;
    } catch (AgentException e) {
      ApiException api = AgentGateway.toApi(e, env.name);
      audit.record(
          action, env.id, target, AuditService.FAILED, api.code() + ": " + api.getMessage());
      throw api;
    } finally {
      if (permit != null) {
        permit.close();
      }
    }
  }

  /**
   * Streams the agent's log follow through; the agent connection closes as soon as the client goes
   * away. The first agent error (unknown container, agent down) is answered as an error status, not
   * as an empty stream.
   */
  public Multi<LogLine> follow(
      String environmentId, String containerId, Integer tail, Long since, boolean timestamps) {
    EnvironmentEntity env = store.require(environmentId);
    LongCalls.Permit permit = longCalls.acquire(current.usernameOrNull());
    Stream<LogLine> stream;
    try {
      stream =
          agents
              .client(env, AgentGateway.Deadline.ACTION)
              .followLogs(containerId, tail, since, timestamps);
    } catch (AgentException e) {
      permit.close();
      throw AgentGateway.toApi(e, env.name);
    } catch (RuntimeException e) {
      permit.close();
      throw e;
    }
    return Multi.createFrom()
        .emitter(
            (MultiEmitter<? super LogLine> emitter) -> {
              // Never close on the event loop that reports the cancellation: closing may wait on
              // the reading thread.
              emitter.onTermination(
                  () ->
                      closers.execute(
                          () -> {
                            stream.close();
                            permit.close();
                          }));
              longCalls
                  .pool()
                  .execute(
                      () -> {
                        try {
                          Iterator<LogLine> it = stream.iterator();
                          while (!emitter.isCancelled() && it.hasNext()) {
                            emitter.emit(it.next());
                          }
                          emitter.complete();
                        } catch (RuntimeException e) {
                          if (!emitter.isCancelled()) {
                            Log.debugf(
                                "log follow of %s on %s ended: %s",
                                containerId, env.name, e.getMessage());
                            emitter.complete();
                          }
                        } finally {
                          stream.close();
                          permit.close();
                        }
                      });
            });
  }
}
