package io.homelab.observer.tracking.auth;

import io.homelab.observer.tracking.auth.AuthStore.Resource;
import io.quarkus.arc.Arc;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Test set-up of a user's permission on an experiment or registered model through MLflow 3.17's
 * per-user API ({@code /api/3.0/mlflow/users/permissions/revoke} then {@code grant}). That API
 * grants READ, USE, EDIT, MANAGE and DENY only; a NO_PERMISSIONS row (left by the 2.x API MLflow
 * 3.17 removed, which existing databases still hold and which still count) is written by the store.
 */
public final class Grants {

  private static final String USERS = "/api/3.0/mlflow/users/permissions/";

  private Grants() {}

  public static void experiment(
      Supplier<RequestSpecification> admin, String experimentId, String user, String permission) {
    set(admin, Resource.EXPERIMENT, "experiment", experimentId, user, permission);
  }

  public static void registeredModel(
      Supplier<RequestSpecification> admin, String name, String user, String permission) {
    set(admin, Resource.REGISTERED_MODEL, "registered_model", name, user, permission);
  }

  private static void set(
      Supplier<RequestSpecification> admin,
      Resource resource,
      String type,
      String id,
      String user,
      String permission) {
    Map<String, String> body =
        Map.of(
            "username", user, "resource_type", type, "resource_id", id, "permission", permission);
    // No grant yet is a 404 here: either way the pair has none afterwards.
    admin.get().body(body).post(USERS + "revoke");
    if (permission.equals("NO_PERMISSIONS")) {
      AuthStore store = Arc.container().instance(AuthStore.class).get();
      long userId = store.user(user).orElseThrow().id();
      store.grant(resource, id, userId, Permission.NO_PERMISSIONS);
      return;
    }
    admin.get().body(body).post(USERS + "grant").then().statusCode(200);
  }
}
