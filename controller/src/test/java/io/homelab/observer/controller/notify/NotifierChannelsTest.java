package io.homelab.observer.controller.notify;

import static io.homelab.observer.controller.TestApi.as;
import static io.homelab.observer.controller.TestApi.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.homelab.observer.controller.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every notifier type delivers its test message to a real receiver on loopback (HTTP for ntfy,
 * Discord and Slack; SMTP for e-mail) in the shape that service expects; a receiver that refuses is
 * a 502 that says why. A few seconds.
 */
@QuarkusTest
class NotifierChannelsTest {

  @Test
  void ntfyDiscordAndSlackGetTheirOwnShapes() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String ntfy = create(Map.of("type", "ntfy", "url", receiver.url("/alerts"), "token", "tk"));
      String discord = create(Map.of("type", "discord", "url", receiver.url("/discord")));
      String slack = create(Map.of("type", "slack", "url", receiver.url("/slack")));
      for (String id : List.of(ntfy, discord, slack)) {
        as(TestApi.tokenOf("operator"))
            .post("/api/alerts/notifiers/" + id + "/test")
            .then()
            .statusCode(204);
      }
      WebhookReceiver.Received n = only(receiver, "/alerts");
      assertThat(n.header("Title")).contains("HomelabTestNotification");
      assertThat(n.header("Priority")).isEqualTo("high");
      assertThat(n.header("Authorization")).isEqualTo("Bearer tk");
      assertThat(n.body()).contains("Test notification from the homelab controller");
      assertThat(only(receiver, "/discord").json().get("content").asText())
          .contains("HomelabTestNotification");
      assertThat(only(receiver, "/slack").json().get("text").asText())
          .contains("Test notification from the homelab controller");
      for (String id : List.of(ntfy, discord, slack)) {
        asAdmin().delete("/api/alerts/notifiers/" + id).then().statusCode(204);
      }
    }
  }

  @Test
  void emailGoesOutOverSmtp() throws Exception {
    try (SmtpReceiver smtp = new SmtpReceiver()) {
      Map<String, Object> body = new HashMap<>();
      body.put("type", "email");
      body.put("smtpHost", "127.0.0.1");
      body.put("smtpPort", smtp.port());
      body.put("smtpTls", "none");
      body.put("from", "homelab@example.test");
      body.put("to", List.of("ops@example.test", "me@example.test"));
      String id = create(body);
      asAdmin().post("/api/alerts/notifiers/" + id + "/test").then().statusCode(204);
      assertThat(smtp.mails()).singleElement();
      SmtpReceiver.Mail mail = smtp.mails().get(0);
      assertThat(mail.from()).isEqualTo("<homelab@example.test>");
      assertThat(mail.to()).containsExactly("<ops@example.test>", "<me@example.test>");
      // the subject header names the alert; the body may be quoted-printable, so only its start
      assertThat(mail.data()).containsPattern("(?m)^Subject: \\[FIRING\\] HomelabTestNotification");
      assertThat(mail.data()).contains("FIRING HomelabTestNotification");
      asAdmin().delete("/api/alerts/notifiers/" + id).then().statusCode(204);
    }
  }

  @Test
  void aRefusingReceiverIs502WithTheReason() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(1)) {
      String id = create(Map.of("type", "slack", "url", receiver.url("/slack")));
      asAdmin()
          .post("/api/alerts/notifiers/" + id + "/test")
          .then()
          .statusCode(502)
          .body("message", org.hamcrest.Matchers.containsString("503"));
      asAdmin().delete("/api/alerts/notifiers/" + id).then().statusCode(204);
    }
  }

  private static String create(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(fields);
    body.put("name", "ch-" + fields.get("type") + "-" + System.nanoTime());
    return asAdmin()
        .body(body)
        .post("/api/alerts/notifiers")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static WebhookReceiver.Received only(WebhookReceiver r, String path) {
    List<WebhookReceiver.Received> got =
        r.received().stream().filter(x -> x.path().equals(path)).toList();
    assertThat(got).as("requests to " + path).hasSize(1);
    return got.get(0);
  }
}
