package io.homelab.observer.tracking.auth;

import java.util.List;
import java.util.Optional;

/**
 * Finds the experiment that owns a run or a logged model, or the id of an experiment by name, so a
 * run-level request is checked against its experiment's permission (MLflow: runs inherit).
 */
public interface ResourceLookup {

  Optional<String> experimentOfRun(String runId);

  Optional<String> experimentOfLoggedModel(String modelId);

  Optional<String> experimentIdByName(String name);

  /** The experiment a trace belongs to; empty for an unknown trace. */
  Optional<String> experimentOfTrace(String traceId);

  /** The experiments an evaluation dataset is linked to; empty for an unknown dataset. */
  java.util.List<String> experimentsOfDataset(String datasetId);

  /**
   * Where a model version's artifacts are stored (the location its artifact routes read), or empty
   * when there is no such version.
   */
  Optional<String> versionLocation(String name, String version);

  /**
   * The experiments of the online scoring configurations of these scorers (a scorer without one
   * adds none).
   */
  List<String> experimentsOfScorerConfigs(List<String> scorerIds);

  /** The experiment of a GenAI issue; empty when unknown. */
  Optional<String> experimentOfIssue(String issueId);
}
