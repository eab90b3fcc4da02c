package io.homelab.observer.controller.environment;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.runtime.DaemonThreads;
import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.HostInfo;
import io.homelab.observer.controller.audit.AuditService;
import io.homelab.observer.controller.config.ControllerConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Environments: adding (pairing by code, or trusting an agent started with our key), editing,
 * removing, and the status snapshot (up / down / unpaired, last seen, Docker version, counts).
 *
 * <p>Agent calls never run inside a database transaction: a slow agent must not hold the SQLite
 * writer.
 */
@ApplicationScoped
public class EnvironmentService {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
  static final Pattern TAG = Pattern.compile("[A-Za-z0-9._:/-]{1,50}");
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9-]{4,64}");

  private final EnvironmentStore store;
  private final AgentGateway agents;
  private final AgentEnrolment enrolment;
  private final AuditService audit;
  private final ControllerConfig.Agents config;
  private final HostUsage usage;

  public EnvironmentService(
      EnvironmentStore store,
      AgentGateway agents,
      AgentEnrolment enrolment,
      AuditService audit,
      ControllerConfig config,
      HostUsage usage) {
    this.usage = usage;
    this.store = store;
    this.agents = agents;
    this.enrolment = enrolment;
    this.audit = audit;
    this.config = config.agents();
  }

  /** The stored snapshots with each host's current CPU, memory and root file system use. */
  public List<EnvironmentView> list() {
    java.util.Map<String, Double[]> now = usage.usage();
    return store.all().stream().map(e -> EnvironmentView.of(e).withUsage(now.get(e.name))).toList();
  }

  public EnvironmentView get(String id) {
    return EnvironmentView.of(store.require(id));
  }

  /** Adds an agent after proving that signed calls work; audited whether it succeeds or not. */
  public EnvironmentView create(EnvironmentRequests.Create req) {
    if (req == null) {
      throw ApiException.badRequest("body {\"name\",\"url\",\"pairingCode\"?} is required");
    }
    String target = req.name() + " " + req.url();
    try {
      EnvironmentView created = doCreate(req);
      audit.record(
          "environment.create",
          created.id(),
          target,
          AuditService.OK,
          req.pairingCode() != null ? "paired with code" : "agent already trusts this controller");
      return created;
    } catch (ApiException e) {
      audit.record("environment.create", null, target, AuditService.FAILED, e.getMessage());
      throw e;
    }
  }

  private EnvironmentView doCreate(EnvironmentRequests.Create req) {
    String name = checkName(req.name());
    URI url = checkUrl(req.url());
    String tags = joinTags(req.tags());
    String group = checkGroup(req.group());
    String code = req.pairingCode() == null ? null : req.pairingCode().trim();
    if (code != null && !CODE.matcher(code).matches()) {
      throw ApiException.badRequest(
          "pairingCode must be the code the agent printed (letters, digits, '-')");
    }
    store.checkUnique(name, url.toString(), null);
    AgentEnrolment.Enrolled agent = enrolment.enrol(name, url, req.tlsFingerprint(), code);
    EnvironmentEntity env = new EnvironmentEntity();
    env.id = UUID.randomUUID().toString();
    env.name = name;
    env.url = url.toString();
    env.group = group;
    env.tags = tags;
    env.tlsFingerprint = agent.tlsFingerprint();
    env.agentId = agent.agentId();
    env.metricsUrl = MetricsUrl.check(req.metricsUrl());
    env.createdAt = System.currentTimeMillis();
    applyUp(env, agent.ping(), agent.host(), env.createdAt);
    return EnvironmentView.of(store.insert(env));
  }

  public EnvironmentView update(String id, EnvironmentRequests.Update req) {
    if (req == null
        || (req.name() == null
            && req.group() == null
            && req.tags() == null
            && req.metricsUrl() == null)) {
      throw ApiException.badRequest("send any of \"name\", \"group\", \"tags\", \"metricsUrl\"");
    }
    String name = req.name() == null ? null : checkName(req.name());
    String group = req.group() == null ? null : checkGroup(req.group());
    String tags = req.tags() == null ? null : joinTags(req.tags());
    String metricsUrl = req.metricsUrl() == null ? null : MetricsUrl.checkOrClear(req.metricsUrl());
    EnvironmentEntity updated = store.update(id, name, group, tags, metricsUrl);
    audit.record("environment.update", id, updated.name, AuditService.OK, null);
    return EnvironmentView.of(updated);
  }

  public void delete(String id) {
    EnvironmentEntity removed = store.delete(id);
    agents.forget(id);
    audit.record("environment.delete", id, removed.name + " " + removed.url, AuditService.OK, null);
  }

  /**
   * Asks the agent now and stores the result; never throws for an agent problem, that is the
   * status.
   */
  public EnvironmentView refresh(String id) {
    return EnvironmentView.of(check(store.require(id)));
  }

  /**
   * One status check: ping (unsigned) tells down from alive, a signed host call tells up from
   * unpaired.
   */
  EnvironmentEntity check(EnvironmentEntity env) {
    long now = System.currentTimeMillis();
    AgentClient client;
    AgentPing ping;
    try {
      // An environment stored before agent ids learns its id here (one extra ping, once).
      client = agents.client(env);
      ping = client.ping();
    } catch (AgentException e) {
      return store.saveStatus(
          env.id,
          s -> {
            s.status = EnvironmentEntity.DOWN;
            s.statusMessage = e.getMessage();
            s.lastChecked = now;
          });
    }
    try {
      HostInfo host = client.host();
      return store.saveStatus(env.id, s -> applyUp(s, ping, host, now));
    } catch (AgentException e) {
      boolean rejected = e.status() == 401 || e.status() == 403;
      return store.saveStatus(
          env.id,
          s -> {
            s.status =
                rejected
                    ? EnvironmentEntity.UNPAIRED
                    : (e.agentUnavailable() ? EnvironmentEntity.DOWN : EnvironmentEntity.UP);
            s.statusMessage =
                rejected
                    ? "the agent does not trust this controller's key: " + e.getMessage()
                    : e.getMessage();
            s.lastSeen = now;
            s.lastChecked = now;
            s.agentVersion = ping.version();
            s.dockerVersion = ping.docker();
          });
    }
  }

  /** Refreshes every environment in parallel; used by the status poller. */
  public void checkAll() {
    List<EnvironmentEntity> all = store.all();
    List<Thread> running = new ArrayList<>();
    for (EnvironmentEntity env : all) {
      Thread t =
          DaemonThreads.thread(
              () -> {
                try {
                  check(env);
                } catch (RuntimeException e) {
                  Log.warnf("status check of %s failed: %s", env.name, e.getMessage());
                }
              },
              "status-" + env.name);
      t.start();
      running.add(t);
    }
    for (Thread t : running) {
      try {
        t.join(config.timeout().plus(config.connectTimeout()).toMillis() * 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void applyUp(EnvironmentEntity s, AgentPing ping, HostInfo host, long now) {
    s.status = EnvironmentEntity.UP;
    s.statusMessage = null;
    s.lastSeen = now;
    s.lastChecked = now;
    s.agentVersion = ping.version();
    s.dockerVersion = host.dockerVersion() != null ? host.dockerVersion() : ping.docker();
    s.hostname = host.hostname();
    s.containersRunning = host.containersRunning();
    s.containersTotal = host.containers();
    s.images = host.images();
    s.cpus = host.cpus();
    s.memoryBytes = host.memoryBytes();
  }

  static String checkName(String name) {
    if (name == null || !NAME.matcher(name.trim()).matches()) {
      throw ApiException.badRequest(
          "name must be 1-100 characters: letters, digits, space, '.', '_', '-'");
    }
    return name.trim();
  }

  static String checkGroup(String group) {
    if (group == null || group.isBlank()) {
      return null;
    }
    if (!NAME.matcher(group.trim()).matches()) {
      throw ApiException.badRequest(
          "group must be 1-100 characters: letters, digits, space, '.', '_', '-'");
    }
    return group.trim();
  }

  /** Normalises and checks an agent URL: http or https, a host, an optional port, nothing else. */
  static URI checkUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.badRequest("url is required, such as http://192.168.1.20:9001");
    }
    URI u;
    try {
      u = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw ApiException.badRequest("url is not a valid URL: " + e.getReason());
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiException.badRequest("url must start with http:// or https://");
    }
    if (u.getHost() == null
        || u.getUserInfo() != null
        || u.getQuery() != null
        || u.getFragment() != null
        || (u.getPath() != null && !u.getPath().isEmpty() && !u.getPath().equals("/"))) {
      throw ApiException.badRequest(
          "url must be scheme://host[:port] without path, query or credentials");
    }
    String port = u.getPort() == -1 ? "" : ":" + u.getPort();
    return URI.create(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + port);
  }

  static String joinTags(List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    if (tags.size() > 20) {
      throw ApiException.badRequest("at most 20 tags");
    }
    List<String> clean = new ArrayList<>();
    for (String t : tags) {
      if (t == null || !TAG.matcher(t).matches()) {
        throw ApiException.badRequest(
            "each tag must be 1-50 characters: letters, digits, '.', '_', ':', '/', '-'");
      }
      if (!clean.contains(t)) {
        clean.add(t);
      }
    }
    return String.join(",", clean);
  }
}
