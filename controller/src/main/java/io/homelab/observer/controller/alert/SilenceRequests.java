package io.homelab.observer.controller.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** Request bodies of {@code /api/alerts/silences}. */
public final class SilenceRequests {

  private SilenceRequests() {}

  /**
   * {@code POST /api/alerts/silences}.
   *
   * @param startsAt default now
   * @param endsAt required, after {@code startsAt}
   */
  @RegisterForReflection
  public record Create(List<Matcher> matchers, Instant startsAt, Instant endsAt, String comment) {}
}
