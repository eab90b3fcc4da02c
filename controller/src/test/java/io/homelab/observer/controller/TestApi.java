package io.homelab.observer.controller;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs in as the test accounts through the real API and hands out request specs with their bearer
 * tokens.
 */
public final class TestApi {

  /** {@code %test.homelab.controller.admin-password} in application.properties. */
  public static final String ADMIN_PASSWORD = "test-admin-password";

  public static final String USER_PASSWORD = "role-test-password";

  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private TestApi() {}

  /** A fresh session token for {@code username}. */
  public static String login(String username, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .post("/api/auth/login")
        .then()
        .statusCode(200)
        .extract()
        .path("token");
  }

  /** Cached token of the first admin. */
  public static String adminToken() {
    return TOKENS.computeIfAbsent("admin", k -> login("admin", ADMIN_PASSWORD));
  }

  /** Cached token of a user with {@code role} (admin, operator or viewer), created on first use. */
  public static String tokenOf(String role) {
    if (role.equals("admin")) {
      return adminToken();
    }
    return TOKENS.computeIfAbsent(
        role,
        r -> {
          String username = "test-" + r;
          int status =
              as(adminToken())
                  .body(Map.of("username", username, "password", USER_PASSWORD, "role", r))
                  .post("/api/users")
                  .statusCode();
          if (status != 201 && status != 409) {
            throw new IllegalStateException("cannot create " + username + ": HTTP " + status);
          }
          return login(username, USER_PASSWORD);
        });
  }

  /** JSON request with a bearer token. */
  public static RequestSpecification as(String token) {
    return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
  }

  public static RequestSpecification asAdmin() {
    return as(adminToken());
  }
}
