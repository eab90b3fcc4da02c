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

  /**
   * Label and name prefix of every Docker object these tests make (shared dockerd: clean only
   * ours).
   */
  public static final String LABEL = "homelab.test";

  public static final String LABEL_VALUE = "agentapi";

  /**
   * One id per test run: two runs of this suite at once (two worktrees on the shared dockerd) must
   * not clean up each other's containers, so clean-up goes by this label, not by {@link #LABEL}
   * alone.
   */
  public static final String RUN_LABEL = "homelab.test.run";

  public static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);

  /** Name prefix of every container and volume of this run. */
  public static final String PREFIX = "agentapi-" + RUN + "-";

  /** The labels every test object carries. */
  public static java.util.Map<String, String> labels() {
    return java.util.Map.of(LABEL, LABEL_VALUE, RUN_LABEL, RUN);
  }

  private TestController() {}

  public static String publicKey() {
    return Ed25519Keys.encodePublicKey(KEYS.getPublic());
  }

  public static RequestSigner signer() {
    return new RequestSigner(KEYS.getPrivate());
  }

  /**
   * A signed client for the agent at {@code base} (the test URL, with or without a trailing slash).
   */
  public static AgentClient client(URI base) {
    // The id is the sixth signed line; the controller stores it at pairing, the tests ask the ping.
    String agentId = AgentClient.builder(base).build().ping().agentId();
    return AgentClient.builder(base)
        .signer(signer())
        .agentId(agentId)
        .requestTimeout(Duration.ofSeconds(60))
        .build();
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
