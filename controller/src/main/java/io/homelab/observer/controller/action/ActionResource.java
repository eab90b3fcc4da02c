package io.homelab.observer.controller.action;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ContainerAction;
import io.homelab.observer.common.wire.ContainerDetail;
import io.homelab.observer.common.wire.ContainerLogs;
import io.homelab.observer.common.wire.ContainerStats;
import io.homelab.observer.common.wire.DeployRequest;
import io.homelab.observer.common.wire.DeployResult;
import io.homelab.observer.common.wire.ImagePullRequest;
import io.homelab.observer.common.wire.ImagePullResult;
import io.homelab.observer.common.wire.LogLine;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.VolumeCreateRequest;
import io.homelab.observer.common.wire.VolumeSummary;
import io.homelab.observer.controller.environment.AgentGateway;
import io.homelab.observer.controller.error.Params;
import io.homelab.observer.controller.security.Access;
import io.homelab.observer.controller.security.Role;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Actions on one environment, proxied to its agent (SPEC.md "Controller API": actions). Operators
 * act, viewers read; every change lands in the audit log with its result.
 */
@Path("/api/environments/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActionResource {

  static final Set<String> CONTAINER_ACTIONS =
      Set.of("start", "stop", "restart", "kill", "pause", "unpause");

  /** Docker ids and names: hex ids, or names of [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
  static final Pattern CONTAINER_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  /** Image references: repository[:tag][@digest] or an id (sha256:...). */
  static final Pattern IMAGE_REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.:/@-]{0,254}");

  static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,254}");

  private final ActionService actions;

  public ActionResource(ActionService actions) {
    this.actions = actions;
  }

  @GET
  @Path("/containers/{cid}")
  @Access(Role.VIEWER)
  public ContainerDetail inspect(@RestPath String id, @RestPath String cid) {
    String c = container(cid);
    return actions.read(id, a -> a.container(c));
  }

  @POST
  @Path("/containers/{cid}/{action}")
  @Access(Role.OPERATOR)
  public ContainerAction containerAction(
      @RestPath String id, @RestPath String cid, @RestPath String action) {
    String c = container(cid);
    if (!CONTAINER_ACTIONS.contains(action)) {
      throw ApiException.badRequest(
          "action must be one of start, stop, restart, kill, pause, unpause");
    }
    return actions.act(id, "container." + action, c, a -> a.containerAction(c, action));
  }

  @DELETE
  @Path("/containers/{cid}")
  @Access(Role.OPERATOR)
  public ContainerAction remove(
      @RestPath String id,
      @RestPath String cid,
      @RestQuery("force") String force,
      @RestQuery("volumes") String volumes) {
    String c = container(cid);
    boolean f = bool("force", force);
    boolean v = bool("volumes", volumes);
    return actions.act(id, "container.remove", c, a -> a.removeContainer(c, f, v));
  }

  /**
   * Logs once ({@code tail}, {@code since} in unix seconds, {@code timestamps}); {@code
   * follow=true} streams.
   */
  @GET
  @Path("/containers/{cid}/logs")
  @Access(Role.VIEWER)
  public ContainerLogs logs(
      @RestPath String id,
      @RestPath String cid,
      @RestQuery("tail") String tailParam,
      @RestQuery("since") String sinceParam,
      @RestQuery("timestamps") String timestamps,
      @RestQuery("follow") String follow) {
    String c = container(cid);
    // LogsNegotiation sends follow=true to followLogs; anything else that is not false is a typo
    bool("follow", follow);
    Integer tail = Params.integer("tail", tailParam, 0, 100_000);
    Long since = Params.nonNegativeLong("since", sinceParam);
    boolean ts = bool("timestamps", timestamps);
    return actions.read(id, a -> a.logs(c, tail, since, ts));
  }

  /**
   * {@code follow=true}: Server-Sent Events, one JSON {@code LogLine} per event, until the client
   * disconnects (the agent connection is closed with it).
   */
  @GET
  @Path("/containers/{cid}/logs")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Access(Role.VIEWER)
  @Blocking
  public Multi<LogLine> followLogs(
      @RestPath String id,
      @RestPath String cid,
      @RestQuery("tail") String tailParam,
      @RestQuery("since") String sinceParam,
      @RestQuery("timestamps") String timestamps) {
    String c = container(cid);
    Integer tail = Params.integer("tail", tailParam, 0, 100_000);
    Long since = Params.nonNegativeLong("since", sinceParam);
    return actions.follow(id, c, tail, since, bool("timestamps", timestamps));
  }

  @GET
  @Path("/containers/{cid}/stats")
  @Access(Role.VIEWER)
  public ContainerStats stats(@RestPath String id, @RestPath String cid) {
    String c = container(cid);
    return actions.read(id, a -> a.stats(c));
  }

  /**
   * Deploys a container; the agent checks the request against its own allow-list (privileged,
   * binds, ...).
   */
  @POST
  @Path("/containers")
  @Access(Role.OPERATOR)
  @ResponseStatus(201)
  public DeployResult deploy(@RestPath String id, DeployRequest req) {
    if (req == null || req.image() == null || req.image().isBlank()) {
      throw ApiException.badRequest("body with at least \"image\" is required");
    }
    if (!IMAGE_REF.matcher(req.image()).matches()) {
      throw ApiException.badRequest("image is not a valid image reference");
    }
    if (req.name() != null && !CONTAINER_REF.matcher(req.name()).matches()) {
      throw ApiException.badRequest("name must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    String target = req.name() == null ? req.image() : req.name() + " (" + req.image() + ")";
    return actions.act(
        id, "container.deploy", target, AgentGateway.Deadline.PULL, a -> a.deploy(req));
  }

  @POST
  @Path("/images/pull")
  @Access(Role.OPERATOR)
  public ImagePullResult pull(@RestPath String id, ImagePullRequest req) {
    if (req == null || req.image() == null || !IMAGE_REF.matcher(req.image()).matches()) {
      throw ApiException.badRequest("body {\"image\":\"repository[:tag]\"} is required");
    }
    return actions.act(
        id, "image.pull", req.image(), AgentGateway.Deadline.PULL, a -> a.pullImage(req.image()));
  }

  @DELETE
  @Path("/images/{imageId}")
  @Access(Role.OPERATOR)
  @ResponseStatus(204)
  public void removeImage(
      @RestPath String id, @RestPath String imageId, @RestQuery("force") String force) {
    require(IMAGE_REF, imageId, "not an image id or reference: ");
    boolean f = bool("force", force);
    remove(id, "image.remove", imageId, a -> a.removeImage(imageId, f));
  }

  @POST
  @Path("/images/prune")
  @Access(Role.OPERATOR)
  public PruneResult pruneImages(@RestPath String id, @RestQuery("all") String all) {
    boolean everything = bool("all", all);
    return actions.act(
        id,
        "image.prune",
        everything ? "unused images" : "dangling images",
        AgentGateway.Deadline.PULL,
        a -> a.pruneImages(everything));
  }

  @POST
  @Path("/volumes")
  @Access(Role.OPERATOR)
  @ResponseStatus(201)
  public VolumeSummary createVolume(@RestPath String id, VolumeCreateRequest req) {
    if (req == null || req.name() == null || !VOLUME_NAME.matcher(req.name()).matches()) {
      throw ApiException.badRequest(
          "body {\"name\"} is required; name must match [a-zA-Z0-9][a-zA-Z0-9_.-]*");
    }
    return actions.act(id, "volume.create", req.name(), a -> a.createVolume(req));
  }

  @DELETE
  @Path("/volumes/{name}")
  @Access(Role.OPERATOR)
  @ResponseStatus(204)
  public void removeVolume(
      @RestPath String id, @RestPath String name, @RestQuery("force") String force) {
    require(VOLUME_NAME, name, "not a volume name: ");
    boolean f = bool("force", force);
    remove(id, "volume.remove", name, a -> a.removeVolume(name, f));
  }

  private static String container(String cid) {
    require(CONTAINER_REF, cid, "not a container id or name: ");
    return cid;
  }

  /** Refuses a path value the agent would not accept, naming it after {@code problem}. */
  private static void require(Pattern pattern, String value, String problem) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw ApiException.badRequest(problem + value);
    }
  }

  /** A removal: the agent answers with nothing, the client gets 204. */
  private void remove(String id, String action, String target, Consumer<AgentClient> call) {
    actions.act(
        id,
        action,
        target,
        a -> {
          call.accept(a);
          return null;
        });
  }

  private static boolean bool(String name, String value) {
    return Params.bool(name, value, false);
  }
}
