package io.homelab.observer.common.wire;

/**
 * Result of {@code POST /api/containers/{id}/{action}} and {@code DELETE /api/containers/{id}}.
 *
 * @param changed false when the container already was in the asked state (start of a running one):
 *     such calls succeed, they are idempotent
 * @param state Docker state after the action ({@code "removed"} after a delete)
 */
public record ContainerAction(String id, String action, boolean changed, String state) {}
