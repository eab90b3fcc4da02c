package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.artifact.ProxiedLocations;
import io.homelab.observer.tracking.artifact.UnsafeArtifactPathException;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.registry.PromptSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a model version's artifacts expose, as resources the caller must be able to READ: the
 * version's artifacts are served to anyone who may read the registered model, so a version may only
 * point at artifacts its creator could read (MLflow's server checks the equivalent), and every read
 * of a version's artifacts checks the experiment they live in again (grants change).
 *
 * <p>Sources are resolved the way the registry and the artifact routes resolve them: {@code
 * runs:/<run>/...} is the run's experiment, {@code models:/m-...} the logged model's, {@code
 * models:/<name>/...} that registered model, a proxied location ({@code mlflow-artifacts:}, or an
 * http(s) URL of this proxy) the experiment its path starts with ({@link ProxiedLocations}, the
 * mapping the download routes use). Any other location is never read by this server.
 */
final class VersionSources {

  /** A resource to READ; an empty id is an artifact path outside any experiment. */
  record Needed(Resource resource, Optional<String> id) {}

  private static final String RUNS = "runs:/";
  private static final String MODELS = "models:/";

  private final ResourceLookup lookup;

  VersionSources(ResourceLookup lookup) {
    this.lookup = lookup;
  }

  /**
   * What a new version with this source, run and logged model exposes; empty when the source is a
   * proxied location with an unsafe path (refused outright).
   */
  Optional<List<Needed>> ofNewVersion(
      Optional<String> source, Optional<String> runId, Optional<String> modelId) {
    List<Needed> needed = new ArrayList<>();
    runId.filter(r -> !r.isEmpty()).flatMap(lookup::experimentOfRun).ifPresent(e -> add(needed, e));
    modelId
        .filter(m -> !m.isEmpty())
        .flatMap(lookup::experimentOfLoggedModel)
        .ifPresent(e -> add(needed, e));
    if (source.isEmpty()) {
      return Optional.of(needed);
    }
    String s = source.get();
    if (PromptSources.isPlaceholder(s)) {
      // A prompt version's placeholder source exposes nothing (the handler refuses it for any
      // version that is not a prompt).
      return Optional.of(needed);
    }
    if (s.startsWith(RUNS)) {
      lookup
          .experimentOfRun(firstSegment(s.substring(RUNS.length())))
          .ifPresent(e -> add(needed, e));
      return Optional.of(needed);
    }
    if (s.startsWith(MODELS)) {
      String id = firstSegment(s.substring(MODELS.length()));
      if (id.startsWith("m-")) {
        lookup.experimentOfLoggedModel(id).ifPresent(e -> add(needed, e));
      } else if (!id.isEmpty()) {
        needed.add(new Needed(Resource.REGISTERED_MODEL, Optional.of(id)));
      }
      return Optional.of(needed);
    }
    return proxied(s, needed);
  }

  /** What reading the artifacts of an existing version exposes (its stored location). */
  Optional<List<Needed>> ofStoredVersion(String name, String version) {
    Optional<String> location = lookup.versionLocation(name, version);
    return location.isEmpty() ? Optional.of(List.of()) : proxied(location.get(), new ArrayList<>());
  }

  private static Optional<List<Needed>> proxied(String location, List<Needed> needed) {
    try {
      Optional<String> path = ProxiedLocations.rootRelative(location);
      if (path.isPresent()) {
        needed.add(new Needed(Resource.EXPERIMENT, AuthService.leadingExperimentId(path.get())));
      }
      return Optional.of(needed);
    } catch (UnsafeArtifactPathException e) {
      return Optional.empty();
    }
  }

  private static void add(List<Needed> needed, String experimentId) {
    needed.add(new Needed(Resource.EXPERIMENT, Optional.of(experimentId)));
  }

  private static String firstSegment(String rest) {
    String r = rest;
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    int slash = r.indexOf('/');
    return slash < 0 ? r : r.substring(0, slash);
  }
}
