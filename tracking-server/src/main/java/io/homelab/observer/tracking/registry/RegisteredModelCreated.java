package io.homelab.observer.tracking.registry;

/**
 * Fired synchronously after a registered model was created; the auth feature observes it to give
 * the creator MANAGE on the model, as MLflow's basic-auth app does.
 */
public record RegisteredModelCreated(String name) {}
