package io.homelab.observer.tracking.registry;

import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.loggedmodel.LoggedModelService;
import io.homelab.observer.tracking.registry.RegistryModels.ModelVersion;
import io.homelab.observer.tracking.registry.RegistryModels.RegisteredModel;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.search.Clause;
import io.homelab.observer.tracking.search.FilterParser;
import io.homelab.observer.tracking.search.OrderBy;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.search.SqlText;
import io.homelab.observer.tracking.store.Database;
import io.homelab.observer.tracking.store.Jdbc;
import io.homelab.observer.tracking.store.StoreException;
import io.homelab.observer.tracking.wire.KeyValue;
import io.homelab.observer.tracking.wire.Validation;
import jakarta.enterprise.event.Event;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MLflow's model registry on the SQL store: registered models with tags and aliases, versions
 * numbered from 1 per model, stages, soft-deleted versions, and MLflow's search grammar for both.
 *
 * <p>{@link #findModel} and {@link #storageLocation} are the lookup API for other features (auth
 * checks registered-model permissions; the artifact feature serves model-versions/get-artifact).
 */
@Singleton
public class RegistryService {

  static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");
  private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
  private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");

  private final Database db;
  private final RegistryStore store;
  private final RunService runs;
  private final LoggedModelService loggedModels;
  private final Event<RegisteredModelCreated> created;

  public RegistryService(
      Database db,
      RegistryStore store,
      RunService runs,
      LoggedModelService loggedModels,
      Event<RegisteredModelCreated> created) {
    this.db = db;
    this.store = store;
    this.runs = runs;
    this.loggedModels = loggedModels;
    this.created = created;
  }

  /** The registered model, if it exists. */
  public Optional<RegisteredModel> findModel(String name) {
    return db.read(c -> store.findModel(c, name));
  }

  /** Where a version's artifacts live (its storage location, else its source), if it exists. */
  public Optional<String> storageLocation(String name, String version) {
    int v = parseVersion(version);
    return db.read(c -> store.storageLocation(c, name, v));
  }

