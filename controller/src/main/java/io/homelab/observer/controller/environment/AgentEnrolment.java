package io.homelab.observer.controller.environment;

import io.homelab.observer.common.client.AgentClient;
import io.homelab.observer.common.client.AgentException;
import io.homelab.observer.common.client.PinnedCertificateTrustManager;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.AgentPing;
import io.homelab.observer.common.wire.HostInfo;
import io.homelab.observer.controller.config.ControllerConfig;
import io.homelab.observer.controller.keys.ControllerKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Brings one agent under this controller: checks its certificate against the fingerprint the
 * operator copied from the agent (never trust on first use), learns its agent id, pairs it with the
 * code when one is given, and proves that a signed call works. The one place that decides what an
 * environment is bound to: URL, certificate, agent id, controller key.
 */
@ApplicationScoped
public class AgentEnrolment {

  /** What the caller gets back: the agent as it answered, bound to its certificate and id. */
  record Enrolled(String tlsFingerprint, String agentId, AgentPing ping, HostInfo host) {}

  private final AgentGateway agents;
  private final ControllerKeys keys;
  private final ControllerConfig.Agents config;

  public AgentEnrolment(AgentGateway agents, ControllerKeys keys, ControllerConfig config) {
    this.agents = agents;
    this.keys = keys;
    this.config = config.agents();
  }

  /**
   * Enrols the agent at {@code url}.
   *
   * @param tlsFingerprint what the agent printed with its pairing code; required for https
   * @param code the pairing code, or null when the agent was started with this controller's key
   */
  Enrolled enrol(String name, URI url, String tlsFingerprint, String code) {
    String fingerprint = pinnedFingerprint(url, tlsFingerprint);
    AgentPing ping;
    try {
      ping = agents.clientFor(url.toString(), fingerprint, null).ping();
    } catch (AgentException e) {
      throw AgentGateway.toApi(e, name);
    }
    if (ping == null || !"agent".equals(ping.service())) {
      throw new ApiException(
          502, AgentException.BAD_RESPONSE, url + " does not answer like a Homelab agent");
    }
    if (fingerprint != null
        && ping.tlsFingerprint() != null
        && !normalizeFingerprint(ping.tlsFingerprint()).equals(fingerprint)) {
      throw ApiException.conflict(
          "the agent reports certificate "
              + ping.tlsFingerprint()
              + " but presented "
              + fingerprint
              + "; refusing to pair");
    }
    String agentId = ping.agentId();
    if (agentId == null || !AgentGateway.AGENT_ID.matcher(agentId).matches()) {
      throw new ApiException(
          502,
          AgentException.BAD_RESPONSE,
          "environment "
              + name
              + ": the agent reports no agentId (32 hex digits); upgrade the agent, requests are"
              + " signed for one agent id");
    }
    AgentClient client = agents.clientFor(url.toString(), fingerprint, agentId);
    pairIfAsked(client, ping, code, url, name);
    try {
      return new Enrolled(fingerprint, agentId, ping, client.host());
    } catch (AgentException e) {
      throw AgentGateway.toApi(e, name);
    }
  }

  /**
   * The certificate fingerprint to pin: over https the operator's copy is required and must be what
   * the agent presents now; plain http pins nothing.
   */
  private String pinnedFingerprint(URI url, String given) {
    boolean hasGiven = given != null && !given.isBlank();
    if (!url.getScheme().equals("https")) {
      if (hasGiven) {
        throw ApiException.badRequest("tlsFingerprint needs an https:// url");
      }
      return null;
    }
    if (!hasGiven) {
      throw ApiException.badRequest(
          "tlsFingerprint is required for an https:// agent: give the TLS certificate SHA-256 the"
              + " agent printed at start with its pairing code (the controller does not trust a"
              + " certificate on first use)");
    }
    String expected = normalizeFingerprint(given);
    String seen = TlsProbe.fingerprint(url, config.connectTimeout().plus(config.timeout()));
    if (!expected.equals(seen)) {
      throw ApiException.conflict(
          "the agent presents certificate "
              + seen
              + ", not the expected "
              + expected
              + "; refusing to pair (someone in between, or the wrong host)");
    }
    return expected;
  }

  private void pairIfAsked(AgentClient client, AgentPing ping, String code, URI url, String name) {
    boolean trustsUs =
        ping.paired()
            && (ping.controllerKeyFingerprint() == null
                || ping.controllerKeyFingerprint().equalsIgnoreCase(keys.fingerprint()));
    if (trustsUs) {
      return;
    }
    if (code == null) {
      throw ApiException.conflict(
          "the agent at "
              + url
              + " does not trust this controller yet: add it with the pairingCode it printed, or"
              + " start it with HOMELAB_AGENT_CONTROLLER_PUBLIC_KEY set to GET /api/public-key");
    }
    if (ping.paired()) {
      throw ApiException.conflict(
          "the agent is already paired with another controller; reset its pairing"
              + " (delete its data dir's pinned key) or start it with this controller's key");
    }
    try {
      client.pair(code, keys.publicKeyBase64());
    } catch (AgentException e) {
      throw pairingError(e, name);
    }
  }

  private static ApiException pairingError(AgentException e, String name) {
    if (e.agentUnavailable()) {
      return AgentGateway.toApi(e, name);
    }
    return switch (e.status()) {
      case 401, 403 ->
          new ApiException(
              400,
              "PAIRING_FAILED",
              "environment "
                  + name
                  + ": the agent refused the pairing code ("
                  + e.getMessage()
                  + ")");
      case 409 ->
          ApiException.conflict(
              "environment " + name + ": the agent is already paired (" + e.getMessage() + ")");
      case 429 -> ApiException.tooManyRequests("environment " + name + ": " + e.getMessage());
      default -> AgentGateway.toApi(e, name);
    };
  }

  static String normalizeFingerprint(String fp) {
    try {
      return PinnedCertificateTrustManager.normalize(fp);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "tlsFingerprint must be a SHA-256 fingerprint (64 hex digits, ':' allowed)");
    }
  }
}
