package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Model registry messages (model_registry.proto) and request bodies. */
public final class RegistryModels {

  private RegistryModels() {}

  @MlflowJson
  @RegisterForReflection
  public record Alias(String alias, String version) {}

  @MlflowJson
  @RegisterForReflection
  public record ModelVersion(
      String name,
      String version,
      Long creationTimestamp,
      Long lastUpdatedTimestamp,
      String userId,
      String currentStage,
      String description,
      String source,
      String runId,
      String status,
      String statusMessage,
      List<KeyValue> tags,
      String runLink,
      List<String> aliases,
      String modelId) {}

  @MlflowJson
  @RegisterForReflection
  public record RegisteredModel(
      String name,
      Long creationTimestamp,
      Long lastUpdatedTimestamp,
      String description,
      List<ModelVersion> latestVersions,
      List<KeyValue> tags,
      List<Alias> aliases) {}

  @MlflowJson
  @RegisterForReflection
  record ModelOut(RegisteredModel registeredModel) {}

  @MlflowJson
  @RegisterForReflection
  record VersionOut(ModelVersion modelVersion) {}

  @MlflowJson
  @RegisterForReflection
  record VersionsOut(List<ModelVersion> modelVersions, String nextPageToken) {}

  @MlflowJson
  @RegisterForReflection
  record ModelsOut(List<RegisteredModel> registeredModels, String nextPageToken) {}

  @MlflowJson
  @RegisterForReflection
  record DownloadUri(String artifactUri) {}

  @MlflowJson
  @RegisterForReflection
  record CreateModel(String name, List<KeyValue> tags, String description) {}

  @MlflowJson
  @RegisterForReflection
  record ByName(String name) {}

  @MlflowJson
  @RegisterForReflection
  record Rename(String name, String newName) {}

  @MlflowJson
  @RegisterForReflection
  record UpdateModel(String name, String description) {}

  @MlflowJson
  @RegisterForReflection
  record Search(String filter, Long maxResults, List<String> orderBy, String pageToken) {}

  @MlflowJson
  @RegisterForReflection
  record LatestVersions(String name, List<String> stages) {}

  @MlflowJson
  @RegisterForReflection
  record ModelTag(String name, String key, String value) {}

  @MlflowJson
  @RegisterForReflection
  record AliasReq(String name, String alias, String version) {}

  @MlflowJson
  @RegisterForReflection
  record CreateVersion(
      String name,
      String source,
      String runId,
      List<KeyValue> tags,
      String runLink,
      String description,
      String modelId) {}

  @MlflowJson
  @RegisterForReflection
  record VersionRef(String name, String version) {}

  @MlflowJson
  @RegisterForReflection
  record UpdateVersion(String name, String version, String description) {}

  @MlflowJson
  @RegisterForReflection
  record Transition(String name, String version, String stage, Boolean archiveExistingVersions) {}

  @MlflowJson
  @RegisterForReflection
  record VersionTag(String name, String version, String key, String value) {}
}
