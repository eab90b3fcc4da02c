package io.homelab.observer.tracking.experiment;

/**
 * Fired synchronously, on the request thread, after an experiment was created; the auth feature
 * observes it to give the creator MANAGE, as MLflow's basic-auth app does after experiments/create.
 */
public record ExperimentCreated(String experimentId, String name) {}
