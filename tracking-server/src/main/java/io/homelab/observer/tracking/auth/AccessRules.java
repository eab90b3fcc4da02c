package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.Permission.Action;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each route needs, as MLflow's basic-auth app decides it in its before-request hook
 * (reference/mlflow.md 2.5): experiments and everything under them (runs, metrics, artifacts,
 * logged models) by the experiment's permission, registry calls by the registered model's, the
 * users API by admin or self.
 *
 * <p>Fail-closed: an MLflow API route missing from this table needs an admin, so a route added
 * later without a rule is never open to every user (MLflow's LogInputs and trace routes once were;
 * CVE-2026-2651, CVE-2025-15381). Routes outside the MLflow API (the {@code /version} route, the
 * homelab logs API) need an authenticated user only.
 */
public final class AccessRules {

  private AccessRules() {}

  /** Where the resource id of a rule is read from. */
  public enum Target {
    /**
     * Request field {@code experiment_id}; runs/create without one uses the default experiment "0".
     */
    EXPERIMENT_ID,
    /** Request field {@code experiment_name}. */
    EXPERIMENT_NAME,
    /** Request fields {@code experiment_ids} (search): every one must be allowed. */
    EXPERIMENT_IDS,
    /** Request field {@code run_id} or its alias {@code run_uuid}: the run's experiment. */
    RUN,
    /** Request fields {@code run_ids} (bulk metric history): every run's experiment. */
    RUN_IDS,
    /** The logged model named in the path (or field {@code model_id}): its experiment. */
    LOGGED_MODEL,
    /**
     * The first segment of an {@code mlflow-artifacts} path, when numeric, is the experiment id.
     */
    ARTIFACT_PATH,
    /** Request field {@code name} (registry): the registered model. */
    MODEL_NAME,
    /**
     * The trace named in the path (or field {@code trace_id} / {@code request_id}): its experiment.
     */
    TRACE,
    /** Request field {@code trace_ids} (batch get): every trace's experiment. */
    TRACE_IDS,
    /** SearchTracesV3's {@code locations[].mlflow_experiment.experiment_id}: every one. */
    TRACE_LOCATIONS,
    /** StartTraceV3's {@code trace.trace_info.trace_location.mlflow_experiment.experiment_id}. */
    NEW_TRACE,
    /** Header {@code x-mlflow-experiment-id} of the OTLP span endpoint. */
    EXPERIMENT_HEADER,
    /** Fields {@code experiment_id} and {@code name}: the scorer (ScorerGrants). */
    SCORER,
    /** Registering a scorer version: UPDATE on the experiment, no DENY on the scorer. */
    NEW_SCORER,
    /** Field {@code scorer_ids}: the experiment of each scorer's online configuration. */
    SCORER_CONFIGS,
    /**
     * The evaluation dataset named in the path: every experiment it is linked to. A dataset linked
     * to none (or unknown) is refused to all but admins, as MLflow's auth app does.
     */
    DATASET,
    /**
     * Request field {@code experiment_ids} of dataset create and search: at least one, every one
     * allowed (MLflow refuses an unscoped request so that it cannot list every dataset).
     */
    DATASET_SCOPE,
    /**
     * Add-experiments: {@link #DATASET} and the added {@code experiment_ids} (at least one), so a
     * caller cannot link an experiment they do not control.
     */
    DATASET_AND_EXPERIMENTS,
    /** The issue named in the path: its experiment (IssueTargets); unknown is refused. */
    ISSUE,
    /** Field {@code experiment_id} of issue create and search: required, else refused. */
    ISSUE_SCOPE
  }

  /** A route's requirement. */
  public sealed interface Rule permits Open, Authenticated, Admin, SelfOrAdmin, OnResource {}

  /** No credentials needed ({@code /health}). */
  public record Open() implements Rule {}

  /**
   * Any authenticated user; creation calls also get MANAGE on what they create (see
   * AuthResponseFilter).
   */
  public record Authenticated() implements Rule {}

  /** Admins only. */
  public record Admin() implements Rule {}

  /** The user named in request field {@code username}, or an admin. */
  public record SelfOrAdmin() implements Rule {}

  /** A permission on an experiment or registered model that the request names. */
  public record OnResource(Action action, Target target) implements Rule {}

  /**
   * A route with MLflow's API prefixes removed, and the artifact path when it is an artifact route.
   */
  public record Route(
      String method,
      String operation,
      Optional<String> artifactPath,
      Optional<String> loggedModelId,
      Optional<String> traceId,
      Optional<String> datasetId) {}

