package io.homelab.observer.controller.security;

import com.fasterxml.jackson.annotation.JsonValue;
import io.homelab.observer.common.error.ApiException;
import java.util.Locale;

/**
 * Account roles, each including the rights of the ones before it: viewer reads, operator acts,
 * admin manages.
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** True when this role has at least the rights of {@code required}. */
  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code admin|operator|viewer}; anything else is a 400 naming the accepted values. */
  public static Role parse(String value) {
    if (value != null) {
      for (Role r : values()) {
        if (r.wire().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw ApiException.badRequest(
        "role must be one of admin, operator, viewer (got " + value + ")");
  }
}
