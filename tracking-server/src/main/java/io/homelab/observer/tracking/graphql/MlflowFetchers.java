package io.homelab.observer.tracking.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.homelab.observer.tracking.artifact.RunArtifactListing;
import io.homelab.observer.tracking.auth.User;
import io.homelab.observer.tracking.dataset.DatasetSummaryService;
import io.homelab.observer.tracking.error.MlflowException;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.metric.MetricHistoryService;
import io.homelab.observer.tracking.registry.ModelVersionService;
import io.homelab.observer.tracking.run.RunService;
import io.homelab.observer.tracking.search.Page;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resolvers of MLflow's GraphQL fields: each calls the service behind the matching REST route
 * and answers that route's JSON, from which {@link JsonFieldFetcher} reads the fields. Permission
 * checks come first ({@link GraphqlAccess}); an MLflow error becomes the field's GraphQL error with
 * the REST message, as MLflow's resolvers raise it.
 */
@Singleton
public class MlflowFetchers {

  /** GraphQL context key of the caller ({@code Optional<User>}, empty when auth is off). */
  static final String CALLER = "homelab.caller";

  private final ExperimentService experiments;
  private final RunService runs;
  private final MetricHistoryService history;
  private final RunArtifactListing artifacts;
  private final DatasetSummaryService datasets;
  private final ModelVersionService versions;
  private final GraphqlAccess access;
  private final ObjectMapper json;

  public MlflowFetchers(
      ExperimentService experiments,
      RunService runs,
      MetricHistoryService history,
      RunArtifactListing artifacts,
      DatasetSummaryService datasets,
      ModelVersionService versions,
      GraphqlAccess access,
      ObjectMapper json) {
    this.experiments = experiments;
    this.runs = runs;
    this.history = history;
    this.artifacts = artifacts;
    this.datasets = datasets;
    this.versions = versions;
    this.access = access;
    this.json = json;
  }

  DataFetcher<Object> getExperiment() {
    return resolver(
        (caller, in) -> {
          String id = required(in.text("experimentId"), "experiment_id");
          if (!access.canReadExperiment(caller, id)) {
            return null;
          }
          return object("experiment", experiments.get(id));
        });
  }

  DataFetcher<Object> getRun() {
    return resolver(
        (caller, in) -> {
          String id = required(in.text("runId").or(() -> in.text("runUuid")), "run_id");
          if (!access.canReadRun(caller, id)) {
            return null;
          }
          return object("run", runs.get(id));
        });
  }

  DataFetcher<Object> searchRuns() {
    return resolver(
        (caller, in) -> {
          List<String> asked = in.texts("experimentIds");
          List<String> ids = access.readableExperiments(caller, asked);
          if (!asked.isEmpty() && ids.isEmpty()) {
            return null;
          }
          Page<?> page =
              runs.search(
                  ids,
                  in.text("filter").orElse(null),
                  in.text("runViewType").orElse(null),
                  in.number("maxResults").orElse(null),
                  in.texts("orderBy"),
                  in.text("pageToken").orElse(null));
          return page("runs", page);
        });
  }