  public RegisteredModel createModel(String name, List<KeyValue> tags, String description) {
    validateName(name);
    List<KeyValue> ts = validTags(tags);
    long now = System.currentTimeMillis();
    RegisteredModel model;
    try {
      model =
          db.write(
              c -> {
                if (store.findModel(c, name).isPresent()) {
                  throw MlflowException.exists(
                      "Registered Model (name=" + name + ") already exists.");
                }
                Jdbc.update(
                    c,
                    "INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)",
                    name,
                    now,
                    now,
                    description);
                for (KeyValue t : ts) {
                  store.upsertTag(
                      c, "registered_model_tags", "name", List.of(name), t.key(), t.value());
                }
                return store.findModel(c, name).orElseThrow();
              });
    } catch (StoreException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.isUniqueViolation(sql)) {
        throw MlflowException.exists("Registered Model (name=" + name + ") already exists.");
      }
      throw e;
    }
    created.fire(new RegisteredModelCreated(name));
    return model;
  }

  public RegisteredModel getModel(String name) {
    validateName(name);
    return findModel(name).orElseThrow(() -> modelNotFound(name));
  }

  public RegisteredModel rename(String name, String newName) {
    validateName(name);
    validateName(newName);
    return db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          if (store.findModel(c, newName).isPresent()) {
            throw MlflowException.exists("Registered Model (name=" + newName + ") already exists.");
          }
          long now = System.currentTimeMillis();
          Jdbc.update(
              c,
              "INSERT INTO registered_models (name, creation_time, last_updated_time, description)"
                  + " SELECT ?, creation_time, ?, description FROM registered_models WHERE name = ?",
              newName,
              now,
              name);
          for (String table :
              List.of(
                  "registered_model_tags",
                  "model_versions",
                  "model_version_tags",
                  "registered_model_aliases")) {
            Jdbc.update(c, "UPDATE " + table + " SET name = ? WHERE name = ?", newName, name);
          }
          Jdbc.update(c, "DELETE FROM registered_models WHERE name = ?", name);
          return store.findModel(c, newName).orElseThrow();
        });
  }

  public RegisteredModel updateModel(String name, String description) {
    validateName(name);
    return db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          Jdbc.update(
              c,
              "UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?",
              description,
              System.currentTimeMillis(),
              name);
          return store.findModel(c, name).orElseThrow();
        });
  }

  public void deleteModel(String name) {
    validateName(name);
    db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          for (String table :
              List.of(
                  "registered_model_tags",
                  "model_version_tags",
                  "registered_model_aliases",
                  "model_versions",
                  "registered_models")) {
            Jdbc.update(c, "DELETE FROM " + table + " WHERE name = ?", name);
          }
          return null;
        });
  }

  public void setModelTag(String name, String key, String value) {
    validateName(name);
    validateRegistryTag(key, value);
    db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          store.upsertTag(c, "registered_model_tags", "name", List.of(name), key, value);
          return null;
        });
  }

  public void deleteModelTag(String name, String key) {
    validateName(name);
    db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          if (Jdbc.update(
                  c, "DELETE FROM registered_model_tags WHERE name = ? AND key = ?", name, key)
              == 0) {
            throw MlflowException.notFound(
                "No tag with name: " + key + " in registered model with name " + name);
          }
          return null;
        });
  }

  public Page<RegisteredModel> searchModels(
      String filter, Long maxResults, List<String> orderBy, String pageToken) {
    int max = maxResults == null ? 100 : maxResults.intValue();
    if (max < 1 || max > 1000) {
      throw MlflowException.invalid(
          "Invalid value for request parameter max_results. It must be at most 1000, but got value "
              + maxResults);
    }
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT m.name, m.creation_time, m.last_updated_time, m.description FROM registered_models m WHERE 1 = 1");
    for (Clause clause : FilterParser.parse(filter)) {
      sql.append(" AND ").append(modelCondition(clause, args));
    }
    List<String> order = new ArrayList<>();
    boolean hasName = false;
    for (String entry : orderBy == null ? List.<String>of() : orderBy) {
      OrderBy o = FilterParser.orderBy(entry);
      String column =
          switch (o.key()) {
            case "name" -> "m.name";
            case "last_updated_timestamp", "timestamp" -> "m.last_updated_time";
            case "creation_timestamp" -> "m.creation_time";
            default ->
                throw MlflowException.invalid(
                    "Invalid order by key '"
                        + o.key()
                        + "' specified. Valid keys are "
                        + "'{'name', 'last_updated_timestamp', 'timestamp'}'");
          };
      hasName |= column.equals("m.name");
      order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }
    if (!hasName) {
      order.add("m.name ASC");
    }
    sql.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(max + 1);
    args.add(offset);
    List<RegisteredModel> found =
        db.read(
            c ->
                store.assemble(
                    c,
                    Jdbc.query(
                        c,
                        sql.toString(),
                        args,
                        rs ->
                            new Object[] {
                              rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)
                            })));
    return Page.of(found, offset, max);
  }

  public List<ModelVersion> latestVersions(String name, List<String> stages) {
    RegisteredModel model = getModel(name);
    if (stages == null || stages.isEmpty()) {
      return model.latestVersions();
    }
    Set<String> wanted = new java.util.HashSet<>();
    for (String s : stages) {
      wanted.add(canonicalStage(s));
    }
    return model.latestVersions().stream().filter(v -> wanted.contains(v.currentStage())).toList();
  }

  public ModelVersion createVersion(
      String name,
      String source,
      String runId,
      List<KeyValue> tags,
      String runLink,
      String description,
      String modelId) {
    validateName(name);
    Validation.required(source, "source");
    validateSource(source);
    List<KeyValue> ts = new ArrayList<>();
    for (KeyValue t : tags == null ? List.<KeyValue>of() : tags) {
      validateRegistryTag(t.key(), t.value());
      ts.add(t);
    }
    String storage = resolveStorage(source);
    long now = System.currentTimeMillis();
    return db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          int version = store.nextVersion(c, name);
          Jdbc.update(
              c,
              "INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage,"
                  + " source, run_id, status, status_message, run_link, storage_location, model_id)"
                  + " VALUES (?, ?, ?, ?, ?, NULL, 'None', ?, ?, 'READY', NULL, ?, ?, ?)",
              name,
              version,
              now,
              now,
              description,
              source,
              emptyToNull(runId),
              emptyToNull(runLink),
              storage,
              emptyToNull(modelId));
          for (KeyValue t : ts) {
            store.upsertTag(
                c,
                "model_version_tags",
                "name, version",
                List.of(name, version),
                t.key(),
                t.value());
          }
          store.touchModel(c, name, now);
          return store.findVersion(c, name, version).orElseThrow();
        });
  }

  public ModelVersion getVersion(String name, String version) {
    validateName(name);
    int v = parseVersion(version);
    return db.read(c -> store.findVersion(c, name, v))
        .orElseThrow(() -> versionNotFound(name, version));
  }

  public ModelVersion updateVersion(String name, String version, String description) {
    int v = parseVersion(version);
    return db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          Jdbc.update(
              c,
              "UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ? AND version = ?",
              description,
              System.currentTimeMillis(),
              name,
              v);
          return store.findVersion(c, name, v).orElseThrow();
        });
  }

  public ModelVersion transition(
      String name, String version, String stage, boolean archiveExisting) {
    int v = parseVersion(version);
    String target = canonicalStage(Validation.required(stage, "stage"));
    return db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          long now = System.currentTimeMillis();
          if (archiveExisting && (target.equals("Staging") || target.equals("Production"))) {
            Jdbc.update(
                c,
                "UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ?"
                    + " WHERE name = ? AND version <> ? AND current_stage = ?",
                now,
                name,
                v,
                target);
          }
          Jdbc.update(
              c,
              "UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ? AND version = ?",
              target,
              now,
              name,
              v);
          store.touchModel(c, name, now);
          return store.findVersion(c, name, v).orElseThrow();
        });
  }

  /** Soft delete, as MLflow: the version disappears, its number is never reused. */
  public void deleteVersion(String name, String version) {
    int v = parseVersion(version);
    db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          long now = System.currentTimeMillis();
          Jdbc.update(
              c,
              "UPDATE model_versions SET current_stage = ?, description = NULL, user_id = NULL, source = 'REDACTED-SOURCE-PATH',"
                  + " run_id = 'REDACTED-RUN-ID', run_link = 'REDACTED-RUN-LINK', status_message = NULL, storage_location = NULL,"
                  + " last_updated_time = ? WHERE name = ? AND version = ?",
              RegistryStore.DELETED_STAGE,
              now,
              name,
              v);
          Jdbc.update(c, "DELETE FROM model_version_tags WHERE name = ? AND version = ?", name, v);
          Jdbc.update(
              c, "DELETE FROM registered_model_aliases WHERE name = ? AND version = ?", name, v);
          store.touchModel(c, name, now);
          return null;
        });
  }

  public String downloadUri(String name, String version) {
    int v = parseVersion(version);
    return db.read(c -> store.storageLocation(c, name, v))
        .orElseThrow(() -> versionNotFound(name, version));
  }

  public void setVersionTag(String name, String version, String key, String value) {
    int v = parseVersion(version);
    validateRegistryTag(key, value);
    db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          store.upsertTag(c, "model_version_tags", "name, version", List.of(name, v), key, value);
          return null;
        });
  }

  public void deleteVersionTag(String name, String version, String key) {
    int v = parseVersion(version);
    db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          if (Jdbc.update(
                  c,
                  "DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?",
                  name,
                  v,
                  key)
              == 0) {
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

  public void setAlias(String name, String alias, String version) {
    validateAlias(alias);
    int v = parseVersion(version);
    db.write(
        c -> {
          store.findVersion(c, name, v).orElseThrow(() -> versionNotFound(name, version));
          Jdbc.update(
              c,
              "INSERT INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)"
                  + " ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version",
              name,
              alias,
              v);
          store.touchModel(c, name, System.currentTimeMillis());
          return null;
        });
  }

  public void deleteAlias(String name, String alias) {
    validateAlias(alias);
    db.write(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          Jdbc.update(
              c, "DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?", name, alias);
          return null;
        });
  }

  public ModelVersion versionByAlias(String name, String alias) {
    validateName(name);
    Validation.required(alias, "alias");
    return db.read(
        c -> {
          store.findModel(c, name).orElseThrow(() -> modelNotFound(name));
          Optional<Integer> v =
              Jdbc.first(
                  c,
                  "SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?",
                  rs -> rs.getInt(1),
                  name,
                  alias);
          if (v.isEmpty()) {
            throw MlflowException.invalid("Registered model alias " + alias + " not found.");
          }
          return store
              .findVersion(c, name, v.get())
              .orElseThrow(() -> versionNotFound(name, String.valueOf(v.get())));
        });
  }

  public Page<ModelVersion> searchVersions(
      String filter, Long maxResults, List<String> orderBy, String pageToken) {
    int max = maxResults == null ? 10000 : maxResults.intValue();
    if (max < 1 || max > 200000) {
      throw MlflowException.invalid(
          "Invalid value for request parameter max_results. It must be at most 200000, but got value "
              + maxResults);
    }
    int offset = PageToken.offset(pageToken);
    List<Object> args = new ArrayList<>();
    args.add(RegistryStore.DELETED_STAGE);
    StringBuilder where = new StringBuilder("v.current_stage <> ?");
    for (Clause clause : FilterParser.parse(filter)) {
      where.append(" AND ").append(versionCondition(clause, args));
    }
    List<String> order = new ArrayList<>();
    for (String entry : orderBy == null ? List.<String>of() : orderBy) {
      OrderBy o = FilterParser.orderBy(entry);
      String column =
          switch (o.key()) {
            case "name" -> "v.name";
            case "version_number" -> "v.version";
            case "creation_timestamp" -> "v.creation_time";
            case "last_updated_timestamp", "timestamp" -> "v.last_updated_time";
            default ->
                throw MlflowException.invalid("Invalid order by key '" + o.key() + "' specified.");
          };
      order.add(column + (o.ascending() ? " ASC" : " DESC"));
    }
    order.add("v.last_updated_time DESC");
    order.add("v.name ASC");
    order.add("v.version DESC");
    where.append(" ORDER BY ").append(String.join(", ", order)).append(" LIMIT ? OFFSET ?");
    args.add(max + 1);
    args.add(offset);
    List<ModelVersion> found = db.read(c -> store.versions(c, where.toString(), args));
    return Page.of(found, offset, max);
  }

  private String modelCondition(Clause c, List<Object> args) {
    Set<String> ops = Set.of("=", "!=", "LIKE", "ILIKE");
    if (!(c.value() instanceof String) || !ops.contains(c.op())) {
      throw MlflowException.invalid(
          "Invalid comparator '" + c.op() + "' for registered model search.");
    }
    if (c.type().equals(Clause.ATTRIBUTE) && c.key().equals("name")) {
      return SqlText.stringComparison(db.dialect(), "m.name", c.op(), c.text(), args);
    }
    if (c.type().equals(Clause.TAG)) {
      args.add(c.key());
      return "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = m.name AND t.key = ? AND "
          + SqlText.stringComparison(db.dialect(), "t.value", c.op(), c.text(), args)
          + ")";
    }
    throw MlflowException.invalid(
        "Invalid attribute key '" + c.key() + "' specified. Valid keys are '{'name'}'");
  }

  private String versionCondition(Clause c, List<Object> args) {
    Set<String> ops = Set.of("=", "!=", "LIKE", "ILIKE");
    if (c.type().equals(Clause.TAG)) {
      if (!(c.value() instanceof String) || !ops.contains(c.op())) {
        throw MlflowException.invalid("Invalid comparator '" + c.op() + "' for model version tag.");
      }
      args.add(c.key());
      return "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.name = v.name AND t.version = v.version AND t.key = ? AND "
          + SqlText.stringComparison(db.dialect(), "t.value", c.op(), c.text(), args)
          + ")";
    }
    if (!c.type().equals(Clause.ATTRIBUTE)) {
      throw MlflowException.invalid(
          "Invalid entity type '" + c.type() + "' for model version search.");
    }
    String column =
        switch (c.key()) {
          case "name" -> "v.name";
          case "run_id" -> "v.run_id";
          case "source_path" -> "v.source";
          case "version_number" -> "v.version";
          default ->
              throw MlflowException.invalid(
                  "Invalid attribute key '"
                      + c.key()
                      + "' specified. Valid keys are '{'name', 'run_id', 'source_path', 'version_number'}'");
        };
    if (c.key().equals("version_number")) {
      if (!(c.value() instanceof Double d)
          || !Set.of("=", "!=", "<", "<=", ">", ">=").contains(c.op())) {
        throw MlflowException.invalid("Invalid comparison for version_number.");
      }
      args.add(d.longValue());
      return column + " " + c.op() + " ?";
    }
    if (c.op().equals("IN") || c.op().equals("NOT IN")) {
      return SqlText.inList(column, c.op(), c.list(), args);
    }
    if (!(c.value() instanceof String) || !ops.contains(c.op())) {
      throw MlflowException.invalid(
          "Invalid comparator '" + c.op() + "' for model version search.");
    }
    return SqlText.stringComparison(db.dialect(), column, c.op(), c.text(), args);
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

  /**
   * MLflow's source checks, stricter: CVE-2023-1177 and its bypasses read server files through a
   * version's source, so local paths ({@code file:}, absolute, relative with {@code ..}),
   * fragments, query strings and NUL bytes are refused outright.
   */
  static void validateSource(String source) {
    String lower = source.toLowerCase(Locale.ROOT);
    String decoded = source;
    for (int i = 0; i < 3; i++) {
      try {
        decoded = java.net.URLDecoder.decode(decoded, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        break;
      }
    }
    boolean local =
        lower.startsWith("file:")
            || source.startsWith("/")
            || source.startsWith("\\")
            || source.matches("^[A-Za-z]:[\\\\/].*")
            || !source.contains(":");
    boolean traversal = false;
    for (String segment : decoded.replace('\\', '/').split("/")) {
      traversal |= segment.equals("..");
    }
    if (local
        || traversal
        || source.contains("#")
        || source.contains("?")
        || decoded.indexOf('\0') >= 0) {
      throw MlflowException.invalid(
          "Invalid model version source: '"
              + source
              + "'. To use a local path as a model version source, "
              + "the run_id request parameter has to be specified and the local path has to be contained within "
              + "the artifact directory of the run specified by the run_id.");
    }
  }

  static int parseVersion(String version) {
    Validation.required(version, "version");
    try {
      return Integer.parseInt(version.trim());
    } catch (NumberFormatException e) {
      throw MlflowException.invalid("Model version must be an integer, got '" + version + "'");
    }
  }

  static String canonicalStage(String stage) {
    for (String s : STAGES) {
      if (s.equalsIgnoreCase(stage)) {
        return s;
      }
    }
    throw MlflowException.invalid(
        "Invalid Model Version stage: "
            + stage
            + ". Value must be one of None, Staging, Production, Archived.");
  }

  private static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw MlflowException.missing("name");
    }
  }

  private static void validateAlias(String alias) {
    Validation.required(alias, "alias");
    if (!ALIAS.matcher(alias).matches() || alias.length() > 255) {
      throw MlflowException.invalid(
          "Invalid alias name: '"
              + alias
              + "'. Names may only contain alphanumerics, "
              + "underscores (_), and dashes (-), and be at most 255 characters.");
    }
    if (alias.equalsIgnoreCase("latest")) {
      throw MlflowException.invalid("'" + alias + "' alias name (case insensitive) is reserved.");
    }
    if (VERSION_ALIAS.matcher(alias).matches()) {
      throw MlflowException.invalid("Version alias name '" + alias + "' is reserved.");
    }
  }

  private static void validateRegistryTag(String key, String value) {
    Validation.key(key, "key", "Tag");
    Validation.maxLength("key", Validation.MAX_REGISTRY_TAG_KEY_LENGTH, key);
    Validation.maxLength("value", Validation.MAX_REGISTRY_TAG_VALUE_LENGTH, value);
  }

  private static List<KeyValue> validTags(List<KeyValue> tags) {
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue t : tags == null ? List.<KeyValue>of() : tags) {
      validateRegistryTag(t.key(), t.value());
      out.add(t);
    }
    return out;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static MlflowException modelNotFound(String name) {
    return MlflowException.notFound("Registered Model with name=" + name + " not found");
  }

  private static MlflowException versionNotFound(String name, String version) {
    return MlflowException.notFound(
        "Model Version (name=" + name + ", version=" + version + ") not found");
  }
}
