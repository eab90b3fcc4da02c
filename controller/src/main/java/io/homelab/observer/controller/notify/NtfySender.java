package io.homelab.observer.controller.notify;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ntfy: the text as the body of a POST to the topic URL, title, priority and tags as headers
 * (ntfy's publish API), an access token as bearer.
 */
@Singleton
public class NtfySender implements Sender {

  private final HttpPoster http;

  public NtfySender(HttpPoster http) {
    this.http = http;
  }

  @Override
  public String type() {
    return "ntfy";
  }

  @Override
  public void send(NotifierEntity n, AlertMessage m) throws DeliveryException {
    boolean firing = m.status().equals("firing");
    Map<String, String> headers = new LinkedHashMap<>();
    // header values must be ASCII-safe: ntfy reads RFC 2047 for others, plain ASCII is simplest
    headers.put("Title", ascii(MessageText.title(m)));
    headers.put("Priority", firing ? "high" : "default");
    headers.put("Tags", firing ? "rotating_light" : "white_check_mark");
    if (n.secret != null) {
      headers.put("Authorization", "Bearer " + n.secret);
    }
    http.post(
        n.url,
        "text/plain; charset=utf-8",
        MessageText.body(m).getBytes(StandardCharsets.UTF_8),
        headers);
  }

  private static String ascii(String s) {
    String out = s.replaceAll("[^\\x20-\\x7e]", "?");
    return out.length() > 250 ? out.substring(0, 250) : out;
  }
}
