package io.homelab.observer.controller.alert;

import static io.homelab.observer.controller.TestApi.as;
import static io.homelab.observer.controller.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.homelab.observer.controller.Eventually;
import io.homelab.observer.controller.TestApi;
import io.homelab.observer.controller.metrics.Sample;
import io.homelab.observer.controller.metrics.SampleSink;
import io.homelab.observer.controller.notify.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A rule added through the API fires to a local webhook receiver (Alertmanager's JSON, after a
 * failed first attempt is retried) and resolves; silences keep matching alerts quiet.
 */
@QuarkusTest
class AlertFlowTest {

  @Inject SampleSink sink;

  @Test
  void alertFiresToWebhookAndResolves() throws Exception {
    String test = "flow" + System.nanoTime();
    try (WebhookReceiver receiver = new WebhookReceiver(1)) {
      String notifier = createWebhook(receiver, "flow-" + test, "s3cret-token");
      String rule =
          as(TestApi.tokenOf("operator"))
              .body(
                  Map.of(
                      "name",
                      "HomelabTestHigh",
                      "group",
                      test,
                      "expr",
                      "homelab_test_value{test=\"" + test + "\"} > 5",
                      "for",
                      "0s",
                      "labels",
                      Map.of("severity", "page"),
                      "annotations",
                      Map.of("summary", "{{ $labels.instance }} at {{ $value }}")))
              .post("/api/alerts/rules")
              .then()
              .statusCode(201)
              .extract()
              .path("id");

      push(test, 10);
      JsonNode firing = awaitWebhook(receiver, test, "firing");
      assertThat(firing.get("version").asText()).isEqualTo("4");
      assertThat(firing.get("receiver").asText()).isEqualTo("flow-" + test);
      JsonNode alert = ours(firing, test);
      assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("HomelabTestHigh");
      assertThat(alert.get("labels").get("severity").asText()).isEqualTo("page");
      assertThat(alert.get("annotations").get("summary").asText()).isEqualTo("host-a at 10");
      assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
      assertThat(receiver.received().get(0).header("Authorization"))
          .isEqualTo("Bearer s3cret-token");

      List<Map<String, Object>> active =
          asAdmin()
              .get("/api/alerts")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("findAll { it.labels.test == '" + test + "' }");
      assertThat(active)
          .singleElement()
          .satisfies(a -> assertThat(a.get("state")).isEqualTo("firing"));

      push(test, 1);
      JsonNode resolved = awaitWebhook(receiver, test, "resolved");
      assertThat(ours(resolved, test).get("endsAt").asText()).isNotEqualTo("0001-01-01T00:00:00Z");

      JsonPath history =
          asAdmin()
              .queryParam("alertname", "HomelabTestHigh")
              .get("/api/alerts/history")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(
              history.getList("findAll { it.labels.test == '" + test + "' }.state", String.class))
          .containsExactly("resolved", "firing");

      // the notifier's URL path and token never come back
      JsonPath view =
          asAdmin()
              .get("/api/alerts/notifiers/" + notifier)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(view.getString("url"))
          .isEqualTo("http://127.0.0.1:" + receiver.url("").split(":")[2] + "/…");
      assertThat(view.getBoolean("tokenSet")).isTrue();
      assertThat(asAdmin().get("/api/alerts/notifiers").asString())
          .doesNotContain("s3cret-token", "/hook");

      asAdmin().delete("/api/alerts/rules/" + rule).then().statusCode(204);
      asAdmin().delete("/api/alerts/notifiers/" + notifier).then().statusCode(204);
    }
  }

