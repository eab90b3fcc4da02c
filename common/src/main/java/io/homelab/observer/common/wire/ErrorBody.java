package io.homelab.observer.common.wire;

/**
 * Error body of the agent and the controller (SPEC.md): {@code {"error","message"}}, error in
 * UPPER_SNAKE.
 */
public record ErrorBody(String error, String message) {}
