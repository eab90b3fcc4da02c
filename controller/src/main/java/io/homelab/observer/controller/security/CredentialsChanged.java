package io.homelab.observer.controller.security;

/**
 * Fired (synchronously, inside the change's transaction) when an account's password or role changes
 * or the account is deleted: every token of {@code userId} except {@code keepTokenId} (null: none
 * kept) must stop working at once. The token feature observes it, so the user feature does not
 * depend on it.
 */
public record CredentialsChanged(String userId, String keepTokenId) {}
