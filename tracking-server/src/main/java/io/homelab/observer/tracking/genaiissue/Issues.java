package io.homelab.observer.tracking.genaiissue;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Bodies of MLflow 3.17's issues API ({@code /api/3.0/mlflow/issues}), in the shapes of its protos
 * (issues.proto CreateIssue, UpdateIssue, GetIssue, SearchIssues).
 */
public final class Issues {

  private Issues() {}

  /**
   * MLflow's Issue message. Unset optional fields are left out, as MLflow's proto JSON leaves them
   * out; {@code trace_count} only when the search asked for it.
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Issue(
      @JsonProperty("issue_id") String issueId,
      @JsonProperty("experiment_id") String experimentId,
      String name,
      String description,
      String status,
      String severity,
      @JsonProperty("root_causes") List<String> rootCauses,
      @JsonProperty("source_run_id") String sourceRunId,
      @JsonProperty("created_timestamp") long createdTimestamp,
      @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
      @JsonProperty("created_by") String createdBy,
      List<String> categories,
      @JsonProperty("trace_count") Long traceCount) {

    Issue withTraceCount(long count) {
      return new Issue(
          issueId,
          experimentId,
          name,
          description,
          status,
          severity,
          rootCauses,
          sourceRunId,
          createdTimestamp,
          lastUpdatedTimestamp,
          createdBy,
          categories,
          count);
    }
  }

  /** CreateIssue request. */
  @RegisterForReflection
  public record CreateRequest(
      @JsonProperty("experiment_id") String experimentId,
      String name,
      String description,
      String status,
      String severity,
      @JsonProperty("root_causes") List<String> rootCauses,
      @JsonProperty("source_run_id") String sourceRunId,
      @JsonProperty("created_by") String createdBy,
      List<String> categories) {}

  /** UpdateIssue request (the id comes from the path). */
  @RegisterForReflection
  public record UpdateRequest(
      @JsonProperty("issue_id") String issueId,
      String name,
      String description,
      String status,
      String severity) {}

  /** SearchIssues request. */
  @RegisterForReflection
  public record SearchRequest(
      @JsonProperty("experiment_id") String experimentId,
      @JsonProperty("filter_string") String filterString,
      @JsonProperty("max_results") Integer maxResults,
      @JsonProperty("page_token") String pageToken,
      @JsonProperty("include_trace_count") Boolean includeTraceCount) {}

  /** Create, update and get responses. */
  @RegisterForReflection
  public record OneIssue(Issue issue) {}

  /** SearchIssues response; MLflow always sends the (possibly empty) token. */
  @RegisterForReflection
  public record IssueList(
      List<Issue> issues, @JsonProperty("next_page_token") String nextPageToken) {}
}
