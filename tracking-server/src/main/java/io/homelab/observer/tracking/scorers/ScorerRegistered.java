package io.homelab.observer.tracking.scorers;

/**
 * Fired synchronously, on the request thread, after a scorer version was registered; the auth
 * feature observes it to give the caller MANAGE on the scorer, as MLflow's basic-auth app does
 * after scorers/register.
 */
public record ScorerRegistered(String experimentId, String name) {}
