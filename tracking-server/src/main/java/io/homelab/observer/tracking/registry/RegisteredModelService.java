package io.homelab.observer.tracking.registry;

import static io.homelab.observer.tracking.registry.RegistryValidation.modelNotFound;
import static io.homelab.observer.tracking.registry.RegistryValidation.versionNotFound;

import io.homelab.observer.common.jdbc.Jdbc;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.registry.RegistryModels.RegisteredModel;
import io.homelab.observer.tracking.search.MaxResults;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.StoreException;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * MLflow's registered models: create (firing {@link RegisteredModelCreated}), rename with
 * everything keyed by the name, tags, aliases, latest versions per stage, and search.
 *
 * <p>{@link #findModel} and {@link #searchModels} are the lookup API for other features (auth
 * checks registered-model permissions and filters search results).
 */
@Singleton
public class RegisteredModelService {

  static final int SEARCH_DEFAULT = 100;
  static final int SEARCH_MAX = 1000;

  private final Database db;
  private final RegistryStore store;
  private final ModelVersionStore versions;
  private final Event<RegisteredModelCreated> created;

  public RegisteredModelService(
      Database db,
      RegistryStore store,
      ModelVersionStore versions,
      Event<RegisteredModelCreated> created) {
    this.db = db;
    this.store = store;
    this.versions = versions;
    this.created = created;
  }

  /** The registered model, if it exists. */
  public Optional<RegisteredModel> findModel(String name) {
    return db.read(c -> store.findModel(c, name));
  }

  public RegisteredModel createModel(String name, List<KeyValue> tags, String description) {
    RegistryValidation.name(name);
    List<KeyValue> ts = RegistryValidation.tags(tags);
    long now = System.currentTimeMillis();
    RegisteredModel model;
    try {
      model =
          db.write(
              c -> {
                if (store.findModel(c, name).isPresent()) {
                  throw modelExists(name);
                }
                store.insertModel(c, name, now, description);
                for (KeyValue t : ts) {
                  store.setTag(c, name, t.key(), t.value());
                }
                return store.findModel(c, name).orElseThrow();
              });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)) {
        throw modelExists(name);
      }
      throw e;
    }
    created.fire(new RegisteredModelCreated(name));
    return model;
  }

  public RegisteredModel getModel(String name) {
    RegistryValidation.name(name);
    return findModel(name).orElseThrow(() -> modelNotFound(name));
  }

  public RegisteredModel rename(String name, String newName) {
    RegistryValidation.name(name);
    RegistryValidation.name(newName);
    return db.write(
        c -> {
          requireModel(c, name);
          if (store.findModel(c, newName).isPresent()) {
            throw modelExists(newName);
          }
          store.renameModel(c, name, newName, System.currentTimeMillis());
          return store.findModel(c, newName).orElseThrow();
        });
  }

  public RegisteredModel updateModel(String name, String description) {
    RegistryValidation.name(name);
    return db.write(
        c -> {
          requireModel(c, name);
          store.updateDescription(c, name, description, System.currentTimeMillis());
          return store.findModel(c, name).orElseThrow();
        });
  }

  public void deleteModel(String name) {
    RegistryValidation.name(name);
    db.write(
        c -> {
          requireModel(c, name);
          store.deleteModel(c, name);
          return null;
        });
  }

  public void setModelTag(String name, String key, String value) {
    RegistryValidation.name(name);
    RegistryValidation.tag(key, value);
    db.write(
        c -> {
          requireModel(c, name);
          store.setTag(c, name, key, value);
          return null;
        });
  }

  public void deleteModelTag(String name, String key) {
    RegistryValidation.name(name);
    db.write(
        c -> {
          requireModel(c, name);
          if (store.deleteTag(c, name, key) == 0) {
            throw MlflowException.notFound(
                "No tag with name: " + key + " in registered model with name " + name);
          }
          return null;
        });
  }

  public Page<RegisteredModel> searchModels(
      String filter, Long maxResults, List<String> orderBy, String pageToken) {
    int max = MaxResults.check(maxResults, SEARCH_DEFAULT, SEARCH_MAX, MaxResults.Wording.REGISTRY);
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    String sql = RegistrySearch.models(db.dialect(), filter, orderBy, max + 1, offset, args);
    return Page.of(db.read(c -> store.models(c, sql, args)), offset, max);
  }

  public List<ModelVersion> latestVersions(String name, List<String> stages) {
    RegisteredModel model = getModel(name);
    if (stages == null || stages.isEmpty()) {
      return model.latestVersions();
    }
    Set<String> wanted = new HashSet<>();
    for (String s : stages) {
      wanted.add(RegistryValidation.stage(s));
    }
    return model.latestVersions().stream().filter(v -> wanted.contains(v.currentStage())).toList();
  }

  public void setAlias(String name, String alias, String version) {
    RegistryValidation.alias(alias);
    int v = RegistryValidation.version(version);
    db.write(
        c -> {
          versions.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          store.setAlias(c, name, alias, v);
          store.touchModel(c, name, System.currentTimeMillis());
          return null;
        });
  }

  public void deleteAlias(String name, String alias) {
    RegistryValidation.alias(alias);
    db.write(
        c -> {
          requireModel(c, name);
          store.deleteAlias(c, name, alias);
          return null;
        });
  }

  public ModelVersion versionByAlias(String name, String alias) {
    RegistryValidation.name(name);
    Validation.required(alias, "alias");
    if (alias.equalsIgnoreCase("latest")) {
      // MLflow's reserved alias: the highest live version (prompts:/<name>@latest loads it).
      return getModel(name).latestVersions().stream()
          .max(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.version())))
          .orElseThrow(
              () -> MlflowException.notFound("Latest version not found for model " + name + "."));
    }
    return db.read(
        c -> {
          requireModel(c, name);
          int v =
              store
                  .aliasVersion(c, name, alias)
                  .orElseThrow(
                      () ->
                          MlflowException.invalid(
                              "Registered model alias " + alias + " not found."));
          return versions
              .findVersion(c, name, v)
              .orElseThrow(() -> versionNotFound(name, String.valueOf(v)));
        });
  }

  private void requireModel(Connection c, String name) throws SQLException {
    store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
  }

  private static MlflowException modelExists(String name) {
    return MlflowException.exists("Registered Model (name=" + name + ") already exists.");
  }
}
