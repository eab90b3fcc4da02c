package io.homelab.observer.tracking.registry;

import static io.homelab.observer.tracking.registry.RegistryValidation.modelNotFound;
import static io.homelab.observer.tracking.registry.RegistryValidation.versionNotFound;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.loggedmodel.LoggedModelService;
import io.homelab.observer.tracking.registry.ModelVersionStore.NewVersion;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MLflow's model versions: numbered from 1 per model, stages (with archiving of the others), tags,
 * soft delete that never reuses a number, download URIs, and search.
 *
 * <p>{@link #storageLocation} is the lookup API of the artifact feature
 * (model-versions/get-artifact).
 */
@Singleton
public class ModelVersionService {

  static final int SEARCH_DEFAULT = 10000;
  static final int SEARCH_MAX = 200000;

  private final Database db;
  private final ModelVersionStore store;
  private final RegistryStore models;
  private final RunService runs;
  private final LoggedModelService loggedModels;

  public ModelVersionService(
      Database db,
      ModelVersionStore store,
      RegistryStore models,
      RunService runs,
      LoggedModelService loggedModels) {
    this.db = db;
    this.store = store;
    this.models = models;
    this.runs = runs;
    this.loggedModels = loggedModels;
  }

  /** Where a version's artifacts live (its storage location, else its source), if it exists. */
  public Optional<String> storageLocation(String name, String version) {
    int v = RegistryValidation.version(version);
    return db.read(c -> store.storageLocation(c, name, v));
  }

  public ModelVersion createVersion(
      String name,
      String source,
      String runId,
      List<KeyValue> tags,
      String runLink,
      String description,
      String modelId) {
    RegistryValidation.name(name);
    Validation.required(source, "source");
    // A prompt version (MLflow's prompt registry) stores its template in tags; its source is a
    // placeholder that names nothing to read, so it is stored as is.
    boolean prompt = RegistryValidation.isPrompt(tags);
    if (prompt) {
      RegistryValidation.promptSource(source);
    } else {
      RegistryValidation.source(source);
    }
    List<KeyValue> ts = RegistryValidation.tags(tags);
    String storage = prompt ? source : resolveStorage(source);
    long now = System.currentTimeMillis();
    return db.write(
        c -> {
          models.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          int version = store.nextVersion(c, name);
          store.insertVersion(
              c,
              new NewVersion(
                  name,
                  version,
                  now,
                  description,
                  source,
                  emptyToNull(runId),
                  emptyToNull(runLink),
                  storage,
                  emptyToNull(modelId)));
          for (KeyValue t : ts) {
            store.setTag(c, name, version, t.key(), t.value());
          }
          models.touchModel(c, name, now);
          if (modelId != null && !modelId.isEmpty()) {
            // Nested write: joins this transaction, so the tag and the version commit together.
            loggedModels.recordModelVersion(modelId, name, version);
          }
          return store.findVersion(c, name, version).orElseThrow();
        });
  }

  public ModelVersion getVersion(String name, String version) {
    RegistryValidation.name(name);
    int v = RegistryValidation.version(version);
    return db.read(c -> store.findVersion(c, name, v))
        .orElseThrow(() -> versionNotFound(name, version));
  }

  public ModelVersion updateVersion(String name, String version, String description) {
    int v = RegistryValidation.version(version);
    return db.write(
        c -> {
          requireVersion(c, name, v, version);
          store.updateDescription(c, name, v, description, System.currentTimeMillis());
          return store.findVersion(c, name, v).orElseThrow();
        });
  }

  public ModelVersion transition(
      String name, String version, String stage, boolean archiveExisting) {
    int v = RegistryValidation.version(version);
    String target = RegistryValidation.stage(Validation.required(stage, "stage"));
    return db.write(
        c -> {
          requireVersion(c, name, v, version);
          long now = System.currentTimeMillis();
          if (archiveExisting && (target.equals("Staging") || target.equals("Production"))) {
            store.archiveOthers(c, name, v, target, now);
          }
          store.setStage(c, name, v, target, now);
          models.touchModel(c, name, now);
          return store.findVersion(c, name, v).orElseThrow();
        });
  }

  /** Soft delete, as MLflow: the version disappears, its number is never reused. */
  public void deleteVersion(String name, String version) {
    int v = RegistryValidation.version(version);
    db.write(
        c -> {
          requireVersion(c, name, v, version);
          long now = System.currentTimeMillis();
          store.softDelete(c, name, v, now);
          models.touchModel(c, name, now);
          return null;
        });
  }

  public String downloadUri(String name, String version) {
    return storageLocation(name, version).orElseThrow(() -> versionNotFound(name, version));
  }

  public void setVersionTag(String name, String version, String key, String value) {
    int v = RegistryValidation.version(version);
    RegistryValidation.tag(key, value);
    db.write(
        c -> {
          requireVersion(c, name, v, version);
          store.setTag(c, name, v, key, value);
          return null;
        });
  }

  public void deleteVersionTag(String name, String version, String key) {
    int v = RegistryValidation.version(version);
    db.write(
        c -> {
          requireVersion(c, name, v, version);
          if (store.deleteTag(c, name, v, key) == 0) {
            throw MlflowException.notFound(
                "No tag with name: "
                    + key
                    + " in model version with name "
                    + name
                    + " and version "
                    + version);
          }
          return null;
        });
  }

  public Page<ModelVersion> searchVersions(
      String filter, Long maxResults, List<String> orderBy, String pageToken) {
    int max = MaxResults.check(maxResults, SEARCH_DEFAULT, SEARCH_MAX, MaxResults.Wording.REGISTRY);
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    String where = RegistrySearch.versions(db.dialect(), filter, orderBy, max + 1, offset, args);
    return Page.of(db.read(c -> store.versions(c, where, args)), offset, max);
  }

  /**
   * Where a new version's artifacts are: {@code models:/m-...} resolves to the logged model's
   * location, {@code runs:/<run>/<path>} to the run's artifact URI plus the path; anything else is
   * the source itself. The server never reads a source; this only answers get-download-uri.
   */
  private String resolveStorage(String source) {
    if (source.startsWith("models:/m-")) {
      String id = source.substring("models:/".length()).split("/")[0];
      try {
        return loggedModels.get(id, false).info().artifactUri();
      } catch (MlflowException e) {
        return source;
      }
    }
    if (source.startsWith("runs:/")) {
      String rest = source.substring("runs:/".length());
      int slash = rest.indexOf('/');
      String runId = slash < 0 ? rest : rest.substring(0, slash);
      String path = slash < 0 ? "" : rest.substring(slash + 1);
      return runs.artifactUri(runId).map(u -> path.isEmpty() ? u : u + "/" + path).orElse(source);
    }
    return source;
  }

  private void requireVersion(Connection c, String name, int v, String version)
      throws SQLException {
    store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
