package io.homelab.observer.tracking.logs.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** JSON shapes of the logs search API (MLflow's snake_case, docs/logs.md). */
public final class SearchModels {

  private SearchModels() {}

  /**
   * One entry as the API shows it; {@code highlights} are [start, end) character ranges of the
   * message that the query's words matched.
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EntryView(
      @JsonProperty("id") String id,
      @JsonProperty("timestamp") long timestamp,
      @JsonProperty("host") String host,
      @JsonProperty("service") String service,
      @JsonProperty("level") String level,
      @JsonProperty("message") String message,
      @JsonProperty("labels") Map<String, String> labels,
      @JsonProperty("highlights") List<int[]> highlights) {}

  /** A page of results, newest first; {@code next_page_token} is absent on the last page. */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SearchPage(
      @JsonProperty("entries") List<EntryView> entries,
      @JsonProperty("next_page_token") String nextPageToken) {}

  /** Entries per bucket and group. */
  @RegisterForReflection
  public record Bucket(
      @JsonProperty("start") long start, @JsonProperty("counts") Map<String, Long> counts) {}

  /** The answer of the counts API. */
  @RegisterForReflection
  public record Counts(
      @JsonProperty("bucket_ms") long bucketMs,
      @JsonProperty("by") String by,
      @JsonProperty("buckets") List<Bucket> buckets) {}
}
