package io.homelab.observer.controller.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body, version 4, so receivers written for Alertmanager work unchanged:
 * {@code {version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels,
 * commonAnnotations, externalURL, alerts: [{status, labels, annotations, startsAt, endsAt,
 * generatorURL, fingerprint}]}}.
 */
@Singleton
public class WebhookSender implements Sender {

  /** Alertmanager's "zero" time for a firing alert's endsAt. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final HttpPoster http;
  private final ObjectMapper json;

  public WebhookSender(HttpPoster http, ObjectMapper json) {
    this.http = http;
    this.json = json;
  }

  @Override
  public String type() {
    return "webhook";
  }

  @Override
  public void send(NotifierEntity n, AlertMessage m) throws DeliveryException {
    Map<String, String> headers =
        n.secret == null ? Map.of() : Map.of("Authorization", "Bearer " + n.secret);
    try {
      http.post(n.url, "application/json", json.writeValueAsBytes(body(n.name, m)), headers);
    } catch (JsonProcessingException e) {
      throw new DeliveryException("cannot encode the message: " + e.getOriginalMessage(), false);
    }
  }

  static Map<String, Object> body(String receiver, AlertMessage m) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (AlertMessage.Alert a : m.alerts()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("status", a.status());
      out.put("labels", a.labels());
      out.put("annotations", a.annotations());
      out.put("startsAt", a.startsAt().toString());
      out.put("endsAt", a.endsAt() == null ? ZERO_TIME : a.endsAt().toString());
      out.put("generatorURL", a.generatorUrl() == null ? "" : a.generatorUrl());
      out.put("fingerprint", a.fingerprint());
      alerts.add(out);
    }
    Map<String, String> common = common(m, true);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", "4");
    body.put("groupKey", "{}:{}");
    body.put("truncatedAlerts", 0);
    body.put("status", m.status());
    body.put("receiver", receiver);
    body.put("groupLabels", Map.of());
    body.put("commonLabels", common);
    body.put("commonAnnotations", common(m, false));
    body.put("externalURL", "");
    body.put("alerts", alerts);
    return body;
  }

  /** Labels (or annotations) equal in every alert, as Alertmanager computes them. */
  private static Map<String, String> common(AlertMessage m, boolean labels) {
    Map<String, String> common = null;
    for (AlertMessage.Alert a : m.alerts()) {
      Map<String, String> these = labels ? a.labels() : a.annotations();
      if (common == null) {
        common = new HashMap<>(these);
      } else {
        common.entrySet().removeIf(e -> !e.getValue().equals(these.get(e.getKey())));
      }
    }
    return common == null ? Map.of() : new java.util.TreeMap<>(common);
  }
}
