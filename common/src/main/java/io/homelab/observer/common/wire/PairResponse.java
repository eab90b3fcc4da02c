package io.homelab.observer.common.wire;

/**
 * Answer of a successful {@code POST /api/pair}.
 *
 * @param controllerKeyFingerprint SHA-256 hex of the pinned key's SPKI
 * @param tlsFingerprint the agent's certificate fingerprint (null without TLS), for the controller
 *     to pin
 */
public record PairResponse(
    boolean paired, String controllerKeyFingerprint, String tlsFingerprint) {}
