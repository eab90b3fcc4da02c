package io.homelab.observer.tracking.scorers;

/**
 * Fired synchronously after a whole scorer (every version) was deleted; the auth feature observes
 * it to drop the permission rows of that scorer, as MLflow's basic-auth app does.
 */
public record ScorerDeleted(String experimentId, String name) {}
