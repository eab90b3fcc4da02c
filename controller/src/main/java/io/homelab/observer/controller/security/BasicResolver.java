package io.homelab.observer.controller.security;

/**
 * Resolves an {@code Authorization: Basic ...} header to its caller. Implemented by the auth
 * feature; declared here so that the filter does not depend on it.
 */
public interface BasicResolver {

  /**
   * The caller of {@code header}, coming from {@code address}.
   *
   * @throws RuntimeException an API error (401 when wrong, 429 when throttled)
   */
  Principal resolve(String header, String address);
}
