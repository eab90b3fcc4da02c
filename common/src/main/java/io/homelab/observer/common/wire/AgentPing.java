package io.homelab.observer.common.wire;

/**
 * Answer of the agent's unsigned {@code GET /api/ping}.
 *
 * @param service always {@code "agent"}
 * @param version agent version
 * @param paired whether a controller key is pinned
 * @param pairing {@code "paired"} or {@code "unpaired"}; the pairing code itself is never served
 * @param docker the Docker engine version when reachable, else {@code "unreachable"}
 * @param dockerReachable whether dockerd answered the latest probe
 * @param tls whether 9001 speaks HTTPS
 * @param tlsFingerprint SHA-256 of the agent's TLS certificate (lower-case hex), null without TLS
 * @param controllerKeyFingerprint SHA-256 of the pinned controller key's SPKI, null when unpaired
 * @param hostname the host's name as Docker reports it (or the agent's when Docker is down)
 * @param agentId the agent's stable random id: the sixth line of every request signed for it
 */
public record AgentPing(
    String service,
    String version,
    boolean paired,
    String pairing,
    String docker,
    boolean dockerReachable,
    boolean tls,
    String tlsFingerprint,
    String controllerKeyFingerprint,
    String hostname,
    String agentId) {}