  @Test
  void silencedAlertIsListedButNotNotified() throws Exception {
    String test = "silence" + System.nanoTime();
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String notifier = createWebhook(receiver, "silence-" + test, null);
      String silence =
          as(TestApi.tokenOf("operator"))
              .body(
                  Map.of(
                      "matchers",
                      List.of(Map.of("name", "test", "value", test, "isRegex", false)),
                      "endsAt",
                      Instant.now().plusSeconds(3600).toString(),
                      "comment",
                      "maintenance"))
              .post("/api/alerts/silences")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      String rule =
          asAdmin()
              .body(
                  Map.of(
                      "name",
                      "HomelabTestSilenced",
                      "group",
                      test,
                      "expr",
                      "homelab_test_value{test=\"" + test + "\"} > 5"))
              .post("/api/alerts/rules")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      push(test, 10);
      Eventually.await(
          Duration.ofSeconds(60),
          () ->
              asAdmin()
                  .get("/api/alerts")
                  .then()
                  .extract()
                  .jsonPath()
                  .getList("findAll { it.labels.test == '" + test + "' }.silenced", Boolean.class),
          l -> l.equals(List.of(true)));
      Thread.sleep(2500); // two more evaluation rounds: still nothing sent
      assertThat(receiver.received()).noneMatch(r -> r.body().contains(test));

      // expiring the silence lets the notification through
      asAdmin()
          .delete("/api/alerts/silences/" + silence)
          .then()
          .statusCode(200)
          .body("status", org.hamcrest.Matchers.is("expired"));
      awaitWebhook(receiver, test, "firing");
      asAdmin().delete("/api/alerts/rules/" + rule).then().statusCode(204);
      asAdmin().delete("/api/alerts/notifiers/" + notifier).then().statusCode(204);
    }
  }

  @Test
  void badRulesAndSilencesAre400() {
    asAdmin()
        .body(Map.of("name", "bad name", "expr", "up"))
        .post("/api/alerts/rules")
        .then()
        .statusCode(400);
    asAdmin()
        .body(Map.of("name", "Ok", "expr", "up", "for", "5 minutes"))
        .post("/api/alerts/rules")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.containsString("for:"));
    asAdmin()
        .body(Map.of("name", "Ok", "expr", "up((("))
        .post("/api/alerts/rules")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("expr:"));
    asAdmin()
        .body(Map.of("matchers", List.of(), "endsAt", Instant.now().plusSeconds(60).toString()))
        .post("/api/alerts/silences")
        .then()
        .statusCode(400);
    asAdmin()
        .body(
            Map.of(
                "matchers",
                List.of(Map.of("name", "a", "value", "(", "isRegex", true)),
                "endsAt",
                Instant.now().plusSeconds(60).toString()))
        .post("/api/alerts/silences")
        .then()
        .statusCode(400);
    asAdmin().put("/api/alerts/rules/builtin:HostDown").then().statusCode(400);
    asAdmin()
        .body(Map.of("name", "X", "expr", "up"))
        .put("/api/alerts/rules/builtin:HostDown")
        .then()
        .statusCode(404);
  }

  private void push(String test, double value) {
    TreeMap<String, String> labels = new TreeMap<>();
    labels.put("__name__", "homelab_test_value");
    labels.put("test", test);
    labels.put("instance", "host-a");
    sink.append(List.of(new Sample(labels, System.currentTimeMillis(), value)));
  }

  static String createWebhook(WebhookReceiver receiver, String name, String token) {
    Map<String, Object> body =
        new java.util.HashMap<>(
            Map.of("name", name, "type", "webhook", "url", receiver.url("/hook")));
    if (token != null) {
      body.put("token", token);
    }
    return asAdmin()
        .body(body)
        .post("/api/alerts/notifiers")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonNode ours(JsonNode message, String test) {
    for (JsonNode a : message.get("alerts")) {
      if (a.get("labels").path("test").asText().equals(test)) {
        return a;
      }
    }
    throw new AssertionError("no alert of " + test + " in " + message);
  }

  private static JsonNode awaitWebhook(WebhookReceiver receiver, String test, String status) {
    // generous: the first evaluation rounds of a freshly started app on a cold, 2-core CI machine
    return Eventually.await(
        Duration.ofSeconds(60),
        () ->
            receiver.received().stream()
                .map(WebhookReceiver.Received::json)
                .filter(j -> j.get("status").asText().equals(status))
                // a message may group other alerts (built-in rules) with ours
                .filter(
                    j -> {
                      for (JsonNode a : j.get("alerts")) {
                        if (a.get("labels").path("test").asText().equals(test)) {
                          return true;
                        }
                      }
                      return false;
                    })
                .findFirst()
                .orElse(null),
        j -> j != null);
  }
}
