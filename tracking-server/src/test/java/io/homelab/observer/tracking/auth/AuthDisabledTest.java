package io.homelab.observer.tracking.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared test app runs with homelab.tracking.auth.enabled=false: the trusted-LAN mode. */
@QuarkusTest
class AuthDisabledTest {

  @Test
  void everythingAnswersWithoutCredentials() {
    given().get("/version").then().statusCode(200);
    given()
        .contentType("application/json")
        .body(Map.of())
        .post("/api/2.0/mlflow/experiments/search")
        .then()
        .statusCode(200);
  }

  @Test
  void usersAndPermissionsApiDoesNotExist() {
    given()
        .contentType("application/json")
        .body(Map.of("username", "mallory", "password", "mallory-password"))
        .post("/api/2.0/mlflow/users/create")
        .then()
        .statusCode(404)
        .body("error_code", is("ENDPOINT_NOT_FOUND"));
    given()
        .contentType("application/json")
        .body(
            Map.of(
                "username", "mallory",
                "resource_type", "experiment",
                "resource_id", "0",
                "permission", "MANAGE"))
        .post("/api/3.0/mlflow/users/permissions/grant")
        .then()
        .statusCode(404);
  }

  @TestHTTPResource URL base;

  /** The declared length alone is refused: the 32 MiB are never sent, let alone parsed. */
  @Test
  void oversizedJsonBodyIsRefusedBeforeParsing() throws Exception {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(60_000);
      String req =
          "POST /api/2.0/mlflow/runs/log-batch HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + ((32L << 20) + 1)
              + "\r\nConnection: close\r\n\r\n{}";
      s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
      // Read the answer only (the server may keep the socket until it gives up on the body).
      byte[] buffer = new byte[4096];
      StringBuilder response = new StringBuilder();
      int n;
      while (!response.toString().contains("RESOURCE_EXHAUSTED")
          && (n = s.getInputStream().read(buffer)) > 0) {
        response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
      assertThat(response.toString()).startsWith("HTTP/1.1 413").contains("RESOURCE_EXHAUSTED");
    }
  }
}
