package io.homelab.observer.tracking.graphql;

import io.homelab.observer.tracking.auth.AuthService;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.auth.ResourceLookup;
import io.homelab.observer.tracking.auth.User;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The permission checks of MLflow's GraphQL authorisation middleware, on the same grants and
 * default permission as the REST routes ({@link AuthService#effective}). An empty caller means auth
 * is off: everything is readable. As in MLflow, a denied field answers null without an error.
 */
@Singleton
public class GraphqlAccess {

  private final AuthService auth;
  private final ResourceLookup lookup;

  public GraphqlAccess(AuthService auth, ResourceLookup lookup) {
    this.auth = auth;
    this.lookup = lookup;
  }

  boolean canReadExperiment(Optional<User> caller, String experimentId) {
    return caller.isEmpty()
        || auth.effective(caller.get(), Resource.EXPERIMENT, experimentId).allows(Action.READ);
  }

  /** A run is readable through its experiment; an unknown run is not (MLflow answers null). */
  boolean canReadRun(Optional<User> caller, String runId) {
    if (caller.isEmpty() || caller.get().admin()) {
      return true;
    }
    return lookup
        .experimentOfRun(runId)
        .map(experiment -> canReadExperiment(caller, experiment))
        .orElse(false);
  }

  boolean canReadModel(Optional<User> caller, String name) {
    return caller.isEmpty()
        || auth.effective(caller.get(), Resource.REGISTERED_MODEL, name).allows(Action.READ);
  }

  /** The experiments of a search the caller may read (MLflow narrows the search to them). */
  List<String> readableExperiments(Optional<User> caller, List<String> experimentIds) {
    return experimentIds.stream().filter(id -> canReadExperiment(caller, id)).toList();
  }
}
