package io.homelab.observer.tracking.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import io.homelab.observer.tracking.auth.User;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.error.MlflowException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's {@code /graphql}: its schema (resource {@code graphql/mlflow.graphqls}) executed by
 * graphql-java with the resolvers of {@link MlflowFetchers}. As MLflow's handler does, the query is
 * parsed, checked against the batching limits ({@link QuerySafety}) and run; the answer is {@code
 * {"data": ..., "errors": [messages] | null}}.
 */
@Singleton
public class GraphqlService {

  static final String SCHEMA = "graphql/mlflow.graphqls";

  /** One request as the UI posts it. */
  public record Request(String query, String operationName, Map<String, Object> variables) {}

  private final GraphQL graphql;
  private final QuerySafety safety;

  public GraphqlService(MlflowFetchers fetchers, TrackingConfig config) {
    this.graphql = GraphQL.newGraphQL(schema(fetchers)).build();
    this.safety = new QuerySafety(config.graphql().maxRootFields(), config.graphql().maxAliases());
  }

  /**
   * Runs one query for the caller (empty when auth is off); a missing or unparsable query is an
   * MLflow 400.
   */
  public Map<String, Object> execute(Request request, Optional<User> caller) {
    if (request.query() == null || request.query().isBlank()) {
      throw MlflowException.missing("query");
    }
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (InvalidSyntaxException e) {
      throw MlflowException.invalid("Invalid GraphQL query: " + e.getMessage());
    }
    Optional<String> unsafe = safety.check(document);
    if (unsafe.isPresent()) {
      return answer(null, List.of(unsafe.get()));
    }
    Map<Object, Object> context = new HashMap<>();
    context.put(MlflowFetchers.CALLER, caller);
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(request.query())
            .operationName(request.operationName())
            .variables(request.variables() == null ? Map.of() : request.variables())
            .graphQLContext(context)
            .build();
    ExecutionResult result = graphql.execute(input);
    List<String> errors = result.getErrors().stream().map(GraphQLError::getMessage).toList();
    return answer(result.getData(), errors);
  }

  private static Map<String, Object> answer(Object data, List<String> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    body.put("errors", errors.isEmpty() ? null : errors);
    return body;
  }

  static GraphQLSchema schema(MlflowFetchers fetchers) {
    TypeDefinitionRegistry types = new SchemaParser().parse(schemaText());
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .scalar(LongStringScalar.TYPE)
            .wiringFactory(new JsonWiring(types))
            .type(
                "Query",
                t ->
                    t.dataFetcher("mlflowGetExperiment", fetchers.getExperiment())
                        .dataFetcher("mlflowGetRun", fetchers.getRun())
                        .dataFetcher("mlflowSearchRuns", fetchers.searchRuns())
                        .dataFetcher(
                            "mlflowGetMetricHistoryBulkInterval",
                            fetchers.metricHistoryBulkInterval())
                        .dataFetcher("mlflowListArtifacts", fetchers.listArtifacts())
                        .dataFetcher("mlflowSearchModelVersions", fetchers.searchModelVersions())
                        .dataFetcher("test", fetchers.echo()))
            .type(
                "Mutation",
                t ->
                    t.dataFetcher("mlflowSearchRuns", fetchers.searchRuns())
                        .dataFetcher("mlflowSearchDatasets", fetchers.searchDatasets())
                        .dataFetcher("testMutation", fetchers.echo()))
            .type(
                "MlflowRunExtension",
                t ->
                    t.dataFetcher("experiment", fetchers.runExperiment())
                        .dataFetcher("modelVersions", fetchers.runModelVersions()))
            .build();
    return new SchemaGenerator().makeExecutableSchema(types, wiring);
  }

  private static String schemaText() {
    try (InputStream in = GraphqlService.class.getClassLoader().getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + SCHEMA);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every field without its own resolver reads the parent's REST JSON. */
  private record JsonWiring(TypeDefinitionRegistry types) implements WiringFactory {
    @Override
    public graphql.schema.DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment env) {
      return new JsonFieldFetcher(
          env.getFieldDefinition().getName(),
          JsonFieldFetcher.kindOf(env.getFieldDefinition().getType(), types));
    }
  }
}
