package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.evaldataset.EvaluationDatasetService;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.genaiissue.IssueService;
import io.homelab.observer.tracking.loggedmodel.LoggedModelService;
import io.homelab.observer.tracking.registry.ModelVersionService;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.scorers.OnlineScoringService;
import io.homelab.observer.tracking.trace.TraceService;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** {@link ResourceLookup} through the tracking features' own services. */
@Singleton
public class TrackingResourceLookup implements ResourceLookup {

  private final ExperimentService experiments;
  private final RunService runs;
  private final LoggedModelService loggedModels;
  private final ModelVersionService versions;
  private final TraceService traces;
  private final OnlineScoringService online;
  private final EvaluationDatasetService datasets;
  private final IssueService issues;

  public TrackingResourceLookup(
      ExperimentService experiments,
      RunService runs,
      LoggedModelService loggedModels,
      ModelVersionService versions,
      TraceService traces,
      OnlineScoringService online,
      EvaluationDatasetService datasets,
      IssueService issues) {
    this.issues = issues;
    this.traces = traces;
    this.online = online;
    this.datasets = datasets;
    this.versions = versions;
    this.experiments = experiments;
    this.runs = runs;
    this.loggedModels = loggedModels;
  }

  @Override
  public Optional<String> experimentOfRun(String runId) {
    return runs.experimentIdOf(runId);
  }

  @Override
  public Optional<String> experimentOfLoggedModel(String modelId) {
    try {
      return Optional.of(loggedModels.get(modelId, true).info().experimentId());
    } catch (MlflowException e) {
      // Unknown model: the handler answers 404 itself.
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> versionLocation(String name, String version) {
    try {
      return versions.storageLocation(name, version);
    } catch (MlflowException e) {
      // A bad version number: the handler answers 400 itself.
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> experimentIdByName(String name) {
    try {
      return experiments.findByName(name).map(e -> e.experimentId());
    } catch (MlflowException e) {
      return Optional.empty();
    }
  }

  @Override
  public java.util.List<String> experimentsOfDataset(String datasetId) {
    return datasets.experimentIds(datasetId);
  }

  @Override
  public Optional<String> experimentOfTrace(String traceId) {
    return traces.experimentOf(traceId);
  }

  @Override
  public List<String> experimentsOfScorerConfigs(List<String> scorerIds) {
    if (scorerIds.isEmpty()) {
      return List.of();
    }
    return online.configs(scorerIds).stream().map(c -> c.experimentId()).distinct().toList();
  }

  @Override
  public Optional<String> experimentOfIssue(String issueId) {
    return issues.experimentOf(issueId);
  }
}
