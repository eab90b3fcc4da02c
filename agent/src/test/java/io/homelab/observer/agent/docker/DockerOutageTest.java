package io.homelab.observer.agent.docker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.is;

import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.container.ContainerTestSupport;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Docker stopped mid-test gives 502 (stalled: 504), the agent stays live with readiness "docker"
 * DOWN, and everything works again once Docker is back. Docker here is the real dockerd behind a
 * socket proxy that this test closes, never the shared daemon itself.
 */
@QuarkusTest
@TestProfile(AgentProfiles.ProxiedDocker.class)
class DockerOutageTest {

  static SocketProxy proxy;

  @TestHTTPResource("/")
  URI base;

  @TestHTTPResource(value = "/health/live", management = true)
  URL live;

  @TestHTTPResource(value = "/health/ready", management = true)
  URL ready;

  @BeforeAll
  static void startProxy() throws Exception {
    String socket = System.getProperty(AgentProfiles.ProxiedDocker.SOCKET_PROPERTY);
    proxy = new SocketProxy(Path.of(socket), Path.of("/var/run/docker.sock"));
    proxy.start();
  }

  @AfterAll
  static void stopProxy() throws Exception {
    proxy.close();
    ContainerTestSupport.removeOurContainers();
  }

  @Test
  void dockerGoneIs502StalledIs504AndTheAgentRecovers() throws Exception {
    AgentClient agent = TestController.client(base);
    assertThat(agent.containers(true)).isNotNull();
    assertThat(agent.ping().dockerReachable()).isTrue();

    proxy.stop();
    assertThatThrownBy(() -> agent.containers(true))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(502);
              assertThat(e.error()).isEqualTo("DOCKER_UNAVAILABLE");
            });
    assertThatThrownBy(agent::host)
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(502));
    ContainerTestSupport.waitFor(() -> !agent.ping().dockerReachable());
    assertThat(agent.ping().docker()).isEqualTo("unreachable");
    given().when().get(live).then().statusCode(200).body("status", is("UP"));
    given()
        .when()
        .get(ready)
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'docker' }.status", is("DOWN"));

    proxy.hang(true);
    proxy.start();
    assertThatThrownBy(() -> agent.containers(true))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(504);
              assertThat(e.error()).isEqualTo("DOCKER_TIMEOUT");
            });
    proxy.stop();

    proxy.hang(false);
    proxy.start();
    ContainerTestSupport.waitFor(() -> agent.ping().dockerReachable());
    assertThat(agent.containers(true)).isNotNull();
    given().when().get(ready).then().statusCode(200);
  }
}
