package io.homelab.observer.controller.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

/** Discord webhooks: {@code {"content": ...}}, at most 2000 characters. */
@Singleton
public class DiscordSender extends ChatSender {

  public DiscordSender(HttpPoster http, ObjectMapper json) {
    super(http, json);
  }

  @Override
  public String type() {
    return "discord";
  }

  @Override
  String field() {
    return "content";
  }

  @Override
  int limit() {
    return 2000;
  }
}
