package io.homelab.observer.agent.container;

import io.homelab.observer.agent.auth.SignatureFilter;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.ContainerSummary;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ExecRequest;
import io.homelab.observer.common.wire.ExecResult;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code /api/containers}: list, inspect, lifecycle, remove, logs, stats, exec and deploy. Log
 * follow (SSE) is {@link LogFollowRoute}; the console is {@link ConsoleSocket}.
 */
@Path("/api/containers")
@Produces(MediaType.APPLICATION_JSON)
public class ContainerResource {

  private final ContainerService containers;
  private final StatsService stats;
  private final DeployService deploys;
  private final ContainerLogService logs;
  private final ContainerExecService execs;

  public ContainerResource(
      ContainerService containers,
      StatsService stats,
      DeployService deploys,
      ContainerLogService logs,
      ContainerExecService execs) {
    this.containers = containers;
    this.logs = logs;
    this.execs = execs;
    this.stats = stats;
    this.deploys = deploys;
  }

  @GET
  public List<ContainerSummary> list(@RestQuery String all) {
    return containers.list(bool("all", all));
  }

  @GET
  @Path("/{id}")
  public ContainerDetail inspect(@RestPath String id) {
    return containers.inspect(id);
  }

  @POST
  @Path("/{id}/{action}")
  public ContainerAction act(@RestPath String id, @RestPath String action) {
    return containers.act(id, action);
  }

  @DELETE
  @Path("/{id}")
  public ContainerAction remove(
      @RestPath String id, @RestQuery String force, @RestQuery String volumes) {
    return containers.remove(id, bool("force", force), bool("volumes", volumes));
  }

  /** Logs up to now; {@code follow=true} never gets here (see {@link LogFollowRoute}). */
  @GET
  @Path("/{id}/logs")
  public ContainerLogs logs(
      @RestPath String id,
      @RestQuery String tail,
      @RestQuery String since,
      @RestQuery String timestamps) {
    return logs.logs(id, tail(tail), since(since), bool("timestamps", timestamps));
  }

  @GET
  @Path("/{id}/stats")
  public ContainerStats stats(@RestPath String id) {
    return stats.stats(id);
  }

  @POST
  @Path("/{id}/exec")
  @Consumes(MediaType.APPLICATION_JSON)
  public ExecResult exec(@RestPath String id, ExecRequest request) {
    if (request == null) {
      throw ApiException.badRequest("body must be {\"cmd\":[...]}");
    }
    return execs.exec(id, request.cmd());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @ResponseStatus(201)
  public DeployResult deploy(DeployRequest request, RoutingContext ctx) {
    return deploys.deploy(request, ctx.get(SignatureFilter.CALLER));
  }

  /**
   * Query booleans: absent = false, anything but true/false/1/0 is a 400 rather than a silent
   * false.
   */
  static boolean bool(String name, String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.badRequest(name + " must be true or false");
    };
  }

  /** {@code tail}: a line count or {@code all} (absent = all, as Docker). */
  static Integer tail(String value) {
    if (value == null || value.isEmpty() || value.equals("all")) {
      return null;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("tail must be a non-negative number or all");
    }
  }

  /** {@code since}: unix seconds. */
  static Integer since(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      long n = Long.parseLong(value);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("since must be unix seconds");
    }
  }
}
