package io.homelab.observer.common.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signer and verifier agree, and every tampering the SPEC names is rejected. */
class RequestVerifierTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final KeyPair keys = Ed25519Keys.generate();
  private final RequestSigner signer = new RequestSigner(keys.getPrivate(), clock);
  private final RequestVerifier verifier = new RequestVerifier(clock, new NonceCache(1000));
  private final byte[] body = "{\"image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8);

  private void verify(Map<String, String> h, String method, String path, byte[] body)
      throws SignatureCheckException {
    verifier.verify(
        keys.getPublic(),
        method,
        path,
        h.get(SigningHeaders.TIMESTAMP),
        h.get(SigningHeaders.NONCE),
        h.get(SigningHeaders.SIGNATURE),
        body);
  }

  @Test
  void acceptsAFreshlySignedRequest() {
    Map<String, String> h = signer.sign("POST", "/api/containers?pull=true", body);
    assertThatCode(() -> verify(h, "POST", "/api/containers?pull=true", body))
        .doesNotThrowAnyException();
  }

  @Test
  void nonceIsSixteenRandomBytesHex() {
    String nonce = signer.sign("GET", "/api/host", null).get(SigningHeaders.NONCE);
    assertThat(nonce).matches("[0-9a-f]{32}");
    assertThat(signer.sign("GET", "/api/host", null).get(SigningHeaders.NONCE)).isNotEqualTo(nonce);
  }

  @Test
  void rejectsReplayOfTheSameNonce() throws Exception {
    Map<String, String> h = signer.sign("GET", "/api/host", null);
    verify(h, "GET", "/api/host", null);
    assertThatThrownBy(() -> verify(h, "GET", "/api/host", null))
        .isInstanceOf(SignatureCheckException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void rejectsTamperedBodyPathMethodAndQuery() {
    Map<String, String> h = signer.sign("POST", "/api/containers?pull=true", body);
    byte[] other = "{\"image\":\"evil\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> verify(h, "POST", "/api/containers?pull=true", other))
        .hasMessageContaining("invalid request signature");
    assertThatThrownBy(() -> verify(h, "POST", "/api/containers?pull=false", body))
        .hasMessageContaining("invalid request signature");
    assertThatThrownBy(() -> verify(h, "PUT", "/api/containers?pull=true", body))
        .hasMessageContaining("invalid request signature");
    assertThatThrownBy(() -> verify(h, "POST", "/api/images?pull=true", body))
        .hasMessageContaining("invalid request signature");
  }

  @Test
  void aForgedRequestDoesNotBurnTheNonce() throws Exception {
    Map<String, String> h = signer.sign("GET", "/api/host", null);
    assertThatThrownBy(() -> verify(h, "GET", "/api/hostx", null));
    verify(h, "GET", "/api/host", null);
  }

  @Test
  void rejectsExpiredAndFutureTimestampsButAcceptsTheEdgeOfTheWindow() {
    for (long offset : new long[] {-61, 61, -3600, 3600}) {
      RequestSigner skewed =
          new RequestSigner(
              keys.getPrivate(), Clock.offset(clock, java.time.Duration.ofSeconds(offset)));
      Map<String, String> h = skewed.sign("GET", "/api/host", null);
      assertThatThrownBy(() -> verify(h, "GET", "/api/host", null)).hasMessageContaining("window");
    }
    for (long offset : new long[] {-60, 60}) {
      RequestSigner skewed =
          new RequestSigner(
              keys.getPrivate(), Clock.offset(clock, java.time.Duration.ofSeconds(offset)));
      Map<String, String> h = skewed.sign("GET", "/api/host", null);
      assertThatCode(() -> verify(h, "GET", "/api/host", null)).doesNotThrowAnyException();
    }
  }

  @Test
  void rejectsAnotherKeyMissingHeadersAndNoPinnedKey() {
    RequestSigner stranger = new RequestSigner(Ed25519Keys.generate().getPrivate(), clock);
    Map<String, String> h = stranger.sign("GET", "/api/host", null);
    assertThatThrownBy(() -> verify(h, "GET", "/api/host", null))
        .hasMessageContaining("invalid request signature");
    assertThatThrownBy(
            () -> verifier.verify(keys.getPublic(), "GET", "/api/host", null, null, null, null))
        .hasMessageContaining("missing");
    Map<String, String> good = signer.sign("GET", "/api/host", null);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    null,
                    "GET",
                    "/api/host",
                    good.get(SigningHeaders.TIMESTAMP),
                    good.get(SigningHeaders.NONCE),
                    good.get(SigningHeaders.SIGNATURE),
                    null))
        .hasMessageContaining("not paired");
  }

  @Test
  void rejectsMalformedHeaders() {
    Map<String, String> h = signer.sign("GET", "/api/host", null);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(),
                    "GET",
                    "/api/host",
                    "soon",
                    h.get(SigningHeaders.NONCE),
                    h.get(SigningHeaders.SIGNATURE),
                    null))
        .hasMessageContaining("malformed");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(),
                    "GET",
                    "/api/host",
                    h.get(SigningHeaders.TIMESTAMP),
                    "abc",
                    h.get(SigningHeaders.SIGNATURE),
                    null))
        .hasMessageContaining("malformed");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(),
                    "GET",
                    "/api/host",
                    h.get(SigningHeaders.TIMESTAMP),
                    h.get(SigningHeaders.NONCE),
                    "%%%",
                    null))
        .hasMessageContaining("malformed");
  }

  @Test
  void canonicalFormIsTheSpecsFiveLines() {
    CanonicalRequest c = CanonicalRequest.of("GET", "/api/ping", "1700000000", "00ff", new byte[0]);
    assertThat(new String(c.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "GET\n/api/ping\n1700000000\n00ff\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
