package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.experiment.ExperimentCreated;
import io.homelab.observer.tracking.registry.RegisteredModelCreated;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * MLflow basic-auth's after-request hooks: the creator of an experiment or registered model gets
 * MANAGE on it; a deleted registered model loses its permission rows and a renamed one keeps them;
 * search results list only what the caller may read (experiments, registered models, model
 * versions).
 *
 * <p>Grants are written before the response leaves, so a client's next call (runs/create right
 * after experiments/create) already sees its MANAGE permission even with default permission
 * NO_PERMISSIONS.
 *
 * <p>Application-scoped (a client proxy), because the REST layer creates its filters at static
 * init, before runtime configuration exists.
 */
@ApplicationScoped
public class AuthResponseFilter {

  private final AuthService auth;
  private final AuthStore store;
  private final ObjectMapper json;
  private final CurrentVertxRequest current;
  private final boolean enabled;

  public AuthResponseFilter(
      AuthService auth,
      AuthStore store,
      ObjectMapper json,
      CurrentVertxRequest current,
      TrackingConfig config) {
    this.auth = auth;
    this.store = store;
    this.json = json;
    this.current = current;
    this.enabled = config.auth().enabled();
  }

  /** experiments/create: fired by ExperimentService on the request thread, before the response. */
  void experimentCreated(@Observes ExperimentCreated event) {
    caller()
        .ifPresent(
            u -> store.grant(Resource.EXPERIMENT, event.experimentId(), u.id(), Permission.MANAGE));
  }

  /**
   * registered-models/create: fired by RegistryService on the request thread, before the response.
   */
  void registeredModelCreated(@Observes RegisteredModelCreated event) {
    caller()
        .ifPresent(
            u -> store.grant(Resource.REGISTERED_MODEL, event.name(), u.id(), Permission.MANAGE));
  }

  @ServerResponseFilter
  public void afterRequest(ContainerRequestContext request, ContainerResponseContext response) {
    if (!enabled || response.getStatus() != 200 || !response.hasEntity()) {
      return;
    }
    Optional<User> caller = caller();
    if (caller.isEmpty()) {
      return;
    }
    User user = caller.get();
    Optional<AccessRules.Route> route =
        AccessRules.route(
            request.getMethod(), "/" + request.getUriInfo().getPath().replaceFirst("^/", ""));
    if (route.isEmpty()) {
      return;
    }
    String op = route.get().operation();
    switch (op) {
      case "registered-models/delete" ->
          fields()
              .flatMap(f -> f.first("name"))
              .ifPresent(name -> store.deleteAllPermissions(Resource.REGISTERED_MODEL, name));
      case "registered-models/rename" -> {
        Optional<RequestFields> f = fields();
        Optional<String> from = f.flatMap(x -> x.first("name"));
        Optional<String> to = f.flatMap(x -> x.first("new_name"));
        if (from.isPresent() && to.isPresent()) {
          store.renameResource(Resource.REGISTERED_MODEL, from.get(), to.get());
        }
      }
      case "experiments/search" ->
          filter(response, user, "experiments", Resource.EXPERIMENT, "experiment_id");
      case "registered-models/search" ->
          filter(response, user, "registered_models", Resource.REGISTERED_MODEL, "name");
      case "model-versions/search" ->
          filter(response, user, "model_versions", Resource.REGISTERED_MODEL, "name");
      default -> {}
    }
  }

  /** Replaces a search response by one without the items the user may not read (admins see all). */
  private void filter(
      ContainerResponseContext response,
      User user,
      String list,
      Resource resource,
      String idField) {
    if (user.admin()) {
      return;
    }
    JsonNode tree = json.valueToTree(response.getEntity());
    if (!(tree instanceof ObjectNode body) || !(body.get(list) instanceof ArrayNode items)) {
      return;
    }
    ArrayNode kept = json.createArrayNode();
    for (JsonNode item : items) {
      JsonNode id = item.get(idField);
      if (id != null && auth.effective(user, resource, id.asText()).allows(Action.READ)) {
        kept.add(item);
      }
    }
    if (kept.size() != items.size()) {
      body.set(list, kept);
      response.setEntity(body);
    }
  }

  private Optional<User> caller() {
    return routingContext().map(rc -> rc.get(AuthFilter.USER_KEY));
  }

  private Optional<RequestFields> fields() {
    return routingContext().map(rc -> rc.get(AuthFilter.FIELDS_KEY));
  }

  private Optional<RoutingContext> routingContext() {
    try {
      return Optional.ofNullable(current.getCurrent());
    } catch (RuntimeException e) {
      // No HTTP request (an event fired from start-up code): nobody to grant to.
      return Optional.empty();
    }
  }
}
