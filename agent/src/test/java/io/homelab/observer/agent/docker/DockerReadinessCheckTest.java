package io.homelab.observer.agent.docker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import com.github.dockerjava.api.DockerClient;
import io.homelab.observer.agent.AgentProfiles;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The DockerClient bean reaches the real dockerd and readiness reports it. */
@QuarkusTest
@TestProfile(AgentProfiles.Paired.class)
class DockerReadinessCheckTest {

  @Inject DockerClient docker;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @Test
  void dockerClientBeanTalksToTheRealDaemon() {
    assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
  }

  @Test
  void readinessDockerIsUpWithTheDaemonVersion() {
    given()
        .when()
        .get(ready)
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'docker' }.status", is("UP"));
  }
}
