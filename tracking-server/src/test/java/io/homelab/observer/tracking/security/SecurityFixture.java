package io.homelab.observer.tracking.security;

import io.homelab.observer.tracking.auth.AuthOnProfile;
import io.homelab.observer.tracking.auth.AuthOnUsers;
import io.homelab.observer.tracking.auth.Grants;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * Two users of the auth-on server ({@link AuthOnProfile}) who own one experiment, run and
 * registered model each: the attacker ("bob") and the victim ("alice"). The victim's experiment and
 * model are closed to the attacker with NO_PERMISSIONS unless a test opens them.
 */
final class SecurityFixture {

  static final String API = "/api/2.0/mlflow";

  final String alice = "alice-" + UUID.randomUUID().toString().substring(0, 8);
  final String bob = "bob-" + UUID.randomUUID().toString().substring(0, 8);
  final String aliceExperiment;
  final String bobExperiment;
  final String aliceRun;
  final String bobRun;
  final String aliceModel = "alice-model-" + UUID.randomUUID().toString().substring(0, 8);
  final String bobModel = "bob-model-" + UUID.randomUUID().toString().substring(0, 8);

  SecurityFixture() {
    createUser(alice);
    createUser(bob);
    aliceExperiment = experiment(as(alice));
    bobExperiment = experiment(as(bob));
    aliceRun = run(as(alice), aliceExperiment);
    bobRun = run(as(bob), bobExperiment);
    as(alice)
        .body(Map.of("name", aliceModel))
        .post(API + "/registered-models/create")
        .then()
        .statusCode(200);
    as(bob)
        .body(Map.of("name", bobModel))
        .post(API + "/registered-models/create")
        .then()
        .statusCode(200);
    grantExperiment(aliceExperiment, bob, "NO_PERMISSIONS");
    Grants.registeredModel(SecurityFixture::admin, aliceModel, bob, "NO_PERMISSIONS");
  }

  static RequestSpecification admin() {
    return AuthOnUsers.admin();
  }

  static RequestSpecification basic(String user, String password) {
    return AuthOnUsers.basic(user, password);
  }

  static RequestSpecification as(String user) {
    return AuthOnUsers.as(user);
  }

  static void createUser(String name) {
    admin()
        .body(Map.of("username", name, "password", name + "-password"))
        .post(API + "/users/create")
        .then()
        .statusCode(200);
  }

  static String experiment(RequestSpecification who) {
    return who.body(Map.of("name", "sec-exp-" + UUID.randomUUID()))
        .post(API + "/experiments/create")
        .then()
        .statusCode(200)
        .extract()
        .path("experiment_id");
  }

  static String run(RequestSpecification who, String experimentId) {
    return who.body(Map.of("experiment_id", experimentId))
        .post(API + "/runs/create")
        .then()
        .statusCode(200)
        .extract()
        .path("run.info.run_id");
  }

  /** Sets the user's permission on an experiment (replacing any grant). */
  static void grantExperiment(String experimentId, String user, String permission) {
    Grants.experiment(SecurityFixture::admin, experimentId, user, permission);
  }

  /** The victim's run as the admin sees it. */
  Response aliceRunNow() {
    return admin().queryParam("run_id", aliceRun).get(API + "/runs/get");
  }
}
