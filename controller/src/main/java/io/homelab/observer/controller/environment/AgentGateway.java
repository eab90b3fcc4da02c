package io.homelab.observer.controller.environment;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.keys.ControllerKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out one signed {@link AgentClient} per environment (STYLE.md 2.10: the plain client wrapped
 * by a bean that adds config, time-outs and error translation) and turns agent failures into API
 * errors.
 */
@ApplicationScoped
public class AgentGateway {

  private record Cached(String url, String fingerprint, String agentId, AgentClient client) {}

  /** Which deadline a call gets (see {@link ControllerConfig.Agents}). */
  public enum Deadline {
    /** Fan-out lists, status checks: {@code agents.timeout}. */
    LIST,
    /** One container action or read: {@code agents.action-timeout}. */
    ACTION,
    /** Pulls, deploys, prunes: {@code agents.pull-timeout}. */
    PULL
  }

  private final Map<String, Cached> clients = new ConcurrentHashMap<>();
  private final ControllerKeys keys;
  private final ControllerConfig.Agents config;
  private final EnvironmentStore store;

  public AgentGateway(ControllerKeys keys, ControllerConfig config, EnvironmentStore store) {
    this.keys = keys;
    this.config = config.agents();
    this.store = store;
  }

  /** The list-deadline client for {@code env}. */
  public AgentClient client(EnvironmentEntity env) {
    return client(env, Deadline.LIST);
  }

  /**
   * The client for {@code env} with the given deadline; rebuilt when its URL or pinned certificate
   * changed.
   */
  public AgentClient client(EnvironmentEntity env, Deadline deadline) {
    String agentId = env.agentId != null ? env.agentId : learnAgentId(env);
    String key = env.id + "/" + deadline;
    Cached c = clients.get(key);
    if (c == null
        || !c.url.equals(env.url)
        || !java.util.Objects.equals(c.fingerprint, env.tlsFingerprint)
        || !c.agentId.equals(agentId)) {
      Duration timeout =
          switch (deadline) {
            case LIST -> config.timeout();
            case ACTION -> config.actionTimeout();
            case PULL -> config.pullTimeout();
          };
      c =
          new Cached(
              env.url,
              env.tlsFingerprint,
              agentId,
              build(env.url, env.tlsFingerprint, agentId, timeout));
      clients.put(key, c);
    }
    return c.client;
  }

  /**
   * A client for an agent not stored yet (pairing), pinned to {@code tlsFingerprint} when not null;
   * it signs for {@code agentId}, or only pings and pairs when that is null.
   */
  public AgentClient clientFor(String url, String tlsFingerprint, String agentId) {
    return build(url, tlsFingerprint, agentId, config.timeout());
  }

  /**
   * The id of an environment stored before agent ids existed, asked once from its ping over the
   * pinned connection and kept; from then on every signed request names it.
   */
  private String learnAgentId(EnvironmentEntity env) {
    String id = build(env.url, env.tlsFingerprint, null, config.timeout()).ping().agentId();
    if (id == null || !AGENT_ID.matcher(id).matches()) {
      throw new AgentException(
          0,
          AgentException.BAD_RESPONSE,
          "the agent at " + env.url + " reports no agentId; upgrade it to sign requests for it");
    }
    store.saveStatus(env.id, s -> s.agentId = id);
    env.agentId = id;
    return id;
  }

  /** What an agent id looks like (the agent's {@code identity.AgentIdentity}): 32 hex digits. */
  public static final java.util.regex.Pattern AGENT_ID =
      java.util.regex.Pattern.compile("[0-9a-f]{32}");

  public void forget(String environmentId) {
    clients.keySet().removeIf(k -> k.startsWith(environmentId + "/"));
  }

  private AgentClient build(String url, String fingerprint, String agentId, Duration timeout) {
    return AgentClient.builder(URI.create(url))
        .signer(keys.signer())
        .agentId(agentId)
        .tlsFingerprint(fingerprint)
        .connectTimeout(config.connectTimeout())
        .requestTimeout(timeout)
        .build();
  }

  /**
   * The API error for a failed agent call: the agent's own status and message for its 4xx/5xx
   * answers (SPEC.md: "errors from the agent come back with their status and message"), 502/504
   * when it did not answer. The agent's 401 is not passed on as 401, which would tell the
   * controller's client that *its* token is bad.
   */
  public static ApiException toApi(AgentException e, String environmentName) {
    String where = "environment " + environmentName + ": ";
    if (e.agentUnavailable()) {
      return switch (e.error()) {
        case AgentException.TIMEOUT -> new ApiException(504, e.error(), where + e.getMessage());
        case AgentException.TLS_MISMATCH ->
            new ApiException(
                502,
                e.error(),
                where
                    + "the agent's TLS certificate is not the one pinned at pairing (changed certificate or someone in"
                    + " between); remove and re-add the environment if the change is expected");
        default -> new ApiException(502, e.error(), where + e.getMessage());
      };
    }
    if (e.status() == 401 || e.status() == 403) {
      return new ApiException(
          502,
          "AGENT_REJECTED_CONTROLLER",
          where
              + "the agent refused this controller's signature ("
              + e.getMessage()
              + "); it is not paired with this"
              + " controller");
    }
    if (e.status() >= 400 && e.status() < 600) {
      return new ApiException(e.status(), e.error(), where + e.getMessage());
    }
    return new ApiException(502, AgentException.BAD_RESPONSE, where + e.getMessage());
  }
}
