package io.homelab.observer.tracking.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.homelab.observer.tracking.auth.AuthFilter;
import io.homelab.observer.tracking.auth.User;
import io.homelab.observer.tracking.error.MlflowException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's {@code /graphql} route (GET and POST, as MLflow's): parses the request and delegates to
 * {@link GraphqlService}. The auth filter has already authenticated the caller; the per-field
 * permission checks happen in the resolvers.
 */
@Path("/graphql")
@Produces(MediaType.APPLICATION_JSON)
public class GraphqlResource {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final GraphqlService service;
  private final ObjectMapper json;

  public GraphqlResource(GraphqlService service, ObjectMapper json) {
    this.service = service;
    this.json = json;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public String post(String body, @Context RoutingContext rc) {
    JsonNode tree;
    try {
      tree = json.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid("Malformed JSON request body.");
    }
    if (tree == null || !tree.isObject()) {
      // MLflow's handler reads one object; a JSON array (transport batching) is not part of its
      // API.
      throw MlflowException.invalid(
          "The request body must be one JSON object {\"query\", \"operationName\", \"variables\"}.");
    }
    return run(
        new GraphqlService.Request(
            text(tree.get("query")),
            text(tree.get("operationName")),
            variables(tree.get("variables"))),
        rc);
  }

  @GET
  public String get(
      @QueryParam("query") String query,
      @QueryParam("operationName") String operationName,
      @QueryParam("variables") String variables,
      @Context RoutingContext rc) {
    JsonNode vars;
    try {
      vars = variables == null ? null : json.readTree(variables);
    } catch (JsonProcessingException e) {
      throw MlflowException.invalid("Malformed JSON in parameter 'variables'.");
    }
    return run(new GraphqlService.Request(query, operationName, variables(vars)), rc);
  }

  private String run(GraphqlService.Request request, RoutingContext rc) {
    Optional<User> caller = Optional.ofNullable(rc.get(AuthFilter.USER_KEY));
    try {
      // A plain mapper: "errors": null must be written, as MLflow's clients read the key.
      return PLAIN.writeValueAsString(service.execute(request, caller));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private Map<String, Object> variables(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw MlflowException.invalid("'variables' must be a JSON object.");
    }
    return json.convertValue(node, MAP);
  }
}
