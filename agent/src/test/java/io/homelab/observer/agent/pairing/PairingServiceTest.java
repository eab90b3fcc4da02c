package io.homelab.observer.agent.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.signing.Ed25519Keys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Wrong pairing codes are rate-limited for everybody, and the limit lifts after its window. */
class PairingServiceTest {

  @Test
  void tooManyWrongCodesAre429UntilTheWindowPasses() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    AgentConfig.Pairing limits =
        new AgentConfig.Pairing() {
          @Override
          public int maxAttempts() {
            return 3;
          }

          @Override
          public Duration window() {
            return Duration.ofMinutes(1);
          }

          @Override
          public boolean reset() {
            return false;
          }
        };
    var dir = java.nio.file.Files.createTempDirectory("pairing");
    var keys = new io.homelab.observer.agent.auth.ControllerKeyStoreAccess(dir).store();
    PairingService pairing =
        new PairingService(
            keys, io.homelab.observer.agent.tls.TlsIdentity.disabled(), limits, clock);
    String key = Ed25519Keys.encodePublicKey(Ed25519Keys.generate().getPublic());
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> pairing.pair("WRONG000", key))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
    String code = pairing.code();
    assertThatThrownBy(() -> pairing.pair(code, key))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(429));
    now.set(now.get().plusSeconds(61));
    assertThatThrownBy(() -> pairing.pair(code, "not a key"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(
            pairing
                .pair(code.substring(0, 4) + "-" + code.substring(4).toLowerCase(), key)
                .paired())
        .isTrue();
    assertThatThrownBy(() -> pairing.pair(code, key))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(pairing.code()).isNull();
  }
}