  DataFetcher<Object> metricHistoryBulkInterval() {
    return resolver(
        (caller, in) -> {
          List<String> runIds = in.texts("runIds");
          for (String run : runIds) {
            if (!access.canReadRun(caller, run)) {
              return null;
            }
          }
          MetricHistoryService.History points =
              history.bulkInterval(
                  runIds,
                  required(in.text("metricKey"), "metric_key"),
                  in.number("startStep").orElse(null),
                  in.number("endStep").orElse(null),
                  in.number("maxResults").orElse(null));
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          try {
            points.writeJson(out);
            return json.readTree(out.toByteArray());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  DataFetcher<Object> listArtifacts() {
    return resolver(
        (caller, in) -> {
          String id = required(in.text("runId").or(() -> in.text("runUuid")), "run_id");
          if (!access.canReadRun(caller, id)) {
            return null;
          }
          return json.valueToTree(artifacts.list(id, in.text("path").orElse(null)));
        });
  }

  DataFetcher<Object> searchDatasets() {
    return resolver(
        (caller, in) -> {
          List<String> asked = in.texts("experimentIds");
          List<String> ids = access.readableExperiments(caller, asked);
          if (!asked.isEmpty() && ids.isEmpty()) {
            return null;
          }
          return object("dataset_summaries", datasets.search(ids));
        });
  }

  DataFetcher<Object> searchModelVersions() {
    return resolver(
        (caller, in) -> {
          Page<?> page =
              versions.searchVersions(
                  in.text("filter").orElse(null),
                  in.number("maxResults").orElse(null),
                  in.texts("orderBy"),
                  in.text("pageToken").orElse(null));
          ObjectNode body = page("model_versions", page);
          body.set("model_versions", readableVersions(caller, body.get("model_versions")));
          return body;
        });
  }

  /** {@code run.experiment}: the run was readable, so its experiment is. */
  DataFetcher<Object> runExperiment() {
    return env -> {
      JsonNode run = env.getSource();
      String id = run.path("info").path("experiment_id").asText("");
      return id.isEmpty() ? null : json.valueToTree(experiments.get(id));
    };
  }

  /** {@code run.modelVersions}: the versions registered from the run that the caller may read. */
  DataFetcher<Object> runModelVersions() {
    return env -> {
      JsonNode run = env.getSource();
      String id = run.path("info").path("run_id").asText("");
      if (id.isEmpty()) {
        return List.of();
      }
      Page<?> page = versions.searchVersions("run_id = '" + id + "'", null, List.of(), null);
      return readableVersions(caller(env), json.valueToTree(page.items()));
    };
  }

  /** MLflow's {@code test} and {@code testMutation} fields: echo the input. */
  DataFetcher<Object> echo() {
    return env -> {
      ObjectNode out = json.createObjectNode();
      out.put("output", (String) env.getArgument("inputString"));
      return out;
    };
  }

  private ArrayNode readableVersions(Optional<User> caller, JsonNode items) {
    ArrayNode kept = json.createArrayNode();
    if (items != null) {
      for (JsonNode v : items) {
        if (access.canReadModel(caller, v.path("name").asText())) {
          kept.add(v);
        }
      }
    }
    return kept;
  }

  private ObjectNode object(String field, Object value) {
    ObjectNode out = json.createObjectNode();
    out.set(field, json.valueToTree(value));
    return out;
  }

  private ObjectNode page(String field, Page<?> page) {
    ObjectNode out = object(field, page.items());
    if (page.nextPageToken() != null) {
      out.put("next_page_token", page.nextPageToken());
    }
    return out;
  }

  private static String required(Optional<String> value, String field) {
    return value.filter(v -> !v.isEmpty()).orElseThrow(() -> MlflowException.missing(field));
  }

  @SuppressWarnings("unchecked")
  private static Optional<User> caller(DataFetchingEnvironment env) {
    Object caller = env.getGraphQlContext().get(CALLER);
    return caller instanceof Optional<?> o ? (Optional<User>) o : Optional.empty();
  }

  private interface Resolver {
    Object resolve(Optional<User> caller, Input input);
  }

  /** A root field: its {@code input} argument, the caller, and MLflow errors as field errors. */
  private static DataFetcher<Object> resolver(Resolver resolver) {
    return env -> {
      Map<String, Object> args = env.getArgument("input");
      try {
        return resolver.resolve(caller(env), new Input(args == null ? Map.of() : args));
      } catch (MlflowException e) {
        return DataFetcherResult.newResult()
            .error(GraphqlErrorBuilder.newError(env).message(e.getMessage()).build())
            .build();
      }
    };
  }

  /** A field's {@code input} object, with the coercions MLflow's protobuf parsing applies. */
  record Input(Map<String, Object> fields) {

    Optional<String> text(String name) {
      Object v = fields.get(name);
      return v == null ? Optional.empty() : Optional.of(String.valueOf(v));
    }

    Optional<Long> number(String name) {
      Object v = fields.get(name);
      if (v == null) {
        return Optional.empty();
      }
      if (v instanceof Number n) {
        return Optional.of(n.longValue());
      }
      try {
        return Optional.of(Long.parseLong(String.valueOf(v)));
      } catch (NumberFormatException e) {
        throw MlflowException.invalid("Invalid value " + v + " for parameter '" + name + "'");
      }
    }

    List<String> texts(String name) {
      Object v = fields.get(name);
      if (!(v instanceof List<?> list)) {
        return List.of();
      }
      return list.stream().filter(x -> x != null).map(String::valueOf).toList();
    }
  }
}
