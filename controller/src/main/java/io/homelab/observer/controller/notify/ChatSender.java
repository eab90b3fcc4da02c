package io.homelab.observer.controller.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Chat incoming webhooks: one JSON object with the text in one field and a length limit. */
abstract class ChatSender implements Sender {

  private final HttpPoster http;
  private final ObjectMapper json;

  ChatSender(HttpPoster http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  /** The JSON field that carries the text. */
  abstract String field();

  /** Longest text the service accepts. */
  abstract int limit();

  @Override
  public void send(NotifierEntity n, AlertMessage m) throws DeliveryException {
    String text = "**" + MessageText.title(m) + "**\n" + MessageText.body(m);
    if (text.length() > limit()) {
      text = text.substring(0, limit() - 1) + "…";
    }
    try {
      http.post(n.url, "application/json", json.writeValueAsBytes(Map.of(field(), text)), Map.of());
    } catch (JsonProcessingException e) {
      throw new DeliveryException("cannot encode the message: " + e.getOriginalMessage(), false);
    }
  }
}
