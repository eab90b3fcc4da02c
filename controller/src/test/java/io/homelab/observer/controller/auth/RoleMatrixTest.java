package io.homelab.observer.controller.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.security.Role;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Roles on every endpoint, table-driven. The table must list exactly the operations of the OpenAPI
 * document, so an endpoint added without a row here fails this test.
 */
@QuarkusTest
class RoleMatrixTest {

  /** Least role per operation; null = public. */
  static final Map<String, Role> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("GET /api/public-key", null);
    TABLE.put("POST /api/auth/login", null);
    TABLE.put("POST /api/auth/logout", Role.VIEWER);
    TABLE.put("GET /api/auth/me", Role.VIEWER);
    TABLE.put("POST /api/auth/password", Role.VIEWER);
    TABLE.put("GET /api/tokens", Role.VIEWER);
    TABLE.put("POST /api/tokens", Role.VIEWER);
    TABLE.put("DELETE /api/tokens/{id}", Role.VIEWER);
    TABLE.put("GET /api/users", Role.ADMIN);
    TABLE.put("POST /api/users", Role.ADMIN);
    TABLE.put("GET /api/users/{username}", Role.ADMIN);
    TABLE.put("PATCH /api/users/{username}", Role.ADMIN);
    TABLE.put("DELETE /api/users/{username}", Role.ADMIN);
    TABLE.put("GET /api/audit", Role.ADMIN);
    TABLE.put("GET /api/environments", Role.VIEWER);
    TABLE.put("POST /api/environments", Role.ADMIN);
    TABLE.put("GET /api/environments/{id}", Role.VIEWER);
    TABLE.put("PATCH /api/environments/{id}", Role.ADMIN);
    TABLE.put("DELETE /api/environments/{id}", Role.ADMIN);
    TABLE.put("POST /api/environments/{id}/refresh", Role.OPERATOR);
    TABLE.put("GET /api/containers", Role.VIEWER);
    TABLE.put("GET /api/images", Role.VIEWER);
    TABLE.put("GET /api/volumes", Role.VIEWER);
    TABLE.put("GET /api/networks", Role.VIEWER);
    TABLE.put("GET /api/environments/{id}/containers/{cid}", Role.VIEWER);
    TABLE.put("POST /api/environments/{id}/containers/{cid}/{action}", Role.OPERATOR);
    TABLE.put("DELETE /api/environments/{id}/containers/{cid}", Role.OPERATOR);
    TABLE.put("GET /api/environments/{id}/containers/{cid}/logs", Role.VIEWER);
    TABLE.put("GET /api/environments/{id}/containers/{cid}/stats", Role.VIEWER);
    TABLE.put("POST /api/environments/{id}/containers", Role.OPERATOR);
    TABLE.put("POST /api/environments/{id}/images/pull", Role.OPERATOR);
    TABLE.put("DELETE /api/environments/{id}/images/{imageId}", Role.OPERATOR);
    TABLE.put("POST /api/environments/{id}/images/prune", Role.OPERATOR);
    TABLE.put("POST /api/environments/{id}/volumes", Role.OPERATOR);
    TABLE.put("DELETE /api/environments/{id}/volumes/{name}", Role.OPERATOR);
    // issue 13 part 2: monitors, alerts, silences, notifiers, service discovery
    TABLE.put("GET /api/monitors", Role.VIEWER);
    TABLE.put("POST /api/monitors", Role.OPERATOR);
    TABLE.put("GET /api/monitors/{id}", Role.VIEWER);
    TABLE.put("PUT /api/monitors/{id}", Role.OPERATOR);
    TABLE.put("DELETE /api/monitors/{id}", Role.OPERATOR);
    TABLE.put("GET /api/alerts", Role.VIEWER);
    TABLE.put("GET /api/alerts/history", Role.VIEWER);
    TABLE.put("GET /api/alerts/rules", Role.VIEWER);
    TABLE.put("POST /api/alerts/rules", Role.OPERATOR);
    TABLE.put("PUT /api/alerts/rules/{id}", Role.OPERATOR);
    TABLE.put("DELETE /api/alerts/rules/{id}", Role.OPERATOR);
    TABLE.put("POST /api/alerts/rules/reload", Role.OPERATOR);
    TABLE.put("GET /api/alerts/silences", Role.VIEWER);
    TABLE.put("POST /api/alerts/silences", Role.OPERATOR);
    TABLE.put("DELETE /api/alerts/silences/{id}", Role.OPERATOR);
    TABLE.put("GET /api/alerts/notifiers", Role.VIEWER);
    TABLE.put("POST /api/alerts/notifiers", Role.ADMIN);
    TABLE.put("GET /api/alerts/notifiers/{id}", Role.VIEWER);
    TABLE.put("PUT /api/alerts/notifiers/{id}", Role.ADMIN);
    TABLE.put("DELETE /api/alerts/notifiers/{id}", Role.ADMIN);
    TABLE.put("POST /api/alerts/notifiers/{id}/test", Role.OPERATOR);
    TABLE.put("GET /api/prometheus/sd", Role.VIEWER);
    // issue 13 part 1: the Prometheus-compatible query API and the fleet summary
    TABLE.put("GET /api/metrics/summary", Role.VIEWER);
    TABLE.put("GET /api/v1/query", Role.VIEWER);
    TABLE.put("POST /api/v1/query", Role.VIEWER);
    TABLE.put("GET /api/v1/query_range", Role.VIEWER);
    TABLE.put("POST /api/v1/query_range", Role.VIEWER);
    TABLE.put("GET /api/v1/series", Role.VIEWER);
    TABLE.put("POST /api/v1/series", Role.VIEWER);
    TABLE.put("GET /api/v1/labels", Role.VIEWER);
    TABLE.put("POST /api/v1/labels", Role.VIEWER);
    TABLE.put("GET /api/v1/label/{name}/values", Role.VIEWER);
    TABLE.put("GET /api/v1/metadata", Role.VIEWER);
    TABLE.put("GET /api/v1/targets", Role.VIEWER);
  }

  @Test
  void tableCoversEveryOperationOfTheOpenApiDocument() {
    JsonPath doc =
        given()
            .accept(ContentType.JSON)
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Map<String, Object>> paths = doc.getMap("paths");
    TreeSet<String> operations = new TreeSet<>();
    paths.forEach(
        (path, ops) ->
            ops.keySet()
                .forEach(
                    m -> {
                      if (List.of("get", "post", "put", "patch", "delete").contains(m)) {
                        operations.add(m.toUpperCase() + " " + path);
                      }
                    }));
    assertThat(operations).isEqualTo(new TreeSet<>(TABLE.keySet()));
  }

  @Test
  void everyEndpointEnforcesItsLeastRole() {
    Map<Role, String> tokens =
        Map.of(
            Role.VIEWER, TestApi.tokenOf("viewer"),
            Role.OPERATOR, TestApi.tokenOf("operator"),
            Role.ADMIN, TestApi.tokenOf("admin"));
    for (Map.Entry<String, Role> row : TABLE.entrySet()) {
      String[] op = row.getKey().split(" ", 2);
      Role least = row.getValue();
      // no token: 401 unless public
      int anonymous = call(given(), op[0], op[1]).statusCode();
      if (least == null) {
        assertThat(anonymous).as(row.getKey() + " without token").isNotIn(401, 403);
        continue;
      }
      assertThat(anonymous).as(row.getKey() + " without token").isEqualTo(401);
      for (Role role : Role.values()) {
        // logout revokes the token it is called with: give it a fresh one
        String token = op[1].equals("/api/auth/logout") ? freshToken(role) : tokens.get(role);
        Response r = call(given().header("Authorization", "Bearer " + token), op[0], op[1]);
        if (role.includes(least)) {
          assertThat(r.statusCode())
              .as(row.getKey() + " as " + role.wire() + ": " + r.asString())
              .isNotIn(401, 403);
        } else {
          assertThat(r.statusCode()).as(row.getKey() + " as " + role.wire()).isEqualTo(403);
          assertThat(r.jsonPath().getString("error")).isEqualTo("FORBIDDEN");
        }
      }
    }
  }

  private static String freshToken(Role role) {
    return role == Role.ADMIN
        ? TestApi.login("admin", TestApi.ADMIN_PASSWORD)
        : TestApi.login("test-" + role.wire(), TestApi.USER_PASSWORD);
  }

  /**
   * Calls with placeholder ids that exist nowhere: allowed callers then get 400/404, never 401/403.
   */
  private static Response call(RequestSpecification spec, String method, String template) {
    String path =
        template
            .replace("{id}", "00000000-0000-0000-0000-000000000000")
            .replace("{cid}", "no-such-container")
            .replace("{action}", "restart")
            .replace("{username}", "no-such-user")
            .replace("{imageId}", "no-such-image")
            .replace("{name}", "no-such-volume");
    if (method.equals("POST") && path.startsWith("/api/v1/")) {
      // the Prometheus API takes forms, as Grafana sends them
      return spec.contentType(ContentType.URLENC).formParam("match[]", "up").post(path);
    }
    RequestSpecification s = spec.contentType(ContentType.JSON).accept(ContentType.JSON);
    return switch (method) {
      case "GET" -> s.get(path);
      case "POST" -> s.body("{}").post(path);
      case "PATCH" -> s.body("{}").patch(path);
      case "PUT" -> s.body("{}").put(path);
      case "DELETE" -> s.delete(path);
      default -> throw new IllegalArgumentException(method);
    };
  }
}
