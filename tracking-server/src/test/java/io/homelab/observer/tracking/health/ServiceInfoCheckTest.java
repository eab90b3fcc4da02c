package io.homelab.observer.tracking.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceInfoCheckTest {

  @Test
  void livenessReportsServiceAndVersion() {
    given()
        .when()
        .get("/q/health/live")
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'service' }.data.service", is("tracking-server"))
        .body("checks.find { it.name == 'service' }.data.version", is("0.1.0-SNAPSHOT"));
  }

  @Test
  void readinessIncludesDataDir() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.name", hasItem("data-dir"));
  }
}
