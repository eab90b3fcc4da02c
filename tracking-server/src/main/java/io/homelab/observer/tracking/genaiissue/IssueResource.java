package io.homelab.observer.tracking.genaiissue;

import io.homelab.observer.tracking.genaiissue.Issues.CreateRequest;
import io.homelab.observer.tracking.genaiissue.Issues.IssueList;
import io.homelab.observer.tracking.genaiissue.Issues.OneIssue;
import io.homelab.observer.tracking.genaiissue.Issues.SearchRequest;
import io.homelab.observer.tracking.genaiissue.Issues.UpdateRequest;
import io.homelab.observer.tracking.wire.RequestReader;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow 3.17's issue routes, under {@code /api/3.0/mlflow/issues} and {@code /ajax-api/3.0/...}:
 * create (POST), search (POST search), get (GET {id}) and update (PATCH {id}).
 */
@Path("{prefix:(api|ajax-api)/3\\.0/mlflow}/issues")
@Produces(MediaType.APPLICATION_JSON)
public class IssueResource {

  private final IssueService issues;
  private final RequestReader reader;

  public IssueResource(IssueService issues, RequestReader reader) {
    this.issues = issues;
    this.reader = reader;
  }

  @POST
  public OneIssue create(String body) {
    return new OneIssue(issues.create(reader.body(body, CreateRequest.class)));
  }

  @POST
  @Path("search")
  public IssueList search(String body) {
    return issues.search(reader.body(body, SearchRequest.class));
  }

  @GET
  @Path("{issueId}")
  public OneIssue get(@PathParam("issueId") String issueId) {
    return new OneIssue(issues.get(issueId));
  }

  @PATCH
  @Path("{issueId}")
  public OneIssue update(@PathParam("issueId") String issueId, String body) {
    return new OneIssue(issues.update(issueId, reader.body(body, UpdateRequest.class)));
  }
}
