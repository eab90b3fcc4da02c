package io.homelab.observer.common.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key encoding round trips, and key files survive a restart. */
class Ed25519KeysTest {

  @Test
  void publicKeyRoundTripsThroughBase64Spki() {
    KeyPair pair = Ed25519Keys.generate();
    String text = Ed25519Keys.encodePublicKey(pair.getPublic());
    assertThat(Ed25519Keys.decodePublicKey(text).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(Ed25519Keys.fingerprint(pair.getPublic())).matches("[0-9a-f]{64}");
  }

  @Test
  void rejectsTextThatIsNotAnEd25519Key() {
    assertThatThrownBy(() -> Ed25519Keys.decodePublicKey("not base64!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("base64");
    assertThatThrownBy(() -> Ed25519Keys.decodePublicKey("AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519Keys.decodePublicKey(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void loadOrCreateKeepsTheSameKeyAndProtectsThePrivateFile(@TempDir Path dir) throws Exception {
    KeyPair first = Ed25519Keys.loadOrCreate(dir);
    KeyPair second = Ed25519Keys.loadOrCreate(dir);
    assertThat(second.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
    assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("private.key"))))
        .isEqualTo("rw-------");
  }
}
