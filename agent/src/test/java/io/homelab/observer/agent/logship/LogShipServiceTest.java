package io.homelab.observer.agent.logship;

import static io.homelab.observer.agent.logship.ShipperHarness.await;
import static io.homelab.observer.agent.logship.ShipperHarness.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.identity.AgentIdentity;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The agent as configured by an operator: {@code homelab.agent.logs-url}, {@code logs-token} and
 * {@code logs.*} start shipping at agent start, batches are named after the agent id in the data
 * dir, and the shipping metrics are on {@code /q/metrics}. Opt-in mode, so the shared dockerd's
 * other containers (none labelled {@code homelab.logs=true}) are left alone.
 */
@QuarkusTest
@TestProfile(LogShipServiceTest.Shipping.class)
class LogShipServiceTest {

  static LogReceiver receiver;

  /** Ships to a {@link LogReceiver} started with the profile, in opt-in mode. */
  public static class Shipping implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        if (receiver == null) {
          receiver = new LogReceiver(ShipperHarness.TOKEN);
        }
        Path data = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "agent-logs-");
        return Map.of(
            "homelab.agent.data-dir",
            data.toString(),
            "homelab.agent.controller-public-key",
            TestController.publicKey(),
            "homelab.agent.logs-url",
            receiver.baseUrl() + "/",
            "homelab.agent.logs-token",
            ShipperHarness.TOKEN,
            "homelab.agent.logs.mode",
            "opt-in",
            "homelab.agent.logs.host",
            "wired-host",
            "homelab.agent.logs.flush-interval",
            "200ms");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject AgentIdentity identity;

  @TestHTTPResource(value = "/health/live", management = true)
  URL management;

  @AfterAll
  static void stopReceiver() {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void anOptedInContainerIsShippedUnderTheAgentsIdentityAndCounted() throws Exception {
    try (ShipperHarness docker = new ShipperHarness()) {
      String id =
          docker.run(
              "wired",
              Map.of("homelab.logs", "true"),
              "echo 'level=warn msg=\"first\"'; echo second; echo third >&2");
      await(30, "three lines shipped", () -> of(receiver.entries(), id).size() == 3);
      List<JsonNode> got = of(receiver.entries(), id);
      assertThat(got)
          .extracting(e -> e.path("message").asText())
          .containsExactlyInAnyOrder("level=warn msg=\"first\"", "second", "third");
      assertThat(got).allMatch(e -> e.path("host").asText().equals("wired-host"));
      assertThat(got)
          .filteredOn(e -> e.path("message").asText().equals("second"))
          .singleElement()
          .satisfies(e -> assertThat(e.has("level")).isFalse());
      assertThat(got)
          .filteredOn(e -> e.path("message").asText().startsWith("level="))
          .singleElement()
          .satisfies(e -> assertThat(e.path("level").asText()).isEqualTo("warn"));
      assertThat(receiver.batchIds()).allMatch(b -> b.startsWith(identity.id() + "-"));

      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://localhost:" + management.getPort() + "/q/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.body())
          .contains("# TYPE homelab_agent_logs_shipped_total counter")
          .containsPattern("(?m)^homelab_agent_logs_shipped_total [1-9]")
          .contains("homelab_agent_logs_dropped_total{reason=\"buffer_full\"} 0")
          .contains("homelab_agent_logs_buffer_bytes");
    }
  }

  @Test
  void aLogsUrlThatIsNotHttpIsAConfigurationError() {
    assertThatThrownBy(() -> LogShipService.baseUrl("observer:5000"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("homelab.agent.logs-url");
    assertThatThrownBy(() -> LogShipService.baseUrl("ftp://observer"))
        .isInstanceOf(ConfigurationException.class);
    assertThat(LogShipService.baseUrl(" https://observer:5000 ").getHost()).isEqualTo("observer");
  }
}
