package io.homelab.observer.common.wire;

/**
 * Body of {@code POST /api/pair}: the code the agent printed and the controller's base64 SPKI key.
 */
public record PairRequest(String code, String publicKey) {}
