package io.homelab.observer.tracking.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(1_000);

  @Test
  void verifiesTheRightPasswordOnly() {
    String stored = hasher.hash("correct horse");
    assertThat(stored).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse", stored)).isTrue();
    assertThat(hasher.verify("correct hors", stored)).isFalse();
    assertThat(hasher.verify("", stored)).isFalse();
  }

  @Test
  void saltsEveryHash() {
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void keepsVerifyingHashesMadeWithAnotherWorkFactor() {
    String old = new PasswordHasher(500).hash("pw");
    assertThat(hasher.verify("pw", old)).isTrue();
  }

  @Test
  void malformedStoredValuesNeverMatch() {
    assertThat(hasher.verify("pw", null)).isFalse();
    assertThat(hasher.verify("pw", "")).isFalse();
    assertThat(hasher.verify("pw", "pw")).isFalse();
    assertThat(hasher.verify("pw", "pbkdf2-sha256$0$AA$AA")).isFalse();
    assertThat(hasher.verify("pw", "pbkdf2-sha256$x$AA$AA")).isFalse();
    assertThat(hasher.verify("pw", "md5$1$AA$AA")).isFalse();
    assertThat(hasher.verify("pw", "pbkdf2-sha256$10$!!$AA")).isFalse();
  }
}
