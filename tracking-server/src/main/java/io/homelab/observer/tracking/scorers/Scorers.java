package io.homelab.observer.tracking.scorers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Bodies of MLflow 3's scorer API ({@code /api/3.0/mlflow/scorers/...}), in the shapes of its
 * protos (service.proto RegisterScorer, ListScorers, ListScorerVersions, GetScorer, DeleteScorer)
 * and of its online scoring configuration JSON.
 */
public final class Scorers {

  private Scorers() {}

  /**
   * One version of a scorer, as MLflow's Scorer message: its experiment id is an int32 there, so a
   * JSON number (clients compare {@code str(experiment_id)}).
   */
  @RegisterForReflection
  public record ScorerVersion(
      @JsonProperty("experiment_id") long experimentId,
      @JsonProperty("scorer_name") String scorerName,
      @JsonProperty("scorer_version") int scorerVersion,
      @JsonProperty("serialized_scorer") String serializedScorer,
      @JsonProperty("creation_time") long creationTime,
      @JsonProperty("scorer_id") String scorerId) {}

  /** Request fields of register, list, versions, get and delete. */
  @RegisterForReflection
  public record ScorerRequest(
      @JsonProperty("experiment_id") String experimentId,
      @JsonProperty("experiment_ids") List<String> experimentIds,
      String name,
      @JsonProperty("serialized_scorer") String serializedScorer,
      String version) {}

  /** RegisterScorer.Response: the new version, with the experiment id as a string. */
  @RegisterForReflection
  public record Registered(
      int version,
      @JsonProperty("scorer_id") String scorerId,
      @JsonProperty("experiment_id") String experimentId,
      String name,
      @JsonProperty("serialized_scorer") String serializedScorer,
      @JsonProperty("creation_time") long creationTime) {}

  /** ListScorers / ListScorerVersions response. */
  @RegisterForReflection
  public record ScorerList(List<ScorerVersion> scorers) {}

  /** GetScorer response. */
  @RegisterForReflection
  public record OneScorer(ScorerVersion scorer) {}

  /** DeleteScorer response (empty). */
  @RegisterForReflection
  public record Deleted() {}

  /**
   * An online scoring configuration, as MLflow's {@code OnlineScoringConfig.to_dict}: no {@code
   * filter_string} key when there is none.
   */
  @RegisterForReflection
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OnlineScoringConfig(
      @JsonProperty("online_scoring_config_id") String onlineScoringConfigId,
      @JsonProperty("scorer_id") String scorerId,
      @JsonProperty("sample_rate") double sampleRate,
      @JsonProperty("experiment_id") String experimentId,
      @JsonProperty("filter_string") String filterString) {}

  /**
   * Request of scorers/online-config; sample rate and filter keep their JSON type, which MLflow
   * checks with its own messages.
   */
  @RegisterForReflection
  public record OnlineConfigRequest(
      @JsonProperty("experiment_id") String experimentId,
      String name,
      @JsonProperty("sample_rate") JsonNode sampleRate,
      @JsonProperty("filter_string") JsonNode filterString) {}

  /** Request of scorers/online-configs. */
  @RegisterForReflection
  public record ConfigsRequest(@JsonProperty("scorer_ids") List<String> scorerIds) {}

  @RegisterForReflection
  public record OneConfig(OnlineScoringConfig config) {}

  @RegisterForReflection
  public record Configs(List<OnlineScoringConfig> configs) {}
}