  private static final Pattern MLFLOW_API =
      Pattern.compile("^/(?:api|ajax-api)/[23]\\.0/(?:preview/)?mlflow/(.+?)/?$");
  private static final Pattern ARTIFACTS =
      Pattern.compile(
          "^/(?:api|ajax-api)/2\\.0/mlflow-artifacts/(artifacts|mpu/[a-z]+|presigned)(?:/(.*))?$");
  private static final Pattern LOGGED_MODEL = Pattern.compile("^logged-models/([^/]+)(/.*)?$");
  private static final Pattern TRACE = Pattern.compile("^traces/([^/]+)(/.*)?$");
  private static final Pattern DATASET = Pattern.compile("^datasets/([^/]+)(/.*)?$");

  /** Trace operations whose second path segment is a route name, not a trace id. */
  private static final java.util.Set<String> TRACE_OPERATIONS =
      java.util.Set.of(
          "get",
          "batchGet",
          "batchGetInfos",
          "search",
          "delete-traces",
          "link-to-run",
          "link-prompts",
          "calculate-filter-correlation",
          "metrics");

  /** Dataset operations whose second path segment is a route name, not a dataset id. */
  private static final Set<String> DATASET_OPERATIONS = Set.of("create", "search");

  /** MLflow 3's OTLP span endpoint (outside the /api prefixes). */
  public static final String OTLP_TRACES = "/v1/traces";

  private static final Rule OPEN = new Open();

  /** MLflow's public capability document: no login, as MLflow's auth app. */
  private static final Set<String> SERVER_INFO =
      Set.of("/api/3.0/mlflow/server-info", "/ajax-api/3.0/mlflow/server-info");

  private static final Rule AUTHENTICATED = new Authenticated();
  private static final Rule ADMIN = new Admin();

  private static Rule on(Action action, Target target) {
    return new OnResource(action, target);
  }

