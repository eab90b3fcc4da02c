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
  private static final String AGENT = "0123456789abcdef0123456789abcdef";
  private final byte[] body = "{\"image\":\"busybox\"}".getBytes(StandardCharsets.UTF_8);

  private void verify(Map<String, String> h, String method, String path, byte[] body)
      throws SignatureCheckException {
    verifier.verify(
        keys.getPublic(),
        AGENT,
        method,
        path,
        h.get(SigningHeaders.TIMESTAMP),
        h.get(SigningHeaders.NONCE),
        h.get(SigningHeaders.SIGNATURE),
        body);
  }

  @Test
  void acceptsAFreshlySignedRequest() {
    Map<String, String> h = signer.sign("POST", "/api/containers?pull=true", body, AGENT);
    assertThatCode(() -> verify(h, "POST", "/api/containers?pull=true", body))
        .doesNotThrowAnyException();
  }

  @Test
  void nonceIsSixteenRandomBytesHex() {
    String nonce = signer.sign("GET", "/api/host", null, AGENT).get(SigningHeaders.NONCE);
    assertThat(nonce).matches("[0-9a-f]{32}");
    assertThat(signer.sign("GET", "/api/host", null, AGENT).get(SigningHeaders.NONCE))
        .isNotEqualTo(nonce);
  }

  @Test
  void rejectsReplayOfTheSameNonce() throws Exception {
    Map<String, String> h = signer.sign("GET", "/api/host", null, AGENT);
    verify(h, "GET", "/api/host", null);
    assertThatThrownBy(() -> verify(h, "GET", "/api/host", null))
        .isInstanceOf(SignatureCheckException.class)
        .hasMessageContaining("nonce");
  }

  @Test
  void rejectsTamperedBodyPathMethodAndQuery() {
    Map<String, String> h = signer.sign("POST", "/api/containers?pull=true", body, AGENT);
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
    Map<String, String> h = signer.sign("GET", "/api/host", null, AGENT);
    assertThatThrownBy(() -> verify(h, "GET", "/api/hostx", null));
    verify(h, "GET", "/api/host", null);
  }

  @Test
  void rejectsExpiredAndFutureTimestampsButAcceptsTheEdgeOfTheWindow() {
    for (long offset : new long[] {-61, 61, -3600, 3600}) {
      RequestSigner skewed =
          new RequestSigner(
              keys.getPrivate(), Clock.offset(clock, java.time.Duration.ofSeconds(offset)));
      Map<String, String> h = skewed.sign("GET", "/api/host", null, AGENT);
      assertThatThrownBy(() -> verify(h, "GET", "/api/host", null)).hasMessageContaining("window");
    }
    for (long offset : new long[] {-60, 60}) {
      RequestSigner skewed =
          new RequestSigner(
              keys.getPrivate(), Clock.offset(clock, java.time.Duration.ofSeconds(offset)));
      Map<String, String> h = skewed.sign("GET", "/api/host", null, AGENT);
      assertThatCode(() -> verify(h, "GET", "/api/host", null)).doesNotThrowAnyException();
    }
  }

  @Test
  void rejectsAnotherKeyMissingHeadersAndNoPinnedKey() {
    RequestSigner stranger = new RequestSigner(Ed25519Keys.generate().getPrivate(), clock);
    Map<String, String> h = stranger.sign("GET", "/api/host", null, AGENT);
    assertThatThrownBy(() -> verify(h, "GET", "/api/host", null))
        .hasMessageContaining("invalid request signature");
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(), AGENT, "GET", "/api/host", null, null, null, null))
        .hasMessageContaining("missing");
    Map<String, String> good = signer.sign("GET", "/api/host", null, AGENT);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    null,
                    AGENT,
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
    Map<String, String> h = signer.sign("GET", "/api/host", null, AGENT);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(),
                    AGENT,
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
                    AGENT,
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
                    AGENT,
                    "GET",
                    "/api/host",
                    h.get(SigningHeaders.TIMESTAMP),
                    h.get(SigningHeaders.NONCE),
                    "%%%",
                    null))
        .hasMessageContaining("malformed");
  }

  @Test
  void aRequestSignedForOneAgentFailsOnAnother() {
    Map<String, String> h = signer.sign("POST", "/api/containers/x/stop", null, AGENT);
    assertThatThrownBy(
            () ->
                verifier.verify(
                    keys.getPublic(),
                    "fedcba9876543210fedcba9876543210",
                    "POST",
                    "/api/containers/x/stop",
                    h.get(SigningHeaders.TIMESTAMP),
                    h.get(SigningHeaders.NONCE),
                    h.get(SigningHeaders.SIGNATURE),
                    null))
        .hasMessageContaining("invalid request signature");
  }

  @Test
  void theOldFiveLineFormIsRefused() throws Exception {
    String ts = Long.toString(NOW.getEpochSecond());
    String nonce = "00112233445566778899aabbccddeeff";
    String five = "GET\n/api/host\n" + ts + "\n" + nonce + "\n" + CanonicalRequest.sha256Hex(null);
    java.security.Signature s = java.security.Signature.getInstance("Ed25519");
    s.initSign(keys.getPrivate());
    s.update(five.getBytes(StandardCharsets.UTF_8));
    String sig = java.util.Base64.getEncoder().encodeToString(s.sign());
    assertThatThrownBy(
            () ->
                verifier.verify(keys.getPublic(), AGENT, "GET", "/api/host", ts, nonce, sig, null))
        .hasMessageContaining("invalid request signature");
  }

  @Test
  void noAgentIdNoCanonicalRequest() {
    assertThatThrownBy(() -> CanonicalRequest.of("GET", "/api/host", "1", "00ff", null, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalRequest.of("GET", "/api/host", "1", "00ff", null, "a\nb"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void canonicalFormIsTheSpecsSixLines() {
    CanonicalRequest c =
        CanonicalRequest.of("GET", "/api/ping", "1700000000", "00ff", new byte[0], AGENT);
    assertThat(new String(c.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "GET\n/api/ping\n1700000000\n00ff\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                + AGENT);
  }
}
