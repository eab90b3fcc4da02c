package io.homelab.observer.tracking.auth;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Clients of the auth-on test server ({@link AuthOnProfile}): the generated admin, users made for a
 * test (password {@code <name>-password}) and their experiments.
 */
public final class AuthOnUsers {

  private AuthOnUsers() {}

  /** The first admin's generated password, as an operator reads it from the data directory. */
  public static String adminPassword() {
    try {
      return Files.readString(Path.of(AuthOnProfile.dataDir(), AdminBootstrap.PASSWORD_FILE))
          .trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static RequestSpecification admin() {
    return basic("admin", adminPassword());
  }

  public static RequestSpecification basic(String user, String password) {
    return given().auth().preemptive().basic(user, password).contentType("application/json");
  }

  /** A user made by {@link #newUser} (or named in a test's fixture) with its test password. */
  public static RequestSpecification as(String user) {
    return basic(user, user + "-password");
  }

  /** Creates {@code <prefix>-<random>} through MLflow's users API as the admin. */
  public static String newUser(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin()
        .body(Map.of("username", name, "password", name + "-password"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(200);
    return name;
  }

  /** Creates an experiment {@code <prefix>-<random>} as {@code who}; its id. */
  public static String newExperiment(RequestSpecification who, String prefix) {
    return who.body(Map.of("name", prefix + "-" + UUID.randomUUID()))
        .post("/api/2.0/mlflow/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }
}
