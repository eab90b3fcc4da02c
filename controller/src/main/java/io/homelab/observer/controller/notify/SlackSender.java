package io.homelab.observer.controller.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

/**
 * Slack incoming webhooks and the services that accept their body (Mattermost, Rocket.Chat, Zulip's
 * Slack-compatible endpoint): {@code {"text": ...}}.
 */
@Singleton
public class SlackSender extends ChatSender {

  public SlackSender(HttpPoster http, ObjectMapper json) {
    super(http, json);
  }

  @Override
  public String type() {
    return "slack";
  }

  @Override
  String field() {
    return "text";
  }

  @Override
  int limit() {
    return 35000;
  }
}
