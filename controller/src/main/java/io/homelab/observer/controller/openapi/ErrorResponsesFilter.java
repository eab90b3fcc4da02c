package io.homelab.observer.controller.openapi;

import io.homelab.observer.controller.security.Public;
import jakarta.ws.rs.HttpMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Makes the OpenAPI document say every status the controller really answers, derived from the same
 * annotations the runtime obeys, so a client (or schemathesis) never meets an undocumented status.
 *
 * <p>SmallRye reads neither {@link ResponseStatus} nor our {@link Public}/{@code Access} rules, and
 * documents no error at all. This filter runs once at build time: it finds each operation's Java
 * method through its operation id ({@code quarkus.smallrye-openapi.operation-id-strategy}), moves
 * the success response to the real status, adds the bearer requirement and the {@code
 * {"error","message"}} responses each route can give ({@link ErrorStatuses} decides which), and
 * marks properties nullable, because every record component that is not a primitive may be
 * serialised as {@code null}.
 */
public class ErrorResponsesFilter implements OASFilter {

  static final String BEARER = "bearer";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    NullableProperties.apply(openAPI.getComponents().getSchemas());
    openAPI
        .getComponents()
        .addSchema(ErrorStatuses.ERROR_SCHEMA, NullableProperties.errorBodySchema())
        .addSchema(
            ErrorStatuses.PROMETHEUS_ERROR_SCHEMA, NullableProperties.prometheusErrorSchema());
    if (openAPI.getPaths() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          path.getValue().getOperations().entrySet()) {
        filterOperation(path.getKey(), op.getKey(), op.getValue());
      }
    }
  }

  private static void filterOperation(String path, PathItem.HttpMethod verb, Operation operation) {
    Method method = javaMethod(operation.getOperationId());
    // The package part of the id is only our lookup key; clients see Class_method.
    String id = operation.getOperationId();
    operation.setOperationId(id.substring(id.lastIndexOf('.') + 1));
    boolean isPublic =
        method.isAnnotationPresent(Public.class)
            || method.getDeclaringClass().isAnnotationPresent(Public.class);
    if (!isPublic) {
      operation.setSecurity(
          List.of(OASFactory.createSecurityRequirement().addScheme(BEARER, List.of())));
    }
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    realSuccessStatus(method, responses);
    for (Map.Entry<Integer, String> error :
        ErrorStatuses.of(path, verb, operation, isPublic).entrySet()) {
      String code = Integer.toString(error.getKey());
      if (responses.getAPIResponse(code) == null) {
        responses.addAPIResponse(
            code, OASFactory.createAPIResponse().description(error.getValue()));
      }
    }
    // Every error, added here or declared with @APIResponse on the resource, has the one body.
    for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
      if (response.getKey().charAt(0) >= '4' && response.getValue().getContent() == null) {
        int status = Integer.parseInt(response.getKey());
        response.getValue().setContent(errorContent(ErrorStatuses.schemaFor(path, status)));
      }
    }
  }

  /**
   * RESTEasy answers {@link ResponseStatus} (or 204 for a void method); SmallRye documents 200/201.
   */
  private static void realSuccessStatus(Method method, APIResponses responses) {
    ResponseStatus declared = method.getAnnotation(ResponseStatus.class);
    String real;
    if (declared != null) {
      real = Integer.toString(declared.value());
    } else if (method.getReturnType() == void.class) {
      real = "204";
    } else {
      return;
    }
    Map<String, APIResponse> all = responses.getAPIResponses();
    if (all != null && all.containsKey(real)) {
      return;
    }
    if (all == null || all.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
      // An @APIResponse on the method stops SmallRye from documenting the success itself.
      responses.addAPIResponse(real, OASFactory.createAPIResponse().description("Success"));
      return;
    }
    for (String documented : List.copyOf(all.keySet())) {
      if (documented.startsWith("2")) {
        APIResponse success = all.get(documented);
        responses.removeAPIResponse(documented);
        if ("204".equals(real)) {
          success.setContent(null);
          success.setDescription("No Content");
        }
        responses.addAPIResponse(real, success);
        return;
      }
    }
  }

  private static Content errorContent(String schema) {
    return OASFactory.createContent()
        .addMediaType(
            "application/json",
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)));
  }

  /**
   * The resource method behind an operation id of the form {@code package.Class_method}. Runs at
   * build time, where the application classes are loadable; failing here fails the build rather
   * than shipping a document that lies.
   */
  static Method javaMethod(String operationId) {
    int cut = operationId == null ? -1 : operationId.lastIndexOf('_');
    if (cut < 0) {
      throw new IllegalStateException(
          "operation id "
              + operationId
              + " is not package.Class_method; set quarkus.smallrye-openapi.operation-id-strategy");
    }
    String className = operationId.substring(0, cut);
    String methodName = operationId.substring(cut + 1);
    try {
      Class<?> type =
          Class.forName(className, false, Thread.currentThread().getContextClassLoader());
      List<Method> endpoints =
          Arrays.stream(type.getMethods())
              .filter(m -> m.getName().equals(methodName))
              .filter(
                  m ->
                      Arrays.stream(m.getAnnotations())
                          .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class)))
              .toList();
      if (endpoints.size() != 1) {
        throw new IllegalStateException(
            endpoints.size() + " endpoint methods match operation " + operationId);
      }
      return endpoints.get(0);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no resource class for operation " + operationId, e);
    }
  }
}
