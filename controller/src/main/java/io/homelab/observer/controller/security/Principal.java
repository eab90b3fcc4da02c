package io.homelab.observer.controller.security;

/**
 * Who is calling: the account, the role its token grants (never above the account's) and the token
 * itself.
 */
public record Principal(
    String userId, String username, Role role, String tokenId, String tokenKind) {}
