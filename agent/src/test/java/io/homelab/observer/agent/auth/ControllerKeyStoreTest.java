package io.homelab.observer.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.common.signing.Ed25519Keys;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pinned key survives restarts, can be pinned once only, and is forgotten on a reset. */
class ControllerKeyStoreTest {

  @Test
  void pinnedKeySurvivesARestartAndIsPinnedOnce(@TempDir Path dir) {
    Path file = dir.resolve(ControllerKeyStore.FILE);
    ControllerKeyStore first = new ControllerKeyStore(file, Optional.empty(), false);
    assertThat(first.key()).isEmpty();
    PublicKey key = Ed25519Keys.generate().getPublic();
    assertThat(first.pinOnce(key)).isTrue();
    assertThat(first.pinOnce(Ed25519Keys.generate().getPublic())).isFalse();

    ControllerKeyStore restarted = new ControllerKeyStore(file, Optional.empty(), false);
    assertThat(restarted.key())
        .hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
    assertThat(restarted.fingerprint()).isEqualTo(Ed25519Keys.fingerprint(key));
  }

  @Test
  void resetForgetsThePinnedKey(@TempDir Path dir) {
    Path file = dir.resolve(ControllerKeyStore.FILE);
    new ControllerKeyStore(file, Optional.empty(), false)
        .pinOnce(Ed25519Keys.generate().getPublic());
    ControllerKeyStore reset = new ControllerKeyStore(file, Optional.empty(), true);
    assertThat(reset.key()).isEmpty();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void configuredKeyWinsAndIsPersisted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(ControllerKeyStore.FILE);
    PublicKey key = Ed25519Keys.generate().getPublic();
    ControllerKeyStore store =
        new ControllerKeyStore(file, Optional.of(Ed25519Keys.encodePublicKey(key)), false);
    assertThat(store.configured()).isTrue();
    assertThat(Files.readString(file).strip()).isEqualTo(Ed25519Keys.encodePublicKey(key));
    assertThatThrownBy(() -> new ControllerKeyStore(file, Optional.of("not-a-key"), false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("homelab.agent.controller-public-key");
  }
}
