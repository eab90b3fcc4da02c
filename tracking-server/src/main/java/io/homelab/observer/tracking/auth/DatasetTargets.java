package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AccessRules.Target;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The experiments an evaluation-dataset request touches (MLflow 3.17's auth app: datasets are
 * experiment-scoped). Empty means refuse: a dataset linked to no experiment, or a create, search or
 * add-experiments naming none, is for admins only.
 */
final class DatasetTargets {

  private DatasetTargets() {}

  static Optional<List<String>> resolve(
      Target target, CanonicalRequest fields, Optional<String> pathId, ResourceLookup lookup) {
    List<String> out = new ArrayList<>();
    if (target == Target.DATASET || target == Target.DATASET_AND_EXPERIMENTS) {
      List<String> linked = pathId.map(lookup::experimentsOfDataset).orElse(List.of());
      if (linked.isEmpty()) {
        return Optional.empty();
      }
      out.addAll(linked);
    }
    if (target == Target.DATASET_SCOPE || target == Target.DATASET_AND_EXPERIMENTS) {
      List<String> named = fields.all("experiment_ids");
      if (named.isEmpty()) {
        return Optional.empty();
      }
      out.addAll(named);
    }
    return Optional.of(out);
  }
}
