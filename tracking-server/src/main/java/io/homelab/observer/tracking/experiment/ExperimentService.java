package io.homelab.observer.tracking.experiment;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.search.ViewType;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.StoreException;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Experiments as MLflow's SQL store handles them: sequential integer ids rendered as strings, the
 * default experiment "0", soft delete cascading to runs, MLflow's validation and messages.
 *
 * <p>Public methods are also the lookup API for other features (auth asks {@link #find} and {@link
 * #findByName}; runs call {@link #requireActive}).
 */
@Startup
@Singleton
public class ExperimentService {

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  static final int SEARCH_DEFAULT = 1000;
  static final int SEARCH_MAX = 50000;

  private final Database db;
  private final ExperimentStore store;
  private final Event<ExperimentCreated> created;

  public ExperimentService(Database db, ExperimentStore store, Event<ExperimentCreated> created) {
    this.db = db;
    this.store = store;
    this.created = created;
  }

  /** MLflow clients assume experiment "0" ("Default") exists; create it on first start. */
  @PostConstruct
  void ensureDefaultExperiment() {
    db.write(
        c -> {
          store.insertDefault(c, System.currentTimeMillis());
          return null;
        });
  }

  /** Creates an experiment and returns its id. */
  public String create(String name, String artifactLocation, List<KeyValue> tags) {
    validateName(name);
    if (artifactLocation != null && !artifactLocation.isEmpty()) {
      validateArtifactLocation(artifactLocation);
    }
    List<KeyValue> tagList = tags == null ? List.of() : tags;
    for (KeyValue t : tagList) {
      validateTag(t.key(), t.value());
    }
    String id;
    try {
      id =
          db.write(
              c -> {
                if (store.findByName(c, name).isPresent()) {
                  throw MlflowException.exists("Experiment(name=" + name + ") already exists.");
                }
                long newId = store.nextId(c);
                String location =
                    artifactLocation == null || artifactLocation.isEmpty()
                        ? "mlflow-artifacts:/" + newId
                        : resolveIfLocal(artifactLocation);
                store.insert(c, newId, name, location, System.currentTimeMillis());
                for (KeyValue t : tagList) {
                  store.setTag(c, newId, t.key(), t.value());
                }
                return String.valueOf(newId);
              });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)) {
        // PostgreSQL: two concurrent creates of one name; the loser gets MLflow's answer.
        throw MlflowException.exists("Experiment(name=" + name + ") already exists.");
      }
      throw e;
    }
    created.fire(new ExperimentCreated(id, name));
    return id;
  }

  /** The experiment with this id, whatever its lifecycle stage. */
  public Optional<Experiment> find(String experimentId) {
    long id = Validation.experimentId(experimentId);
    return db.read(c -> store.find(c, id));
  }

  /** The experiment or RESOURCE_DOES_NOT_EXIST. */
  public Experiment get(String experimentId) {
    return find(experimentId).orElseThrow(() -> notFound(experimentId));
  }

  /** The experiment with this name (an active one preferred over a deleted one). */
  public Optional<Experiment> findByName(String name) {
    return db.read(c -> store.findByName(c, name));
  }

  /** By name or RESOURCE_DOES_NOT_EXIST with MLflow's message. */
  public Experiment getByName(String name) {
    return findByName(name)
        .orElseThrow(
            () -> MlflowException.notFound("Could not find experiment with name '" + name + "'"));
  }

  /** Throws unless the experiment exists and is active (runs may only be created in those). */
  public Experiment requireActive(String experimentId) {
    Experiment e = get(experimentId);
    checkActive(e, experimentId);
    return e;
  }

  /** Inside a transaction: the experiment or RESOURCE_DOES_NOT_EXIST. */
  private Experiment existing(Connection c, long id, String experimentId) throws SQLException {
    return store.find(c, id).orElseThrow(() -> notFound(experimentId));
  }

  private static MlflowException notFound(String experimentId) {
    return MlflowException.notFound("No Experiment with id=" + experimentId + " exists");
  }

  /** MLflow refuses changes to a deleted experiment with this message. */
  private static void checkActive(Experiment e, String experimentId) {
    if (!e.active()) {
      throw MlflowException.invalid(
          "The experiment "
              + experimentId
              + " must be in the 'active' state. Current state is "
              + e.lifecycleStage()
              + ".");
    }
  }

  /** Searches experiments with MLflow's filter grammar, ordering and page tokens. */
  public Page<Experiment> search(
      String filter, List<String> orderBy, Long maxResults, String pageToken, String viewType) {
    int max = MaxResults.check(maxResults, SEARCH_DEFAULT, SEARCH_MAX, MaxResults.Wording.TRACKING);
    ViewType view = ViewType.parse(viewType);
    List<Clause> clauses = FilterParser.parse(filter);
    List<OrderBy> order =
        orderBy == null
            ? List.of()
            : orderBy.stream()
                .map(FilterParser::orderBy)
                .map(ExperimentStore::checkOrderBy)
                .toList();
    int offset = PageToken.offset(pageToken);
    List<Experiment> fetched =
        db.read(c -> store.search(c, view.stages(), clauses, order, max, offset));
    return Page.of(fetched, offset, max);
  }

  /** Renames an active experiment. */
  public void rename(String experimentId, String newName) {
    validateName(newName);
    long id = Validation.experimentId(experimentId);
    db.write(
        c -> {
          Experiment e = existing(c, id, experimentId);
          if (!e.active()) {
            throw MlflowException.invalid("Cannot rename a non-active experiment.");
          }
          Optional<Experiment> clash = store.findByName(c, newName);
          if (clash.isPresent() && !clash.get().experimentId().equals(e.experimentId())) {
            throw MlflowException.exists("Experiment(name=" + newName + ") already exists.");
          }
          store.rename(c, id, newName, System.currentTimeMillis());
          return null;
        });
  }

  /** Soft-deletes an experiment and its runs. */
  public void delete(String experimentId) {
    long id = Validation.experimentId(experimentId);
    db.write(
        c -> {
          existing(c, id, experimentId);
          long now = System.currentTimeMillis();
          store.setLifecycle(c, id, Experiment.DELETED, now);
          Jdbc.update(
              c,
              "UPDATE runs SET lifecycle_stage = 'deleted', deleted_time = ? WHERE experiment_id = ? AND lifecycle_stage = 'active'",
              now,
              id);
          return null;
        });
  }

  /** Restores a deleted experiment and its deleted runs. */
  public void restore(String experimentId) {
    long id = Validation.experimentId(experimentId);
    db.write(
        c -> {
          Experiment e = existing(c, id, experimentId);
          if (e.active()) {
            throw MlflowException.invalid(
                "Cannot restore an active experiment. Experiment id="
                    + experimentId
                    + " is active.");
          }
          store.setLifecycle(c, id, Experiment.ACTIVE, System.currentTimeMillis());
          Jdbc.update(
              c,
              "UPDATE runs SET lifecycle_stage = 'active', deleted_time = NULL WHERE experiment_id = ? AND lifecycle_stage = 'deleted'",
              id);
          return null;
        });
  }

  /** Sets (upserts) an experiment tag on an active experiment. */
  public void setTag(String experimentId, String key, String value) {
    validateTag(key, value);
    long id = Validation.experimentId(experimentId);
    db.write(
        c -> {
          checkActive(existing(c, id, experimentId), experimentId);
          store.setTag(c, id, key, value);
          return null;
        });
  }

  /** Deletes an experiment tag; a missing tag is RESOURCE_DOES_NOT_EXIST. */
  public void deleteTag(String experimentId, String key) {
    long id = Validation.experimentId(experimentId);
    db.write(
        c -> {
          checkActive(existing(c, id, experimentId), experimentId);
          if (store.deleteTag(c, id, key) == 0) {
            throw MlflowException.notFound(
                "No tag with name: " + key + " in experiment with id " + experimentId);
          }
          return null;
        });
  }

  static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw MlflowException.invalid(
          "Invalid experiment name: '" + (name == null ? "None" : name) + "'");
    }
    Validation.maxLength("name", Validation.MAX_EXPERIMENT_NAME_LENGTH, name);
  }

  private static void validateTag(String key, String value) {
    Validation.key(key, "key", "Tag");
    Validation.maxLength("key", Validation.MAX_EXPERIMENT_TAG_KEY_LENGTH, key);
    Validation.maxLength("value", Validation.MAX_EXPERIMENT_TAG_VAL_LENGTH, value);
  }

  /**
   * MLflow's {@code resolve_uri_if_local}: a relative path without a scheme is made absolute
   * against the server's working directory, so the stored location means one place whoever reads
   * it. The server itself never reads such a location (only the proxy's are served).
   */
  static String resolveIfLocal(String location) {
    if (SCHEME.matcher(location).lookingAt() || location.startsWith("/")) {
      return location;
    }
    return Path.of("").toAbsolutePath().resolve(location).normalize().toString();
  }

  /**
   * MLflow's artifact-location checks (CVE-2023-6909 family): no {@code runs:} URIs, no fragments
   * or query strings that could smuggle a path past validation, no {@code ..} segments.
   */
  static void validateArtifactLocation(String location) {
    if (location.startsWith("runs:")) {
      throw MlflowException.invalid(
          "Artifact location cannot be a runs:/ URI. Given: '" + location + "'");
    }
    if (location.contains("#") || location.contains("?") || location.indexOf('\0') >= 0) {
      throw MlflowException.invalid(
          "'artifact_location' URL can't include fragments or params. Given: '" + location + "'");
    }
    for (String segment : location.replace('\\', '/').split("/")) {
      if (segment.equals("..")) {
        throw MlflowException.invalid(
            "'artifact_location' must not contain '..' path segments. Given: '" + location + "'");
      }
    }
  }
}
