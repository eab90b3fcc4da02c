package io.homelab.observer.controller.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void hashIsSaltedArgon2idInPhcFormatAndVerifies() {
    String a = PasswordHasher.hash("correct horse battery staple");
    String b = PasswordHasher.hash("correct horse battery staple");
    assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
    assertThat(PasswordHasher.matches("correct horse battery staple", a)).isTrue();
    assertThat(PasswordHasher.matches("correct horse battery stapl", a)).isFalse();
  }

  @Test
  void malformedOrTamperedHashesNeverMatch() {
    String good = PasswordHasher.hash("pw-123456");
    assertThat(PasswordHasher.matches("pw-123456", "$2a$10$notargon")).isFalse();
    assertThat(PasswordHasher.matches("pw-123456", good.replace("m=19456", "m=99999999")))
        .isFalse();
    assertThat(PasswordHasher.matches("pw-123456", good.replace("$argon2id$", "$argon2i$")))
        .isFalse();
    assertThat(PasswordHasher.matches("pw-123456", "")).isFalse();
    assertThat(PasswordHasher.matches(null, good)).isFalse();
  }

  @Test
  void decoyHasTheRealParametersCostsARealCheckAndMatchesNothing() {
    String decoy = PasswordHasher.decoy();
    String real = PasswordHasher.hash("x");
    // Same prefix (parameters) and same field lengths as a real hash: the check derives the same
    // work.
    assertThat(decoy.substring(0, decoy.lastIndexOf('$', decoy.lastIndexOf('$') - 1)))
        .isEqualTo(real.substring(0, real.lastIndexOf('$', real.lastIndexOf('$') - 1)));
    assertThat(decoy).hasSameSizeAs(real).isNotEqualTo(PasswordHasher.decoy());
    long t0 = System.nanoTime();
    assertThat(PasswordHasher.matches("x", decoy)).isFalse();
    long decoyNanos = System.nanoTime() - t0;
    assertThat(PasswordHasher.matches("", decoy)).isFalse();
    // An Argon2 run with 19 MiB takes well over a millisecond: the decoy is not short-circuited.
    assertThat(decoyNanos).isGreaterThan(1_000_000L);
  }

  @Test
  void verifiesAKnownArgon2idVector() {
    // Produced by the reference argon2 CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
    // -l 32 -e
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(PasswordHasher.matches("password", reference)).isTrue();
  }
}
