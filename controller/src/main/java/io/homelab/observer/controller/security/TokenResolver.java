package io.homelab.observer.controller.security;

import java.util.Optional;

/**
 * Turns a bearer secret into the caller behind it. {@link AuthFilter} depends on this rather than
 * on the token store, so the security types need nothing from the features that issue tokens.
 */
public interface TokenResolver {

  /** The caller behind {@code secret}, or empty when it is unknown, expired or revoked. */
  Optional<Principal> resolve(String secret);
}
