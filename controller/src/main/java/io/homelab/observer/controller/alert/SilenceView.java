package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A silence as the API shows it.
 *
 * @param status {@code active}, {@code pending} (starts later) or {@code expired}
 */
@RegisterForReflection
public record SilenceView(
    String id,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment,
    String status) {

  static SilenceView of(SilenceEntity e, long now) {
    String status = now < e.startsAt ? "pending" : now < e.endsAt ? "active" : "expired";
    return new SilenceView(
        e.id,
        JsonMaps.readMatchers(e.matchers),
        Instant.ofEpochMilli(e.startsAt),
        Instant.ofEpochMilli(e.endsAt),
        e.createdBy,
        e.comment,
        status);
  }

  boolean silences(java.util.Map<String, String> labels, long now) {
    return now >= startsAt.toEpochMilli()
        && now < endsAt.toEpochMilli()
        && matchers.stream().allMatch(m -> m.matches(labels));
  }
}
