package io.homelab.observer.tracking.scorers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.scorers.Scorers.Registered;
import io.homelab.observer.tracking.scorers.Scorers.ScorerVersion;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * MLflow 3's registered scorers (mlflow/store/tracking/sqlalchemy_store.py, {@code register_scorer}
 * to {@code delete_scorer}): a scorer is a name in an active experiment with numbered versions of
 * its serialized JSON; registering the same name again adds a version. The server stores scorers
 * for clients and never runs them.
 */
@Singleton
public class ScorerService {

  /** MLflow's scorer_name column width. */
  static final int MAX_NAME_LENGTH = 256;

  private final Database db;
  private final ScorerStore store;
  private final ExperimentService experiments;
  private final ObjectMapper json;
  private final Event<ScorerRegistered> registered;
  private final Event<ScorerDeleted> deleted;

  public ScorerService(
      Database db,
      ScorerStore store,
      ExperimentService experiments,
      ObjectMapper json,
      Event<ScorerRegistered> registered,
      Event<ScorerDeleted> deleted) {
    this.db = db;
    this.store = store;
    this.experiments = experiments;
    this.json = json;
    this.registered = registered;
    this.deleted = deleted;
  }

  /** Adds a version (1 for a new name) and returns it. */
  public Registered register(String experimentId, String name, String serialized) {
    Validation.required(experimentId, "experiment_id");
    Validation.required(name, "name");
    Validation.required(serialized, "serialized_scorer");
    ScorerPayload.check(json, serialized);
    checkName(name);
    long experiment = activeExperiment(experimentId);
    long now = System.currentTimeMillis();
    Registered version =
        db.write(
            c -> {
              String scorerId = store.scorerId(c, experiment, name).orElse(null);
              if (scorerId == null) {
                scorerId = UUID.randomUUID().toString();
                store.insertScorer(c, scorerId, experiment, name);
              }
              int next = store.maxVersion(c, scorerId) + 1;
              store.insertVersion(c, scorerId, next, serialized, now);
              return new Registered(
                  next, scorerId, String.valueOf(experiment), name, serialized, now);
            });
    registered.fire(new ScorerRegistered(version.experimentId(), name));
    return version;
  }

  /**
   * The latest version of each scorer: of one experiment, of the listed ones ({@code experimentIds}
   * non-null, deleted and unknown ones skipped), or of every active experiment.
   */
  public List<ScorerVersion> list(String experimentId, List<String> experimentIds) {
    boolean one = experimentId != null && !experimentId.isEmpty();
    if (one && experimentIds != null) {
      throw MlflowException.invalid(
          "Cannot specify both 'experiment_id' and 'experiment_ids'. Use 'experiment_ids' to scope"
              + " the query to multiple experiments, or 'experiment_id' to scope it to a single"
              + " experiment.");
    }
    if (experimentIds != null) {
      List<Long> ids =
          new LinkedHashSet<>(experimentIds).stream().map(ScorerService::listedExperiment).toList();
      return ids.isEmpty() ? List.of() : db.read(c -> store.latest(c, ids));
    }
    if (one) {
      long id = activeExperiment(experimentId);
      return db.read(c -> store.latest(c, List.of(id)));
    }
    return db.read(c -> store.latest(c, null));
  }

  /** Every version of a scorer, oldest first. */
  public List<ScorerVersion> versions(String experimentId, String name) {
    Validation.required(experimentId, "experiment_id");
    Validation.required(name, "name");
    long experiment = activeExperiment(experimentId);
    List<ScorerVersion> versions =
        db.read(c -> store.versions(c, existing(c, experiment, experimentId, name)));
    if (versions.isEmpty()) {
      throw notFound(experimentId, name);
    }
    return versions;
  }

  /** One version of a scorer, the latest when {@code version} is absent. */
  public ScorerVersion get(String experimentId, String name, String version) {
    Validation.required(experimentId, "experiment_id");
    Validation.required(name, "name");
    Integer number = versionNumber(version);
    long experiment = activeExperiment(experimentId);
    return db.read(
        c ->
            store
                .version(c, existing(c, experiment, experimentId, name), number)
                .orElseThrow(() -> notFound(experimentId, name, number)));
  }

  /** Deletes one version, or the whole scorer (its versions and online configuration). */
  public void delete(String experimentId, String name, String version) {
    Validation.required(experimentId, "experiment_id");
    Validation.required(name, "name");
    Integer number = versionNumber(version);
    long experiment = activeExperiment(experimentId);
    db.write(
        c -> {
          String scorerId = existing(c, experiment, experimentId, name);
          if (number != null) {
            if (!store.deleteVersion(c, scorerId, number)) {
              throw notFound(experimentId, name, number);
            }
          } else if (store.versions(c, scorerId).isEmpty()) {
            throw notFound(experimentId, name);
          } else {
            store.deleteScorer(c, scorerId);
          }
          return null;
        });
    if (number == null) {
      deleted.fire(new ScorerDeleted(String.valueOf(experiment), name));
    }
  }

  /** The id of an active experiment, or MLflow's not-found / not-active error. */
  long activeExperiment(String experimentId) {
    return Long.parseLong(experiments.requireActive(experimentId).experimentId());
  }

  /** The id of the named scorer inside a transaction, or MLflow's not-found error. */
  String existing(Connection c, long experiment, String experimentId, String name)
      throws SQLException {
    return store.scorerId(c, experiment, name).orElseThrow(() -> notFound(experimentId, name));
  }

  static MlflowException notFound(String experimentId, String name) {
    return MlflowException.notFound(
        "Scorer with name '" + name + "' not found for experiment " + experimentId + ".");
  }

  private static MlflowException notFound(String experimentId, String name, Integer version) {
    if (version == null) {
      return notFound(experimentId, name);
    }
    return MlflowException.notFound(
        "Scorer with name '"
            + name
            + "' and version "
            + version
            + " not found for experiment "
            + experimentId
            + ".");
  }

  private static void checkName(String name) {
    if (name.isBlank()) {
      throw MlflowException.invalid("Scorer name cannot be empty or contain only whitespace.");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      // MLflow's column is 256 wide; PostgreSQL would refuse a longer name with a 500.
      throw MlflowException.invalid(
          "Scorer name must be at most " + MAX_NAME_LENGTH + " characters.");
    }
  }

  /** An id of ListScorers' {@code experiment_ids}: MLflow's {@code _validate_experiment_id}. */
  private static long listedExperiment(String id) {
    if (id == null || !id.matches("[a-zA-Z0-9][\\w\\-]{0,63}")) {
      throw MlflowException.invalid("Invalid experiment ID: '" + id + "'");
    }
    return Validation.experimentId(id);
  }

  /** The optional int32 {@code version} field, checked as MLflow's {@code _assert_intlike}. */
  private static Integer versionNumber(String version) {
    if (version == null || version.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(version.trim());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid(
          "Invalid value \""
              + version
              + "\" for parameter 'version' supplied:  Hint: Value was of type 'str'. See the API"
              + " docs for more information about request parameters.");
    }
  }
}
