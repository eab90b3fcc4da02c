package io.homelab.observer.common.wire;

/**
 * Output of an exec; output beyond the agent's limit is cut and {@code truncated} is set.
 *
 * @param exitCode the command's exit code
 */
public record ExecResult(long exitCode, String stdout, String stderr, boolean truncated) {}
