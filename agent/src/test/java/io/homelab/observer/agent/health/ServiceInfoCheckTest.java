package io.homelab.observer.agent.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.agent.AgentProfiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The agent serves health on its management interface (9100), beside the node metrics. */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class ServiceInfoCheckTest {

  // management = true already prefixes the management root path (/q): "/q/health" here would be
  // /q/q/health.
  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @Test
  void livenessReportsServiceAndVersion() {
    given()
        .when()
        .get(live)
        .then()
        .statusCode(200)
        .body("status", is("UP"))
        .body("checks.find { it.name == 'service' }.data.service", is("agent"))
        .body("checks.find { it.name == 'service' }.data.version", is("0.1.0-SNAPSHOT"));
  }

  @Test
  void readinessIncludesDataDir() {
    given().when().get(ready).then().statusCode(200).body("checks.name", hasItem("data-dir"));
  }
}
