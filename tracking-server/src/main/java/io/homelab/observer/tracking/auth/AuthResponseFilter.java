package io.homelab.observer.tracking.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.homelab.observer.tracking.auth.Permission.Action;
import io.homelab.observer.tracking.config.TrackingConfig;
import io.homelab.observer.tracking.experiment.ExperimentCreated;
import io.homelab.observer.tracking.experiment.ExperimentService;
import io.homelab.observer.tracking.registry.RegisteredModelCreated;
import io.homelab.observer.tracking.registry.RegisteredModelService;
import io.homelab.observer.tracking.scorers.ScorerDeleted;
import io.homelab.observer.tracking.scorers.ScorerRegistered;
import io.homelab.observer.tracking.scorers.Scorers.ScorerList;
import io.homelab.observer.tracking.search.Page;
import io.homelab.observer.tracking.search.PageToken;
import io.homelab.observer.tracking.wire.CanonicalRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * MLflow basic-auth's after-request hooks: the creator of an experiment, registered model or scorer
 * gets MANAGE on it; a deleted registered model loses its permission rows and a renamed one keeps
 * them; search results list only what the caller may read (experiments, registered models, model
 * versions), and a page of experiments or registered models thinned out that way is topped up from
 * the following pages to max_results, as MLflow's filter does, so a client paging through the
 * results never gets a short page before the last one.
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

  /** Searches whose pages are topped up after filtering (their request fields are kept). */
  static final Set<String> REFILLED_SEARCHES =
      Set.of("experiments/search", "registered-models/search");

  private final AuthService auth;
  private final AuthStore store;
  private final ObjectMapper json;
  private final CurrentVertxRequest current;
  private final ExperimentService experiments;
  private final RegisteredModelService registry;
  private final boolean enabled;

  public AuthResponseFilter(
      AuthService auth,
      AuthStore store,
      ObjectMapper json,
      CurrentVertxRequest current,
      ExperimentService experiments,
      RegisteredModelService registry,
      TrackingConfig config) {
    this.auth = auth;
    this.store = store;
    this.json = json;
    this.current = current;
    this.experiments = experiments;
    this.registry = registry;
    this.enabled = config.auth().enabled();
  }

  /** experiments/create: fired by ExperimentService on the request thread, before the response. */
  void experimentCreated(@Observes ExperimentCreated event) {
    caller()
        .ifPresent(
            u -> store.grant(Resource.EXPERIMENT, event.experimentId(), u.id(), Permission.MANAGE));
  }

  /**
   * registered-models/create: fired by RegisteredModelService on the request thread, before the
   * response.
   */
  void registeredModelCreated(@Observes RegisteredModelCreated event) {
    caller()
        .ifPresent(
            u -> store.grant(Resource.REGISTERED_MODEL, event.name(), u.id(), Permission.MANAGE));
  }

  /** scorers/register: the registrar gets MANAGE on the scorer (kept when it exists already). */
  void scorerRegistered(@Observes ScorerRegistered event) {
    caller()
        .ifPresent(
            u ->
                store.grant(
                    Resource.SCORER,
                    ScorerGrants.pattern(event.experimentId(), event.name()),
                    u.id(),
                    Permission.MANAGE));
  }

  /**
   * scorers/delete of a whole scorer: its permission rows go with it (MLflow also drops them when
   * one version is deleted, which would strip the grants of a scorer that still exists).
   */
  void scorerDeleted(@Observes ScorerDeleted event) {
    store.deleteAllPermissions(
        Resource.SCORER, ScorerGrants.pattern(event.experimentId(), event.name()));
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
        Optional<CanonicalRequest> f = fields();
        Optional<String> from = f.flatMap(x -> x.first("name"));
        Optional<String> to = f.flatMap(x -> x.first("new_name"));
        if (from.isPresent() && to.isPresent()) {
          store.renameResource(Resource.REGISTERED_MODEL, from.get(), to.get());
        }
      }
      case "experiments/search" ->
          filter(
              response,
              user,
              "experiments",
              Resource.EXPERIMENT,
              "experiment_id",
              fields()
                  .<Function<String, Page<?>>>map(
                      f ->
                          token ->
                              experiments.search(
                                  f.first("filter").orElse(null),
                                  f.all("order_by"),
                                  f.first("max_results").map(Long::valueOf).orElse(null),
                                  token,
                                  f.first("view_type").orElse(null)))
                  .orElse(null));
      case "registered-models/search" ->
          filter(
              response,
              user,
              "registered_models",
              Resource.REGISTERED_MODEL,
              "name",
              fields()
                  .<Function<String, Page<?>>>map(
                      f ->
                          token ->
                              registry.searchModels(
                                  f.first("filter").orElse(null),
                                  f.first("max_results").map(Long::valueOf).orElse(null),
                                  f.all("order_by"),
                                  token))
                  .orElse(null));
      // MLflow's filter_list_scorers: a row needs READ on its experiment and on the scorer.
      case "scorers/list" -> filterScorers(response, user);
      // MLflow does not top up model-version pages either.
      case "model-versions/search" ->
          filter(response, user, "model_versions", Resource.REGISTERED_MODEL, "name", null);
      default -> {}
    }
  }

  /**
   * Replaces a search response by one without the items the user may not read (admins see all).
   * With {@code nextPage} (the same search from a page token on), a page that lost items is topped
   * up from the following pages; its next token then points just after the last item looked at.
   */
  private void filter(
      ContainerResponseContext response,
      User user,
      String list,
      Resource resource,
      String idField,
      Function<String, Page<?>> nextPage) {
    if (user.admin()) {
      return;
    }
    JsonNode tree = json.valueToTree(response.getEntity());
    if (!(tree instanceof ObjectNode body) || !(body.get(list) instanceof ArrayNode items)) {
      return;
    }
    ArrayNode kept = json.createArrayNode();
    for (JsonNode item : items) {
      if (readable(user, resource, item.get(idField))) {
        kept.add(item);
      }
    }
    if (kept.size() == items.size()) {
      return;
    }
    JsonNode next = body.get("next_page_token");
    String token = next == null || next.asText().isEmpty() ? null : next.asText();
    // A page that has a next token is full, so its size is the max_results asked for.
    int maxResults = items.size();
    while (nextPage != null && token != null && kept.size() < maxResults) {
      Page<?> page = nextPage.apply(token);
      List<?> looked =
          page.items().subList(0, Math.min(page.items().size(), maxResults - kept.size()));
      for (Object item : looked) {
        JsonNode node = json.valueToTree(item);
        if (readable(user, resource, node.get(idField))) {
          kept.add(node);
        }
      }
      boolean more = looked.size() < page.items().size() || page.nextPageToken() != null;
      token = more ? PageToken.of(PageToken.offset(token) + looked.size()) : null;
    }
    body.set(list, kept);
    if (token == null) {
      body.remove("next_page_token");
    } else {
      body.put("next_page_token", token);
    }
    response.setEntity(body);
  }

  private void filterScorers(ContainerResponseContext response, User user) {
    if (user.admin() || !(response.getEntity() instanceof ScorerList list)) {
      return;
    }
    response.setEntity(
        new ScorerList(
            list.scorers().stream()
                .filter(
                    s -> {
                      String experiment = String.valueOf(s.experimentId());
                      return auth.effective(user, Resource.EXPERIMENT, experiment)
                              .allows(Action.READ)
                          && auth.effective(
                                  user,
                                  Resource.SCORER,
                                  ScorerGrants.pattern(experiment, s.scorerName()))
                              .allows(Action.READ);
                    })
                .toList()));
  }

  private boolean readable(User user, Resource resource, JsonNode id) {
    return id != null && auth.effective(user, resource, id.asText()).allows(Action.READ);
  }

  private Optional<User> caller() {
    return routingContext().map(rc -> rc.get(AuthFilter.USER_KEY));
  }

  private Optional<CanonicalRequest> fields() {
    return routingContext().map(rc -> rc.get(CanonicalRequest.KEY));
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
