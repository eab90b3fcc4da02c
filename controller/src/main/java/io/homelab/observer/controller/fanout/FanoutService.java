package io.homelab.observer.controller.fanout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.environment.AgentGateway;
import io.homelab.observer.controller.environment.EnvironmentEntity;
import io.homelab.observer.controller.environment.EnvironmentStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Asks every environment (or one) in parallel and merges the answers.
 *
 * <p>One deadline for the whole answer, {@code homelab.controller.agents.timeout} from the start:
 * every agent that has not answered by then becomes an error entry and the merged answer leaves at
 * once, so a black-holed agent costs the caller the time-out and nothing more, however many agents
 * are slow (SPEC.md: "one slow agent never stalls the whole answer"). The agent client has the same
 * deadline, so its thread is freed soon after.
 */
@ApplicationScoped
public class FanoutService {

  private final EnvironmentStore store;
  private final AgentGateway agents;
  private final ObjectMapper json;
  private final ControllerConfig.Agents config;
  private final ExecutorService pool;

  public FanoutService(
      EnvironmentStore store, AgentGateway agents, ObjectMapper json, ControllerConfig config) {
    this.store = store;
    this.agents = agents;
    this.json = json;
    this.config = config.agents();
    this.pool =
        Executors.newFixedThreadPool(this.config.parallelism(), DaemonThreads.numbered("fanout-"));
  }

  void stop(@Observes ShutdownEvent event) {
    pool.shutdownNow();
  }

  /**
   * Calls {@code call} on each selected environment and tags every returned item with its
   * environment.
   *
   * @param environmentId one environment's id, or null/blank for all
   */
  public <T> FanoutResult collect(String environmentId, Function<AgentClient, List<T>> call) {
    List<EnvironmentEntity> targets =
        environmentId == null || environmentId.isBlank()
            ? store.all()
            : List.of(store.require(environmentId));
    long deadline = System.nanoTime() + config.timeout().toNanos();
    List<CompletableFuture<List<T>>> futures = new ArrayList<>();
    for (EnvironmentEntity env : targets) {
      AgentClient client = agents.client(env);
      futures.add(CompletableFuture.supplyAsync(() -> call.apply(client), pool));
    }
    List<ObjectNode> items = new ArrayList<>();
    List<FanoutResult.FanoutError> errors = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      EnvironmentEntity env = targets.get(i);
      CompletableFuture<List<T>> f = futures.get(i);
      try {
        long wait = Math.max(0, deadline - System.nanoTime());
        List<T> answer = f.get(wait, TimeUnit.NANOSECONDS);
        if (answer != null) {
          for (T item : answer) {
            ObjectNode node = json.createObjectNode();
            node.put("environmentId", env.id);
            node.put("environmentName", env.name);
            node.setAll((ObjectNode) json.valueToTree(item));
            items.add(node);
          }
        }
      } catch (TimeoutException e) {
        f.cancel(true);
        errors.add(
            new FanoutResult.FanoutError(
                env.id,
                env.name,
                AgentException.TIMEOUT,
                "no answer within " + config.timeout().toMillis() + " ms"));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof AgentException ae) {
          ApiException api = AgentGateway.toApi(ae, env.name);
          errors.add(new FanoutResult.FanoutError(env.id, env.name, api.code(), api.getMessage()));
        } else {
          Log.warnf(cause, "fan-out call to %s failed", env.name);
          errors.add(
              new FanoutResult.FanoutError(
                  env.id,
                  env.name,
                  "INTERNAL_ERROR",
                  "unexpected failure asking this environment; see the controller log"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(503, "INTERRUPTED", "the controller is shutting down");
      }
    }
    return new FanoutResult(items, errors);
  }
}
