package io.homelab.observer.tracking.scorers;

import io.homelab.observer.tracking.scorers.Scorers.Configs;
import io.homelab.observer.tracking.scorers.Scorers.ConfigsRequest;
import io.homelab.observer.tracking.scorers.Scorers.Deleted;
import io.homelab.observer.tracking.scorers.Scorers.OneConfig;
import io.homelab.observer.tracking.scorers.Scorers.OneScorer;
import io.homelab.observer.tracking.scorers.Scorers.OnlineConfigRequest;
import io.homelab.observer.tracking.scorers.Scorers.Registered;
import io.homelab.observer.tracking.scorers.Scorers.ScorerList;
import io.homelab.observer.tracking.scorers.Scorers.ScorerRequest;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * MLflow 3's scorer routes, under {@code /api/3.0/mlflow/scorers} and {@code /ajax-api/3.0/...}:
 * register (POST), list, versions and get (GET), delete (DELETE, body or query), and the online
 * scoring configuration (GET online-configs, PUT online-config).
 */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/scorers")
@Produces(MediaType.APPLICATION_JSON)
public class ScorerResource {

  private final ScorerService scorers;
  private final OnlineScoringService online;
  private final RequestReader reader;

  public ScorerResource(ScorerService scorers, OnlineScoringService online, RequestReader reader) {
    this.scorers = scorers;
    this.online = online;
    this.reader = reader;
  }

  @POST
  @Path("register")
  public Registered register(String body) {
    ScorerRequest r = reader.body(body, ScorerRequest.class);
    return scorers.register(r.experimentId(), r.name(), r.serializedScorer());
  }

  @GET
  @Path("list")
  public ScorerList list(@Context UriInfo uri) {
    ScorerRequest r = reader.query(uri.getQueryParameters(), ScorerRequest.class);
    return new ScorerList(scorers.list(r.experimentId(), r.experimentIds()));
  }

  @GET
  @Path("versions")
  public ScorerList versions(@Context UriInfo uri) {
    ScorerRequest r = reader.query(uri.getQueryParameters(), ScorerRequest.class);
    return new ScorerList(scorers.versions(r.experimentId(), r.name()));
  }

  @GET
  @Path("get")
  public OneScorer get(@Context UriInfo uri) {
    ScorerRequest r = reader.query(uri.getQueryParameters(), ScorerRequest.class);
    return new OneScorer(scorers.get(r.experimentId(), r.name(), r.version()));
  }

  @DELETE
  @Path("delete")
  public Deleted delete(String body, @Context UriInfo uri) {
    ScorerRequest r = reader.bodyOrQuery(body, uri.getQueryParameters(), ScorerRequest.class);
    scorers.delete(r.experimentId(), r.name(), r.version());
    return new Deleted();
  }

  @GET
  @Path("online-configs")
  public Configs configs(@Context UriInfo uri) {
    ConfigsRequest r = reader.query(uri.getQueryParameters(), ConfigsRequest.class);
    return new Configs(online.configs(r.scorerIds()));
  }

  @PUT
  @Path("online-config")
  public OneConfig upsert(String body) {
    return new OneConfig(online.upsert(reader.body(body, OnlineConfigRequest.class)));
  }
}
