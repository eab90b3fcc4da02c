package io.homelab.observer.agent;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.signing.RequestSigner;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;

/**
 * The controller as the tests play it: one Ed25519 key pair per test JVM, pinned in the agent by
 * {@link AgentProfiles}, and {@link AgentClient}s that sign with it.
 */
public final class TestController {

  /** The test controller's key pair. */
  public static final KeyPair KEYS = Ed25519Keys.generate();

  /** Label and name prefix of every Docker object these tests make (shared dockerd: clean only ours). */
  public static final String LABEL = "homelab.test";

  public static final String LABEL_VALUE = "agentapi";
  public static final String PREFIX = "agentapi-";

  private TestController() {}

  public static String publicKey() {
    return Ed25519Keys.encodePublicKey(KEYS.getPublic());
  }

  public static RequestSigner signer() {
    return new RequestSigner(KEYS.getPrivate());
  }

  /** A signed client for the agent at {@code base} (the test URL, with or without a trailing slash). */
  public static AgentClient client(URI base) {
    return AgentClient.builder(base).signer(signer()).requestTimeout(Duration.ofSeconds(60)).build();
  }

  /** The image the test environment imported locally; tests never pull from a registry. */
  public static String image() {
    String image = System.getenv("HOMELAB_TEST_DOCKER_IMAGE");
    if (image == null || image.isBlank()) {
      throw new IllegalStateException(
          "HOMELAB_TEST_DOCKER_IMAGE is not set: source target/test-env/env.sh (scripts/test-env.sh imports the busybox image)");
    }
    return image;
  }
}
