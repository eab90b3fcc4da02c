package io.homelab.observer.agent.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.homelab.observer.agent.AgentProfiles;
import io.homelab.observer.agent.TestController;
import io.homelab.observer.agent.auth.ControllerKeyStore;
import io.homelab.observer.agent.config.StartupChecks;
import io.homelab.observer.agent.identity.AgentIdentity;
import io.homelab.observer.agent.tls.TlsIdentity;
import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.signing.Ed25519Keys;
import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.PairResponse;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A fresh agent with TLS: the controller pins the printed certificate fingerprint, pairs with the
 * printed code, and from then on signed calls work over HTTPS only.
 */
@QuarkusTest
@TestProfile(AgentProfiles.TlsUnpaired.class)
class TlsPairingTest {

  @TestHTTPResource(value = "/", tls = true)
  URI base;

  @Inject TlsIdentity tls;
  @Inject PairingService pairing;
  @Inject StartupChecks startup;

  @Test
  void pairOverPinnedTlsThenCallSigned() throws Exception {
    assertThat(base.getScheme()).isEqualTo("https");
    // What the operator reads on the agent's console at start.
    String fingerprint = tls.fingerprint().orElseThrow();
    String code = pairing.code();
    assertThat(code).hasSize(8);

    AgentClient pinned =
        AgentClient.builder(base)
            .tlsFingerprint(fingerprint)
            .signer(TestController.signer())
            .agentId(AgentIdentity.load(startup.dataDir()))
            .connectTimeout(Duration.ofSeconds(30))
            .requestTimeout(Duration.ofSeconds(30))
            .build();
    AgentPing ping = pinned.ping();
    assertThat(ping.paired()).isFalse();
    assertThat(ping.pairing()).isEqualTo("unpaired");
    assertThat(ping.tls()).isTrue();
    assertThat(ping.tlsFingerprint()).isEqualTo(fingerprint);
    assertThat(ping.agentId()).isEqualTo(AgentIdentity.load(startup.dataDir()));
    assertThat(ping.toString()).doesNotContain(code);

    assertThatThrownBy(() -> pinned.containers(true))
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.getMessage()).contains("not paired");
            });

    assertThatThrownBy(() -> pinned.pair("WRONGCDE", TestController.publicKey()))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(401));

    PairResponse paired = pinned.pair(code, TestController.publicKey());
    assertThat(paired.controllerKeyFingerprint())
        .isEqualTo(Ed25519Keys.fingerprint(TestController.KEYS.getPublic()));
    assertThat(paired.tlsFingerprint()).isEqualTo(fingerprint);
    assertThat(Files.readString(startup.dataDir().resolve(ControllerKeyStore.FILE)).strip())
        .isEqualTo(TestController.publicKey());

    assertThatThrownBy(
            () ->
                pinned.pair(code, Ed25519Keys.encodePublicKey(Ed25519Keys.generate().getPublic())))
        .isInstanceOfSatisfying(AgentException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThat(pinned.ping().paired()).isTrue();
    assertThat(pinned.host().dockerVersion()).isNotBlank();

    AgentClient wrongPin = AgentClient.builder(base).tlsFingerprint("00".repeat(32)).build();
    assertThatThrownBy(wrongPin::ping)
        .isInstanceOfSatisfying(
            AgentException.class,
            e -> assertThat(e.error()).isEqualTo(AgentException.TLS_MISMATCH));

    // No plain-HTTP listener on the API port.
    AgentClient plain =
        AgentClient.builder(URI.create("http://" + base.getHost() + ":" + base.getPort())).build();
    assertThatThrownBy(plain::ping).isInstanceOf(AgentException.class);
  }
}