  /** MLflow API operations (path after the prefix) and their rule, for any method. */
  private static final Map<String, Rule> OPERATIONS =
      Map.ofEntries(
          // Experiments
          Map.entry("experiments/create", AUTHENTICATED),
          Map.entry("experiments/search", AUTHENTICATED),
          Map.entry("experiments/list", AUTHENTICATED),
          Map.entry("experiments/get", on(Action.READ, Target.EXPERIMENT_ID)),
          Map.entry("experiments/get-by-name", on(Action.READ, Target.EXPERIMENT_NAME)),
          Map.entry("experiments/update", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("experiments/set-experiment-tag", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("experiments/delete-experiment-tag", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("experiments/delete", on(Action.DELETE, Target.EXPERIMENT_ID)),
          Map.entry("experiments/restore", on(Action.DELETE, Target.EXPERIMENT_ID)),
          // Runs
          Map.entry("runs/create", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("runs/get", on(Action.READ, Target.RUN)),
          Map.entry("runs/search", on(Action.READ, Target.EXPERIMENT_IDS)),
          Map.entry("runs/update", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/log-metric", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/log-parameter", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/set-tag", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/delete-tag", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/log-batch", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/log-model", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/log-inputs", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/outputs", on(Action.UPDATE, Target.RUN)),
          Map.entry("runs/delete", on(Action.DELETE, Target.RUN)),
          Map.entry("runs/restore", on(Action.DELETE, Target.RUN)),
          Map.entry("metrics/get-history", on(Action.READ, Target.RUN)),
          Map.entry("metrics/get-history-bulk-interval", on(Action.READ, Target.RUN_IDS)),
          Map.entry("metrics/get-history-bulk", on(Action.READ, Target.RUN_IDS)),
          Map.entry("artifacts/list", on(Action.READ, Target.RUN)),
          Map.entry("upload-artifact", on(Action.UPDATE, Target.RUN)),
          Map.entry("experiments/search-datasets", on(Action.READ, Target.EXPERIMENT_IDS)),
          // MLflow 3 traces: a trace belongs to its experiment (per-trace routes by pattern below)
          Map.entry("traces/search", on(Action.READ, Target.TRACE_LOCATIONS)),
          Map.entry("get-trace-artifact", on(Action.READ, Target.TRACE)),
          Map.entry("traces/get", on(Action.READ, Target.TRACE)),
          Map.entry("traces/batchGet", on(Action.READ, Target.TRACE_IDS)),
          Map.entry("traces/batchGetInfos", on(Action.READ, Target.TRACE_IDS)),
          Map.entry("traces/delete-traces", on(Action.DELETE, Target.EXPERIMENT_ID)),
          Map.entry("traces/link-to-run", on(Action.UPDATE, Target.RUN)),
          // Analytics over the named experiments' traces (MLflow: READ on every one).
          Map.entry("traces/metrics", on(Action.READ, Target.EXPERIMENT_IDS)),
          Map.entry("traces/calculate-filter-correlation", on(Action.READ, Target.EXPERIMENT_IDS)),
          // MLflow 3 evaluation datasets (per-dataset routes are matched below)
          Map.entry("datasets/create", on(Action.UPDATE, Target.DATASET_SCOPE)),
          Map.entry("datasets/search", on(Action.READ, Target.DATASET_SCOPE)),
          // MLflow 3 logged models (per-model routes are matched by pattern below)
          Map.entry("logged-models", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("logged-models/search", on(Action.READ, Target.EXPERIMENT_IDS)),
          // Registry
          Map.entry("registered-models/create", AUTHENTICATED),
          Map.entry("registered-models/search", AUTHENTICATED),
          Map.entry("model-versions/search", AUTHENTICATED),
          Map.entry("registered-models/get", on(Action.READ, Target.MODEL_NAME)),
          Map.entry("registered-models/get-latest-versions", on(Action.READ, Target.MODEL_NAME)),
          Map.entry("model-versions/get", on(Action.READ, Target.MODEL_NAME)),
          Map.entry("model-versions/get-download-uri", on(Action.READ, Target.MODEL_NAME)),
          Map.entry("registered-models/rename", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("registered-models/update", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("registered-models/set-tag", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("registered-models/delete-tag", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("model-versions/create", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("model-versions/update", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("model-versions/transition-stage", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("model-versions/set-tag", on(Action.UPDATE, Target.MODEL_NAME)),
          Map.entry("registered-models/delete", on(Action.DELETE, Target.MODEL_NAME)),
          Map.entry("model-versions/delete", on(Action.DELETE, Target.MODEL_NAME)),
          Map.entry("model-versions/delete-tag", on(Action.DELETE, Target.MODEL_NAME)),
          // MLflow 3 scorers (/api/3.0): a scorer is read and deleted by its own grant, else its
          // experiment's; the cross-experiment list is filtered per row (AuthResponseFilter).
          Map.entry("scorers/register", on(Action.UPDATE, Target.NEW_SCORER)),
          Map.entry("scorers/list", on(Action.READ, Target.EXPERIMENT_ID)),
          Map.entry("scorers/get", on(Action.READ, Target.SCORER)),
          Map.entry("scorers/versions", on(Action.READ, Target.SCORER)),
          Map.entry("scorers/delete", on(Action.DELETE, Target.SCORER)),
          Map.entry("scorers/online-config", on(Action.UPDATE, Target.EXPERIMENT_ID)),
          Map.entry("scorers/online-configs", on(Action.READ, Target.SCORER_CONFIGS)),
          // Users
          Map.entry("users/create", ADMIN),
          Map.entry("users/get", new SelfOrAdmin()),
          Map.entry("users/update-password", new SelfOrAdmin()),
          Map.entry("users/update-admin", ADMIN),
          Map.entry("users/delete", ADMIN),
          // MLflow 3.17 (/api/3.0): grant and revoke need MANAGE on the named resource, which
          // UserPermissionResource checks after validating the request, as MLflow does.
          Map.entry("users/current", AUTHENTICATED),
          Map.entry("users/permissions/grant", AUTHENTICATED),
          Map.entry("users/permissions/revoke", AUTHENTICATED),
          Map.entry("users/permissions/get", new SelfOrAdmin()),
          Map.entry("users/roles/list", new SelfOrAdmin()),
          // MLflow's web UI (ui.UiTelemetryResource): no resource behind it.
          Map.entry("ui-telemetry", AUTHENTICATED));

  /**
   * Splits a normalised request path into a {@link Route}, or empty for a path outside the MLflow
   * API.
   */
  public static Optional<Route> route(String method, String path) {
    Matcher artifacts = ARTIFACTS.matcher(path);
    if (artifacts.matches()) {
      return Optional.of(
          new Route(
              method,
              "mlflow-artifacts/" + artifacts.group(1),
              Optional.ofNullable(artifacts.group(2)),
              Optional.empty(),
              Optional.empty(),
              Optional.empty()));
    }
    Matcher api = MLFLOW_API.matcher(path);
    if (api.matches()) {
      String op = api.group(1);
      Matcher model = LOGGED_MODEL.matcher(op);
      if (model.matches() && !op.equals("logged-models/search")) {
        return Optional.of(
            new Route(
                method,
                op,
                Optional.empty(),
                Optional.of(model.group(1)),
                Optional.empty(),
                Optional.empty()));
      }
      Matcher trace = TRACE.matcher(op);
      if (trace.matches() && !TRACE_OPERATIONS.contains(trace.group(1))) {
        return Optional.of(
            new Route(
                method,
                op,
                Optional.empty(),
                Optional.empty(),
                Optional.of(trace.group(1)),
                Optional.empty()));
      }
      Matcher dataset = DATASET.matcher(op);
      Optional<String> datasetId =
          dataset.matches() && !DATASET_OPERATIONS.contains(dataset.group(1))
              ? Optional.of(dataset.group(1))
              : Optional.empty();
      return Optional.of(
          new Route(method, op, Optional.empty(), Optional.empty(), Optional.empty(), datasetId));
    }
    return Optional.empty();
  }

  /**
   * The rule of a request; {@code path} is the normalised request path (dot segments already
   * refused).
   */
  public static Rule rule(String method, String path) {
    if (path.equals("/health") || path.startsWith("/q/health") || SERVER_INFO.contains(path)) {
      return OPEN;
    }
    if (path.equals("/get-artifact")) {
      return on(Action.READ, Target.RUN);
    }
    if (path.equals("/model-versions/get-artifact")) {
      return on(Action.READ, Target.MODEL_NAME);
    }
    if (path.equals(OTLP_TRACES)) {
      return on(Action.UPDATE, Target.EXPERIMENT_HEADER);
    }
    Optional<Route> route = route(method, path);
    if (route.isEmpty()) {
      return AUTHENTICATED;
    }
    Route r = route.get();
    if (r.operation().startsWith("mlflow-artifacts/")) {
      // MLflow: GET = READ, PUT (and multipart upload) = EDIT, DELETE = MANAGE (CVE-2024-4263 was
      // EDIT deleting).
      Action action =
          switch (method) {
            case "GET", "HEAD" -> Action.READ;
            case "DELETE" -> Action.DELETE;
            default -> Action.UPDATE;
          };
      return on(action, Target.ARTIFACT_PATH);
    }
    if (r.operation().equals("registered-models/alias")) {
      return switch (method) {
        case "GET" -> on(Action.READ, Target.MODEL_NAME);
        case "DELETE" -> on(Action.DELETE, Target.MODEL_NAME);
        default -> on(Action.UPDATE, Target.MODEL_NAME);
      };
    }
    if (r.loggedModelId().isPresent()) {
      return switch (method) {
        case "GET" -> on(Action.READ, Target.LOGGED_MODEL);
        case "DELETE" ->
            r.operation().contains("/tags/")
                ? on(Action.UPDATE, Target.LOGGED_MODEL)
                : on(Action.DELETE, Target.LOGGED_MODEL);
        default -> on(Action.UPDATE, Target.LOGGED_MODEL);
      };
    }
    if (r.traceId().isPresent()) {
      // traces/{id} (info), traces/{id}/tags, traces/{id}/assessments[/{aid}]
      return method.equals("GET") || method.equals("HEAD")
          ? on(Action.READ, Target.TRACE)
          : on(Action.UPDATE, Target.TRACE);
    }
    if (r.datasetId().isPresent()) {
      // Evaluation datasets take their experiments' permissions (MLflow's auth app).
      if (method.equals("GET") || method.equals("HEAD")) {
        return on(Action.READ, Target.DATASET);
      }
      if (method.equals("DELETE") && r.operation().equals("datasets/" + r.datasetId().get())) {
        return on(Action.DELETE, Target.DATASET);
      }
      return r.operation().endsWith("/add-experiments")
          ? on(Action.UPDATE, Target.DATASET_AND_EXPERIMENTS)
          : on(Action.UPDATE, Target.DATASET);
    }
    if (r.operation().startsWith("issues")) {
      return IssueTargets.rule(method, r.operation()).orElse(ADMIN);
    }
    if (r.operation().equals("traces")) {
      // POST = StartTraceV3 (EDIT on the trace's experiment); GET = the v2 search
      return method.equals("GET")
          ? on(Action.READ, Target.EXPERIMENT_IDS)
          : on(Action.UPDATE, Target.NEW_TRACE);
    }
    return OPERATIONS.getOrDefault(r.operation(), ADMIN);
  }
}
